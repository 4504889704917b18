#!/bin/sh
# make bench: generate workforce extracts with gen_hr (cp1252, ';', decimal
# commas, French headers) and measure, per size, the end-to-end `musawat audit`
# (wall time, rows/s, MB/s, peak RSS via tests/tools/rss) and the read /
# compute / json / workbook stages (tests/tools/bench_stages).
# Environment: BUILD (build folder), BENCH_SIZES (default "10000 1000000 10000000"),
# BENCH_DIR (scratch folder, default a fresh temporary one, removed at the end),
# BENCH_PERIOD (default 2025), BENCH_XLSX_SIZES (also time the .xlsx reader on
# gen_hr extracts converted by gen_xlsx; default none, as the conversion is slow).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
TOOLS="$BUILD/tools"
MUSAWAT="$BUILD/musawat"
SIZES=${BENCH_SIZES-"10000 1000000 10000000"}
PERIOD=${BENCH_PERIOD:-2025}
export LC_ALL=C TZ=UTC
export MUSAWAT_TEMPLATES=${MUSAWAT_TEMPLATES:-"$ROOT/templates"}

for t in gen_hr rss bench_stages; do
    [ -x "$TOOLS/$t" ] || { echo "bench: $TOOLS/$t is missing (run make bench)" >&2; exit 1; }
done
[ -x "$MUSAWAT" ] || { echo "bench: $MUSAWAT is missing (run make bench)" >&2; exit 1; }

if [ -n "${BENCH_DIR:-}" ]; then WORK=$BENCH_DIR; mkdir -p "$WORK"; KEEP=1
else WORK=$(mktemp -d "${TMPDIR:-/tmp}/musawat-bench.XXXXXX"); KEEP=0; fi
cleanup() { [ "$KEEP" = 1 ] || rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

field() {   # field NAME FILE: value of NAME=... in an rss report
    tr ' ' '\n' <"$2" | sed -n "s/^$1=//p"
}

echo "musawat bench on $(uname -m), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo ?) cores; period $PERIOD"
printf '%-10s %10s %9s %9s %12s %9s %10s %7s\n' rows file_MB gen_s audit_s rows/s MB/s peakRSS_MB status
for n in $SIZES; do
    dir="$WORK/$n"
    mkdir -p "$dir"
    "$TOOLS/rss" -o "$dir/gen.rss" "$TOOLS/gen_hr" "$dir" "$n" 1 >"$dir/paths" 2>"$dir/gen.err" || {
        echo "bench: gen_hr $n failed: $(cat "$dir/gen.err")" >&2; continue; }
    wf=$(sed -n 1p "$dir/paths")
    ap=$(sed -n 2p "$dir/paths")
    bytes=$(wc -c <"$wf" | tr -d ' ')
    "$TOOLS/rss" -o "$dir/audit.rss" "$MUSAWAT" audit --quiet --period "$PERIOD" --applicants "$ap" \
        -o "$dir/audit.xlsx" --json "$dir/audit.json" "$wf" >"$dir/audit.out" 2>"$dir/audit.err"
    gen_s=$(field elapsed_s "$dir/gen.rss")
    secs=$(field elapsed_s "$dir/audit.rss")
    kb=$(field maxrss_kb "$dir/audit.rss")
    st=$(field status "$dir/audit.rss")
    awk -v n="$n" -v b="$bytes" -v g="$gen_s" -v s="$secs" -v kb="$kb" -v st="$st" 'BEGIN {
        if (s <= 0) s = 0.0005
        if (st != 0) printf "%-10d %10.1f %9.2f %9.3f %12s %9s %10.1f %7s\n", n, b / 1e6, g, s, "-", "-", kb / 1024, st
        else printf "%-10d %10.1f %9.2f %9.3f %12.0f %9.1f %10.1f %7s\n", n, b / 1e6, g, s, n / s, b / 1e6 / s, kb / 1024, st }'
    if [ "$st" != 0 ]; then
        echo "  audit exit $st: $(head -c 300 "$dir/audit.err" | tr '\n' ' ')"
    fi
    "$TOOLS/bench_stages" "$dir" "$wf" "$ap" --period "$PERIOD" 2>&1
    rm -rf "$dir"
done
for n in ${BENCH_XLSX_SIZES:-}; do
    dir="$WORK/xlsx$n"
    mkdir -p "$dir"
    "$TOOLS/gen_hr" "$dir" "$n" 1 --no-applicants >/dev/null && "$TOOLS/gen_xlsx" "$dir/demo_personnel.csv" "$dir/w.xlsx" || {
        echo "bench: xlsx fixture $n failed" >&2; continue; }
    sheet_mb=$(unzip -l "$dir/w.xlsx" 2>/dev/null | awk '/sheet1.xml/ { printf "%.1f", $1 / 1e6 }')
    "$TOOLS/rss" -o "$dir/x.rss" "$TOOLS/xlsx_rows" "$dir/w.xlsx" >"$dir/x.out" 2>&1
    awk -v n="$n" -v f="$(wc -c <"$dir/w.xlsx")" -v sm="${sheet_mb:-?}" \
        -v s="$(field elapsed_s "$dir/x.rss")" -v u="$(field user_s "$dir/x.rss")" -v kb="$(field maxrss_kb "$dir/x.rss")" 'BEGIN {
        printf "xlsx read %d rows: file %.1f MB, sheet XML %s MB, %.2f s (cpu %.2f s), %.0f rows/s, peak RSS %.1f MB\n",
               n, f / 1e6, sm, s, u, n / (s > 0 ? s : 0.0005), kb / 1024 }'
    cat "$dir/x.out"
    rm -rf "$dir"
done
echo "targets (QUALITY.md): 10 000 rows < 0.3 s and < 50 MB; 1 000 000 rows < 2 s; 10 000 000 rows < 25 s; peak < 2 x file size"
