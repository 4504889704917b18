# Allocation-failure injection: `check`, `audit --json` (CSV and .xlsx),
# `summary` (from an extract, and --merge), `benchmark` and `demo` are run with the
# Nth allocation failing (tests/robust/failmalloc.c, LD_PRELOAD), for every N
# of the first $HEAD allocations of a successful run and a spread of points
# after. Each run must end with the status of the uninjected run and the same
# outputs (the failure was absorbed), or with exit 5 and exactly one line on
# stderr saying "out of memory"; never a signal or another code. The output
# folder must then hold no temporary file and no partial output (an output
# that a failing run leaves must be the complete one of the uninjected run),
# and the shim must count no leaked block.
# Environment: ALLOC_HEAD (default 200), ALLOC_SPREAD (default 120 points).
#
# Allocations made inside libxlsxwriter and the zip libraries it packs the
# file with (minizip, zlib) are spared (MUSAWAT_FAIL_SPARE):
# libxlsxwriter 1.1.4 does not survive them - it prints "[ERROR] Memory
# allocation failed" and carries on with a format missing, or crashes in its
# hash table. Our code around it, and every other library, is swept.
#
# Under the sanitizer build the shim cannot be used (ASan owns malloc and
# LD_PRELOAD of another allocator conflicts with it). There the script checks
# what it still can: the uninjected runs end as expected, leave only their
# outputs, and ASan's leak checker (detect_leaks=1, from `make check`) finds
# nothing - a leak report makes the status differ and the test fail.
set -u
HEAD=${ALLOC_HEAD:-200}
ONLY=""   # MUSAWAT_FAIL_ONLY of the next sweep: count and fail inside these libraries only
SPREAD=${ALLOC_SPREAD:-120}
BIN=$MUSAWAT
# under `make valgrind` MUSAWAT is a wrapper script; inject into the real
# binary (valgrind replaces malloc itself, so the shim would count nothing)
[ -n "${MUSAWAT_REAL:-}" ] && BIN=$MUSAWAT_REAL
case "$BIN" in *build-san*) SAN=1 ;; *) SAN=0 ;; esac
if [ $SAN -eq 0 ] && ldd "$BIN" 2>/dev/null | grep -q libasan; then SAN=1; fi
fails=0
bad() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

listing() { (cd "$1" && ls -A | LC_ALL=C sort); }

# run_case NAME N CMD...: run in a fresh folder out.N; N=0 means no injection.
run_case() {
    name=$1; n=$2; shift 2
    dir="$SCRATCH/$name.$n"
    rm -rf "$dir"; mkdir -p "$dir"
    if [ "$n" = 0 ] || [ $SAN -eq 1 ]; then
        (cd "$dir" && MUSAWAT_FAIL_SPARE=libxlsxwriter,libminizip,libz.so MUSAWAT_FAIL_ONLY="$ONLY" \
            MUSAWAT_FAIL_REPORT="$SCRATCH/rep" LD_PRELOAD="${SHIM:-}" \
            "$BIN" "$@" >../$name.$n.out 2>../$name.$n.err)
    else
        (cd "$dir" && MUSAWAT_FAIL_AT=$n MUSAWAT_FAIL_SPARE=libxlsxwriter,libminizip,libz.so MUSAWAT_FAIL_ONLY="$ONLY" \
            MUSAWAT_FAIL_REPORT="$SCRATCH/rep" \
            LD_PRELOAD="$SHIM" "$BIN" "$@" \
            >../$name.$n.out 2>../$name.$n.err)
    fi
    echo $? >"$SCRATCH/$name.$n.rc"
}

# judge NAME N: compare run N of NAME with its baseline (run 0)
judge() {
    name=$1; n=$2
    base="$SCRATCH/$name.0"; run="$SCRATCH/$name.$n"
    rc=$(cat "$run.rc"); brc=$(cat "$base.rc")
    if [ "$rc" -ge 128 ]; then bad "$name N=$n: killed by signal $((rc - 128))"; sed -n 1,5p "$run.err" >&2; return; fi
    if [ $SAN -eq 0 ]; then
        if [ ! -s "$SCRATCH/rep" ]; then bad "$name N=$n: no shim report (crashed before exit?)"; return; fi
        leaks=$(sed -n 's/^leaks //p' "$SCRATCH/rep")
        # GSL's gsl_matrix_alloc/gsl_vector_alloc leak their own struct when
        # the data block after it cannot be allocated (the struct is never
        # returned to us): tolerated only when the failed call was in libgsl
        # and every leaked block is such a struct.
        if grep -q '^failed_in libgsl' "$SCRATCH/rep" \
            && ! grep '^leak ' "$SCRATCH/rep" | grep -Evq '^leak libgsl[^ ]* gsl_(matrix|vector)_alloc$'; then
            leaks=0
        fi
        [ "$leaks" = 0 ] || { bad "$name N=$n: $leaks leaked block(s):"; grep '^leak ' "$SCRATCH/rep" | head -5 >&2; }
    fi
    for f in $(listing "$run"); do
        case "$f" in *.tmp*|.*) bad "$name N=$n: temporary file $f left behind"; continue ;; esac
        if [ ! -f "$base/$f" ]; then bad "$name N=$n: unexpected file $f"; continue; fi
        cmp -s "$base/$f" "$run/$f" || bad "$name N=$n: $f differs from the uninjected run's (partial output)"
    done
    if [ "$rc" = "$brc" ] && cmp -s "$base.out" "$run.out" && cmp -s "$base.err" "$run.err" \
        && [ "$(listing "$run")" = "$(listing "$base")" ]; then
        return  # the failure was absorbed and changed nothing
    fi
    if [ "$rc" != 5 ]; then
        bad "$name N=$n: exit $rc (uninjected: $brc)"; sed -n 1,5p "$run.err" >&2; return
    fi
    oom=$(grep -c 'out of memory' "$run.err")
    [ "$oom" = 1 ] || { bad "$name N=$n: $oom 'out of memory' line(s) on stderr:"; sed -n 1,5p "$run.err" >&2; }
    grep -q '^musawat: .*out of memory' "$run.err" || bad "$name N=$n: error line does not start with musawat:"
}

