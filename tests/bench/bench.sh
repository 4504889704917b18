#!/bin/sh
# make bench: generate workforce extracts with gen_hr (cp1252, ';', decimal
# commas, French headers) and measure, per size, the end-to-end `musawat audit`
# (wall time, rows/s, MB/s, peak RSS via tests/tools/rss) and the read /
# compute / json / workbook stages (tests/tools/bench_stages).
# Environment: BUILD (build folder), BENCH_SIZES (default "10000 1000000 10000000"),
# BENCH_DIR (scratch folder, default a fresh temporary one, removed at the end),
# BENCH_PERIOD (default 2025), BENCH_SUMMARIES (summaries for the benchmark
# step, default 10000; 0 skips it), BENCH_XLSX_SIZES (also time the .xlsx reader on
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

report_cmd() {   # report_cmd LABEL RSSFILE ERRFILE ROWS BYTES
    awk -v l="$1" -v n="$4" -v b="$5" -v s="$(field elapsed_s "$2")" -v kb="$(field maxrss_kb "$2")" \
        -v st="$(field status "$2")" 'BEGIN {
        if (s <= 0) s = 0.0005
        printf "  %-9s %8.3f s", l, s
        if (st == 0 && n > 0) printf "  %10.0f rows/s  %8.1f MB/s", n / s, b / 1e6 / s
        printf "  peak RSS %7.1f MB  exit %s\n", kb / 1024, st }'
    [ "$(field status "$2")" = 0 ] || echo "    $(head -c 300 "$3" | tr '\n' ' ')"
}

