#!/bin/sh
# make fuzz: build every tests/fuzz/fuzz_*.c as a libFuzzer binary (clang,
# ASan+UBSan) and run it FUZZ_TIME seconds on a copy of its corpus; new
# interesting inputs are merged (minimised) back into tests/fuzz/corpus/<t>/,
# crashes are saved there too so `make test` replays them forever.
set -eu
cd "$(dirname "$0")/../.."
FUZZ_TIME=${FUZZ_TIME:-60}
OUT=build-fuzz
mkdir -p "$OUT"
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 -fsanitize=fuzzer-no-link,address,undefined -Iaudit -Ireports $(pkg-config --cflags xlsxwriter libpcre2-8 gsl jansson libzip expat)"
LIBS="$(pkg-config --libs xlsxwriter libpcre2-8 gsl jansson libzip expat libcrypto) -lcsv -lm -lpthread"
objs=""
for src in audit/*.c reports/*.c; do
    [ "$src" = audit/main.c ] && continue
    o="$OUT/$(echo "$src" | tr / _).o"
    clang $CFLAGS -c "$src" -o "$o"
    objs="$objs $o"
done
for f in tests/fuzz/fuzz_*.c; do
    [ -f "$f" ] || continue
    t=$(basename "$f" .c | sed 's/^fuzz_//')
    clang $CFLAGS -fsanitize=fuzzer "$f" $objs $LIBS -o "$OUT/fuzz_$t"
    corpus=tests/fuzz/corpus/$t
    work="$OUT/corpus_$t"
    mkdir -p "$corpus" "$work"
    echo "fuzz: $t for ${FUZZ_TIME}s"
    "$OUT/fuzz_$t" -max_total_time="$FUZZ_TIME" -artifact_prefix="$corpus/crash-" \
        -print_final_stats=1 "$work" "$corpus" 2>"$OUT/fuzz_$t.log" || {
        echo "fuzz: $t found a crash (saved in $corpus); see $OUT/fuzz_$t.log"; tail -30 "$OUT/fuzz_$t.log"; exit 1; }
    grep -E 'stat::number_of_executed_units' "$OUT/fuzz_$t.log" || true
    "$OUT/fuzz_$t" -merge=1 "$corpus" "$work" >/dev/null 2>&1 || true
done