# points TOTAL: 1..HEAD, then SPREAD points evenly spread over the rest
points() {
    total=$1
    i=1
    while [ $i -le "$HEAD" ] && [ $i -le "$total" ]; do echo $i; i=$((i + 1)); done
    [ "$total" -le "$HEAD" ] && return
    step=$(((total - HEAD) / SPREAD)); [ $step -lt 1 ] && step=1
    i=$((HEAD + step / 2 + 1))
    while [ $i -le "$total" ]; do echo $i; i=$((i + step)); done
    echo "$total"
}

sweep() {   # sweep NAME CMD...
    name=$1; shift
    run_case "$name" 0 "$@"
    if [ $SAN -eq 1 ]; then judge "$name" 0; return; fi
    total=$(sed -n 's/^calls //p' "$SCRATCH/rep")
    [ -n "$total" ] && [ "$total" -gt 0 ] || { bad "$name: no allocation counted"; return; }
    tested=0
    for n in $(points "$total"); do
        run_case "$name" "$n" "$@"
        grep -q '^failed 1' "$SCRATCH/rep" || { [ "$n" -le "$total" ] && bad "$name N=$n: injection did not happen"; }
        judge "$name" "$n"
        rm -rf "$SCRATCH/$name.$n" "$SCRATCH/$name.$n".*
        tested=$((tested + 1))
    done
    echo "$name: $total allocations in a successful run, $tested fault points tested"
}

if [ $SAN -eq 0 ]; then
    SHIM="$SCRATCH/failmalloc.so"
    cc -O1 -shared -fPIC "$ROOT/tests/robust/failmalloc.c" -o "$SHIM" -ldl -lpthread || { echo "cannot build the shim" >&2; exit 1; }
    # the shim must itself work: one injected failure in a trivial program
    run_case selftest 0 --version
    grep -q '^calls ' "$SCRATCH/rep" || bad "shim counted nothing"
else
    SHIM=""
    echo "sanitizer build: no injection; uninjected runs checked under ASan's leak checker"
fi

sweep checkjson check "$DATA/fr_cp1252.csv" --json c.json
sweep audit audit "$DATA/egapro_walkthrough_a.csv" --json x.json -o x.xlsx
# summaries: written from an extract, merged, benchmarked (summaries read by
# threads; jansson's own allocations are swept too, parser and builder)
S="$DATA/summaries"
sweep summary summary --employer "Bahia Agro" --sector C10 "$DATA/egapro_walkthrough_a.csv" -o b.summary.json
sweep merge summary --merge "$S/atlas.summary.json" "$S/bahia.summary.json" -o m.summary.json
sweep benchmark benchmark -q --focus "Bahia Agro" --by sector "$S/atlas.summary.json" "$S/bahia.summary.json" \
    "$S/cedre.summary.json" -o sector.xlsx --json sector.json
# an .xlsx extract (libzip and expat report some failed allocations as a
# damaged archive or malformed XML: they must still end as out of memory)
"$TOOLS/csv2xlsx" "$DATA/sources_same.csv" "$SCRATCH/same.xlsx" Personnel || bad "csv2xlsx failed"
sweep xlsx audit -q "$SCRATCH/same.xlsx" --json x.json -o x.xlsx
# the demo: generator, both extracts, audit, summaries and benchmark
sweep demo demo -o . --employees 40 --applicants-count 30 -q
# every allocation GSL makes in an audit whose adjusted gap falls back from
# cells to rows (60 employees: more cells than rows / 8), one at a time:
# the fallback's second pass_init freed its sums twice when it failed
mkdir -p "$SCRATCH/gen" && (cd "$SCRATCH/gen" && "$BIN" demo -o . --employees 60 --applicants-count 40 -q >/dev/null 2>&1) \
    || bad "demo extract not generated"
ONLY=libgsl
sweep gsl audit -q "$SCRATCH/gen/demo_personnel.csv" --json x.json -o x.xlsx
ONLY=

# the baselines must be what the CLI promises
[ "$(cat "$SCRATCH/checkjson.0.rc")" = 0 ] || bad "uninjected check: exit $(cat "$SCRATCH/checkjson.0.rc")"
[ -f "$SCRATCH/checkjson.0/c.json" ] || bad "uninjected check --json wrote no c.json"
grep -q '"rows_read"' "$SCRATCH/audit.0/x.json" 2>/dev/null || bad "uninjected audit wrote no JSON with rows_read"
for f in summary.0/b.summary.json merge.0/m.summary.json benchmark.0/sector.json benchmark.0/sector.xlsx \
    xlsx.0/x.json demo.0/audit.json demo.0/sector.xlsx gsl.0/x.json; do
    [ -s "$SCRATCH/$f" ] || bad "uninjected run wrote no $f"
done
grep -q '"employer_list"' "$SCRATCH/benchmark.0/sector.json" 2>/dev/null || bad "uninjected benchmark JSON has no employer_list"

[ $fails -eq 0 ] || { echo "$fails failure(s)" >&2; exit 1; }
echo "alloc-fail: all runs ended cleanly"