# musawat benchmark over BENCH_SUMMARIES summaries: four employers (profiles
# 0-3) summarised once, then copied under distinct employer names.
bench_benchmark() {
    count=${BENCH_SUMMARIES:-10000}
    [ "$count" -gt 0 ] 2>/dev/null || return 0
    dir="$WORK/benchmark"
    mkdir -p "$dir/s"
    for p in 0 1 2 3; do
        "$TOOLS/gen_hr" "$dir/p$p" 2000 "$((p + 11))" --profile "$p" --no-applicants >/dev/null &&
        "$MUSAWAT" summary --quiet --period "$PERIOD" --employer "BenchEmployerP$p" --sector C1$p \
            --region Casablanca-Settat -o "$dir/base$p.json" "$dir/p$p/demo_personnel.csv" 2>"$dir/base.err" || {
            echo "benchmark over $count summaries: skipped (summary failed: $(head -c 200 "$dir/base.err" | tr '\n' ' '))"
            rm -rf "$dir"; return 0; }
    done
    awk -v count="$count" -v out="$dir/s" '
        FNR == 1 { f++ } { text[f] = text[f] $0 "\n" }
        END { for (i = 1; i <= count; i++) { k = (i - 1) % f + 1; t = text[k]
                  gsub("BenchEmployerP" (k - 1), "Employer" i, t)
                  name = sprintf("%s/%05d.summary.json", out, i); printf "%s", t > name; close(name) } }' \
        "$dir/base0.json" "$dir/base1.json" "$dir/base2.json" "$dir/base3.json"
    "$TOOLS/rss" -o "$dir/b.rss" "$MUSAWAT" benchmark --quiet -o "$dir/sector.xlsx" --json "$dir/sector.json" \
        "$dir"/s/*.summary.json >/dev/null 2>"$dir/b.err"
    echo "benchmark over $count summaries:"
    report_cmd "benchmark" "$dir/b.rss" "$dir/b.err" 0 0
    rm -rf "$dir"
}

echo "musawat bench on $(uname -m), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo ?) cores; period $PERIOD"
printf '%-10s %9s %7s %8s %8s %11s %8s %10s %7s %6s  %s\n' rows file_MB gen_s audit_s cpu_s rows/s MB/s peakRSS_MB xfile status target
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
    cpu=$(awk -v u="$(field user_s "$dir/audit.rss")" -v s="$(field sys_s "$dir/audit.rss")" 'BEGIN { print u + s }')
    kb=$(field maxrss_kb "$dir/audit.rss")
    st=$(field status "$dir/audit.rss")
    # target (QUALITY.md): time limit by size, memory 50 MB at 10 000 rows
    # and below, else 2 x the file size
    awk -v n="$n" -v b="$bytes" -v g="$gen_s" -v s="$secs" -v c="$cpu" -v kb="$kb" -v st="$st" 'BEGIN {
        if (s <= 0) s = 0.0005
        lim = n <= 10000 ? 0.3 : n <= 1000000 ? 2 : 25
        mem = n <= 10000 ? 50 : 2 * b / 1048576
        verdict = sprintf("time %s (< %g s), memory %s (< %.0f MB)", s < lim ? "met" : "NOT met", lim,
                          kb / 1024 < mem ? "met" : "NOT met", mem)
        if (st != 0) printf "%-10d %9.1f %7.2f %8.3f %8.3f %11s %8s %10.1f %7.2f %6s\n", n, b / 1e6, g, s, c, "-", "-", kb / 1024, kb * 1024 / b, st
        else printf "%-10d %9.1f %7.2f %8.3f %8.3f %11.0f %8.1f %10.1f %7.2f %6s  %s\n", n, b / 1e6, g, s, c, n / s, b / 1e6 / s, kb / 1024, kb * 1024 / b, st, verdict }'
    if [ "$st" != 0 ]; then
        echo "  audit exit $st: $(head -c 300 "$dir/audit.err" | tr '\n' ' ')"
    fi
    "$TOOLS/bench_stages" "$dir" "$wf" "$ap" --period "$PERIOD" 2>&1
    "$TOOLS/rss" -o "$dir/summary.rss" "$MUSAWAT" summary --quiet --period "$PERIOD" --employer "Bench $n" \
        --sector C13 --region Casablanca-Settat -o "$dir/s.summary.json" "$wf" >/dev/null 2>"$dir/summary.err"
    report_cmd "summary" "$dir/summary.rss" "$dir/summary.err" "$n" "$bytes"
    rm -rf "$dir"
done
bench_benchmark
for n in ${BENCH_XLSX_SIZES:-}; do
    dir="$WORK/xlsx$n"
    mkdir -p "$dir"
    "$TOOLS/gen_hr" "$dir" "$n" 1 --no-applicants >/dev/null && "$TOOLS/gen_xlsx" "$dir/demo_personnel.csv" "$dir/w.xlsx" || {
        echo "bench: xlsx fixture $n failed" >&2; continue; }
    sheet_b=$(unzip -l "$dir/w.xlsx" 2>/dev/null | awk '/sheet1.xml/ { print $1 }')
    "$TOOLS/rss" -o "$dir/x.rss" "$TOOLS/xlsx_rows" "$dir/w.xlsx" >"$dir/x.out" 2>&1
    # target (issue "More sources"): 1 000 000 rows read in < 10 s, peak < 2 x the sheet XML
    awk -v n="$n" -v f="$(wc -c <"$dir/w.xlsx")" -v sb="${sheet_b:-0}" \
        -v s="$(field elapsed_s "$dir/x.rss")" -v u="$(field user_s "$dir/x.rss")" -v kb="$(field maxrss_kb "$dir/x.rss")" 'BEGIN {
        if (s <= 0) s = 0.0005
        printf "xlsx read %d rows: file %.1f MB, sheet XML %.1f MB, %.2f s (cpu %.2f s), %.0f rows/s, %.1f MB/s of XML, peak RSS %.1f MB",
               n, f / 1e6, sb / 1e6, s, u, n / s, sb / 1e6 / s, kb / 1024
        if (n >= 1000000) printf "  time %s (< 10 s), memory %s (< 2 x sheet XML)", s * 1000000 / n < 10 ? "met" : "NOT met",
                                 kb * 1024 < 2 * sb ? "met" : "NOT met"
        printf "\n" }'
    cat "$dir/x.out"
    echo "  the same workbook through musawat's reading (header mapping, values, dataset):"
    "$TOOLS/bench_stages" "$dir" "$dir/w.xlsx" --period "$PERIOD" 2>&1 | grep -E "stage read|rows accepted"
    rm -rf "$dir"
done
echo "targets (QUALITY.md): 10 000 rows < 0.3 s and < 50 MB; 1 000 000 rows < 2 s; 10 000 000 rows < 25 s; peak < 2 x file size"
echo "audit_s is wall time, cpu_s user + sys of all threads (wall time depends on what else the machine runs)"
