#!/bin/sh
# make fuzz: build every tests/fuzz/fuzz_*.c as a libFuzzer binary (clang,
# ASan+UBSan) and run it FUZZ_TIME seconds on a copy of its corpus; the corpus
# is then minimised (libFuzzer -merge into a fresh folder) and written back to
# tests/fuzz/corpus/<t>/, keeping every saved crash-* input so `make test`
# replays them forever. Usage: run_fuzz.sh [TARGET...]  (default: all).
# A crash in one target does not stop the others; the exit status is 1 if any
# target crashed. FUZZ_ARGS adds libFuzzer flags to the runs, e.g.
# FUZZ_ARGS=-entropic=0: on targets whose inputs light up thousands of
# features (egapro, audit) libFuzzer's entropic schedule costs most of the
# time, and turning it off gave 2.7x the executions (egapro 162 -> 436/s).
# FUZZ_TIME=0 only builds the targets (build-fuzz/fuzz_<t>).
# FUZZ_NOCMP=1 builds without compare tracing (-fno-sanitize-coverage=
# trace-cmp), in build-fuzz-nocmp/: libFuzzer then learns only from edges
# and from the strcmp/memcmp hooks, but the whole-audit target runs 1.6 times
# faster (its callbacks for integer compares were a third of its time), which
# is what lets its ten-million run fit in a few hours. Its corpus, grown with
# compare tracing on, is the starting point either way.
# For long runs ASAN_OPTIONS=malloc_context_size=0 saves ASan the stack of
# every allocation (about a sixth of audit's time); a crash it finds is replayed
# with full stacks by build/fuzz/replay_<t> or `make check`.
set -eu
cd "$(dirname "$0")/../.."
FUZZ_TIME=${FUZZ_TIME:-60}
OUT=build-fuzz
COV=""
if [ "${FUZZ_NOCMP:-0}" = 1 ]; then OUT=build-fuzz-nocmp; COV=-fno-sanitize-coverage=trace-cmp; fi
mkdir -p "$OUT"
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 -fsanitize=fuzzer-no-link,address,undefined $COV -Iaudit -Ireports $(pkg-config --cflags xlsxwriter libpcre2-8 gsl jansson libzip expat)"
LIBS="$(pkg-config --libs xlsxwriter libpcre2-8 gsl jansson libzip expat libcrypto) -lcsv -lm -lpthread"
export MUSAWAT_TEMPLATES="${MUSAWAT_TEMPLATES:-$PWD/templates}"
objs=""
for src in audit/*.c reports/*.c; do
    [ "$src" = audit/main.c ] && continue
    o="$OUT/$(echo "$src" | tr / _).o"
    if [ ! -f "$o" ] || [ "$src" -nt "$o" ] || [ -n "$(find audit reports -name '*.h' -newer "$o" | head -1)" ]; then
        clang $CFLAGS -c "$src" -o "$o"
    fi
    objs="$objs $o"
done
# Linked from an archive, each target holds only the objects it calls:
# libFuzzer scans every coverage counter of the binary after each input, and
# the reports/ code and the CLI-only modules the targets never reach made
# it slower (whole-audit target: about 5 to 8 % more executions without).
lib="$OUT/libmusawat.a"
if [ ! -f "$lib" ] || [ -n "$(find "$OUT" -name '*.o' -newer "$lib" | head -1)" ]; then
    rm -f "$lib"; ar rcs "$lib" $objs
fi
targets=${*:-$(for f in tests/fuzz/fuzz_*.c; do basename "$f" .c | sed 's/^fuzz_//'; done)}
status=0
for t in $targets; do
    f=tests/fuzz/fuzz_$t.c
    [ -f "$f" ] || { echo "fuzz: no target $t"; status=1; continue; }
    clang $CFLAGS -fsanitize=fuzzer "$f" "$lib" $LIBS -o "$OUT/fuzz_$t"
    [ "$FUZZ_TIME" = 0 ] && continue
    corpus=tests/fuzz/corpus/$t
    work="$OUT/corpus_$t"
    mkdir -p "$corpus" "$work"
    echo "fuzz: $t for ${FUZZ_TIME}s"
    # shellcheck disable=SC2086  # FUZZ_ARGS is a list of flags
    if ! "$OUT/fuzz_$t" -max_total_time="$FUZZ_TIME" -artifact_prefix="$corpus/crash-" \
        -print_final_stats=1 -timeout=20 -rss_limit_mb=2048 ${FUZZ_ARGS:-} "$work" "$corpus" 2>"$OUT/fuzz_$t.log"; then
        echo "fuzz: $t found a crash (saved in $corpus); see $OUT/fuzz_$t.log"; tail -30 "$OUT/fuzz_$t.log"
        status=1; continue
    fi
    grep -E 'stat::number_of_executed_units' "$OUT/fuzz_$t.log" || true
    min="$OUT/min_$t"
    rm -rf "$min"; mkdir -p "$min"
    if "$OUT/fuzz_$t" -merge=1 "$min" "$corpus" "$work" >"$OUT/merge_$t.log" 2>&1 && [ -n "$(ls -A "$min")" ]; then
        for c in "$corpus"/*; do
            case "$(basename "$c")" in crash-*|regress-*) cp "$c" "$min/" ;; esac
        done
        rm -rf "$corpus"; mv "$min" "$corpus"
    fi
    echo "fuzz: $t corpus $(ls "$corpus" | wc -l) files, $(du -sk "$corpus" | cut -f1) KiB"
done
exit $status
