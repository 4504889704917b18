# musawat - GNU Makefile. `make help` lists the targets.
#
# Out-of-tree objects: BUILD (default build/); the sanitizer build uses
# build-san/. Flags from pkg-config; libcsv has no .pc file (-lcsv).

BUILD    ?= build
PREFIX   ?= /usr/local
DESTDIR  ?=
CC       ?= cc
SDE      ?= 1767225600
PKGS     := xlsxwriter libpcre2-8 gsl jansson libzip expat libcrypto
WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wstrict-prototypes \
            -Wmissing-prototypes -Wvla
ifeq ($(CI),true)
WERROR   ?= -Werror
endif
ifeq ($(SAN),thread)
# ThreadSanitizer for the units whose code runs threads (make check).
WERROR   :=
SANFLAGS := -fsanitize=thread -fno-omit-frame-pointer
OPT      := -O1 -g
else ifeq ($(SAN),1)
# Warnings are errors in the optimised build; -O1 + sanitizers makes gcc's
# flow-based format-truncation warnings differ, so they are not errors here.
WERROR   :=
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
OPT      := -O1 -g
else
OPT      := -O2 -g
endif

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS += -Iaudit -Ireports $(PKG_CFLAGS) -DMUSAWAT_DATADIR='"$(PREFIX)/share/musawat"'
CFLAGS   += -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) $(WARN) $(WERROR) $(SANFLAGS) -MMD -MP
LDFLAGS  += $(SANFLAGS)
LDLIBS   += $(PKG_LIBS) -lcsv -lm -lpthread

LIB_SRC  := $(filter-out audit/main.c,$(wildcard audit/*.c)) $(wildcard reports/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
BIN      := $(BUILD)/musawat
LIB      := $(BUILD)/libmusawat.a

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
UNIT_HELP_SRC := $(filter-out $(UNIT_SRC),$(wildcard tests/unit/*.c))
UNIT_HELP_OBJ := $(UNIT_HELP_SRC:%.c=$(BUILD)/%.o)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
REPLAY_BIN := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=$(BUILD)/fuzz/replay_%)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=build-fuzz/fuzz_%)
TOOLS_SRC := $(wildcard tests/tools/*.c)
TOOLS_BIN := $(TOOLS_SRC:tests/tools/%.c=$(BUILD)/tools/%)

.PHONY: all demo test check valgrind bench fuzz lint install uninstall clean help deps build-tests

## all: build the musawat binary (default)
all: $(BIN)

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

$(BIN): $(BUILD)/audit/main.o $(LIB)
	$(CC) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(UNIT_HELP_OBJ) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $^ $(LIB) $(LDLIBS) -lcmocka -o $@

$(BUILD)/fuzz/replay_%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/replay.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $^ $(LIB) $(LDLIBS) -o $@

$(BUILD)/tools/%: $(BUILD)/tests/tools/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) $^ $(LIB) $(LDLIBS) -o $@

# every object's header dependencies, tools and fuzz targets included (a
# changed struct must rebuild everything that embeds it)
-include $(LIB_OBJ:.o=.d) $(BUILD)/audit/main.d $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%.d) \
         $(UNIT_HELP_OBJ:.o=.d) $(FUZZ_SRC:%.c=$(BUILD)/%.d) $(BUILD)/tests/fuzz/replay.d \
         $(TOOLS_SRC:%.c=$(BUILD)/%.d)

## deps: install the Debian packages the project needs (as root), else print the apt-get line
deps:
	@sh tests/deps.sh

build-tests: $(BIN) $(UNIT_BIN) $(REPLAY_BIN) $(TOOLS_BIN)

## demo: install what is missing, build, and audit the built-in demo data into demo/
demo: deps
	@$(MAKE) --no-print-directory all
	LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=$(SDE) $(BIN) demo -o demo --period 2025

## test: install what is missing, build, run unit, CLI, fuzz-replay and workbook tests
test: deps
	@$(MAKE) --no-print-directory build-tests
	@LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=$(SDE) BUILD=$(BUILD) sh tests/run_all.sh

## check: the tests under ASan + UBSan (build-san/), then the threaded units under TSan (build-tsan/)
TSAN_UNITS := csvin ingest sumfmt xlsxin
check: deps
	@$(MAKE) --no-print-directory BUILD=build-san SAN=1 build-tests
	@LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=$(SDE) BUILD=build-san \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 sh tests/run_all.sh
	@$(MAKE) --no-print-directory BUILD=build-tsan SAN=thread $(TSAN_UNITS:%=build-tsan/tests/test_%)
	@LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=$(SDE) BUILD=build-tsan \
	  TSAN_OPTIONS=halt_on_error=1:exitcode=66 sh tests/run_all.sh unit

## valgrind: every test suite under valgrind memcheck, leaks counted as errors
valgrind: deps
	@$(MAKE) --no-print-directory build-tests
	@LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=$(SDE) BUILD=$(BUILD) VALGRIND=1 sh tests/run_all.sh

## bench: generate 10k/1M/10M-row extracts and time read, compute, write (BENCH_SIZES to change)
bench: deps
	@$(MAKE) --no-print-directory all $(TOOLS_BIN)
	@LC_ALL=C TZ=UTC SOURCE_DATE_EPOCH=$(SDE) BUILD=$(BUILD) sh tests/bench/bench.sh

## fuzz: build libFuzzer targets with clang and run each for FUZZ_TIME seconds (default 60)
fuzz: deps
	@LC_ALL=C FUZZ_TIME=$(or $(FUZZ_TIME),60) sh tests/fuzz/run_fuzz.sh

## lint: cppcheck, clang-tidy, include-boundary and banned-function greps
lint:
	@sh tests/lint.sh

## install: install the binary, templates and man page under $(DESTDIR)$(PREFIX)
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/musawat/templates $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/musawat
	cp -R templates/. $(DESTDIR)$(PREFIX)/share/musawat/templates/
	install -m 644 docs/musawat.1 $(DESTDIR)$(PREFIX)/share/man/man1/musawat.1

## uninstall: remove what install put in place
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/musawat $(DESTDIR)$(PREFIX)/share/man/man1/musawat.1
	rm -rf $(DESTDIR)$(PREFIX)/share/musawat

## clean: remove build folders and demo output
clean:
	rm -rf build build-san build-tsan build-fuzz build-fuzz-nocmp demo

## help: list the targets
help:
	@grep -hE '^## ' $(firstword $(MAKEFILE_LIST)) | sed 's/^## /  /'
