#!/bin/sh
# Runs every test suite and ends with the line "N passed, N failed".
# Usage: tests/run_all.sh [unit|cli|fuzz|xlsx ...]   (default: all)
# Environment: BUILD (build folder), VALGRIND=1 (every suite under valgrind).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
export ROOT BUILD
export LC_ALL=C TZ=UTC
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
export MUSAWAT_TEMPLATES="$ROOT/templates"
SUITES=${*:-unit cli fuzz xlsx}
PASS=0
FAIL=0
FAILED_NAMES=""
LOG="$BUILD/test-logs"
rm -rf "$LOG"; mkdir -p "$LOG"

# VALGRIND=1: every musawat run of the CLI and workbook tests goes through
# memcheck; a memory error or a definite/indirect leak makes it exit 99,
# which no test expects. MUSAWAT_REAL names the binary itself (for tests that
# must not run under valgrind, such as the LD_PRELOAD allocation-failure
# injection). Each unit-test program and each corpus replay is also run once
# under memcheck, and anything it finds counts as one more failure; their
# passes are counted from the native run, for the reason given below.
MUSAWAT_CMD="$BUILD/musawat"
MEMCHECK=""
if [ "${VALGRIND:-0}" = 1 ]; then
    command -v valgrind >/dev/null || { echo "VALGRIND=1 but valgrind is not installed" >&2; exit 1; }
    MEMCHECK="valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --suppressions=$ROOT/tests/valgrind.supp -q"
    # Memcheck first, its report on stderr and exit 99 if it finds anything;
    # then the same command natively for the outputs the test compares:
    # valgrind computes long double with double precision, so the figures
    # that use it (Oaxaca parts, benchmark ratios) would differ in their
    # last digits from the goldens under it. No test feeds musawat stdin.
    MUSAWAT_CMD="$BUILD/valgrind-musawat"
    cat >"$MUSAWAT_CMD" <<EOF
#!/bin/sh
log=\$(mktemp "\${TMPDIR:-/tmp}/musawat-vg.XXXXXX") || exit 98
valgrind --log-file="\$log" --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \\
    --suppressions="$ROOT/tests/valgrind.supp" -q "$BUILD/musawat" "\$@" >/dev/null 2>&1
if [ \$? = 99 ]; then cat "\$log" >&2; rm -f "\$log"; exit 99; fi
rm -f "\$log"
exec "$BUILD/musawat" "\$@"
EOF
    chmod +x "$MUSAWAT_CMD"
    # not passed on: LibreOffice's launcher (sources_equivalent) reads it as
    # `valgrind --tool=$VALGRIND`
    unset VALGRIND
fi
export MUSAWAT_REAL="$BUILD/musawat"

pass() { PASS=$((PASS + 1)); }
failed() { FAIL=$((FAIL + 1)); FAILED_NAMES="$FAILED_NAMES $1"; echo "FAIL: $1" >&2; }

# memcheck NAME CMD...: under VALGRIND=1, run CMD under memcheck (its output
# discarded) and count a failure if memcheck reports anything.
memcheck() {
    [ -n "$MEMCHECK" ] || return 0
    mname=$1; shift
    # shellcheck disable=SC2086  # MEMCHECK is a command line
    $MEMCHECK --log-file="$LOG/$mname.memcheck" "$@" >/dev/null 2>&1
    if [ $? = 99 ]; then
        failed "$mname (memcheck)"; head -60 "$LOG/$mname.memcheck" >&2
    fi
}

run_unit() {
    for t in "$BUILD"/tests/test_*; do
        [ -x "$t" ] || continue
        name=$(basename "$t")
        memcheck "$name" "$t"
        CMOCKA_MESSAGE_OUTPUT=TAP "$t" >"$LOG/$name.out" 2>&1
        rc=$?
        # a skipped test is not a pass: cmocka 1.1 prints it "not ok N #
        # SKIP", other TAP writers "ok N # SKIP"; either counts as failed
        ok=$(grep '^ok ' "$LOG/$name.out" | grep -vc '# SKIP')
        bad=$(grep -c '^not ok \|^ok .*# SKIP' "$LOG/$name.out")
        PASS=$((PASS + ok))
        FAIL=$((FAIL + bad))
        if [ "$bad" -gt 0 ] || [ "$rc" -ne 0 ] || [ "$ok" -eq 0 ]; then
            [ "$bad" -eq 0 ] && FAIL=$((FAIL + 1))
            FAILED_NAMES="$FAILED_NAMES $name"
            echo "FAIL: unit $name (exit $rc)" >&2
            grep -v '^ok ' "$LOG/$name.out" | head -40 >&2
        fi
        echo "unit $name: $ok passed, $bad failed"
    done
}

run_scripts() {   # $1 = folder of NAME.sh golden tests
    dir=$1
    for s in "$dir"/*.sh; do
        [ -f "$s" ] || continue
        case "$(basename "$s")" in run.sh|lib.sh|_*) continue ;; esac
        name=$(basename "$s" .sh)
        base="${s%.sh}"
        scratch=$(mktemp -d)
        (cd "$scratch" && DATA="$ROOT/tests/data" MUSAWAT="$MUSAWAT_CMD" TOOLS="$BUILD/tools" \
            SCRATCH="$scratch" sh "$s" >"$scratch/.stdout" 2>"$scratch/.stderr")
        rc=$?
        want=0
        [ -f "$base.exit" ] && want=$(cat "$base.exit")
        ok=1
        if [ "$rc" != "$want" ]; then ok=0; echo "  $name: exit $rc, expected $want" >&2; fi
        if [ -f "$base.stdout.exact" ] && ! cmp -s "$base.stdout.exact" "$scratch/.stdout"; then
            ok=0; echo "  $name: stdout differs:" >&2; diff "$base.stdout.exact" "$scratch/.stdout" | head -20 >&2
        fi
        if [ -f "$base.stderr.exact" ] && ! cmp -s "$base.stderr.exact" "$scratch/.stderr"; then
            ok=0; echo "  $name: stderr differs:" >&2; diff "$base.stderr.exact" "$scratch/.stderr" | head -20 >&2
        fi
        if [ $ok -eq 1 ]; then pass; else
            failed "$name"; echo "  --- stderr of $name:" >&2; head -20 "$scratch/.stderr" >&2
        fi
        rm -rf "$scratch"
    done
}

run_fuzz_replay() {
    for r in "$BUILD"/fuzz/replay_*; do
        [ -x "$r" ] || continue
        target=${r##*/replay_}
        corpus="$ROOT/tests/fuzz/corpus/$target"
        if [ ! -d "$corpus" ] || [ -z "$(ls -A "$corpus" 2>/dev/null)" ]; then
            failed "fuzz-$target (no corpus)"; continue
        fi
        memcheck "fuzz-$target" "$r" "$corpus"
        if "$r" "$corpus" >"$LOG/fuzz-$target.out" 2>&1; then pass; else
            failed "fuzz-$target"; tail -20 "$LOG/fuzz-$target.out" >&2
        fi
    done
}

for s in $SUITES; do
    case $s in
    unit) run_unit ;;
    cli) run_scripts "$ROOT/tests/cli" ;;
    fuzz) run_fuzz_replay ;;
    xlsx) run_scripts "$ROOT/tests/xlsx" ;;
    *) echo "unknown suite $s" >&2; FAIL=$((FAIL + 1)) ;;
    esac
done

[ -n "$FAILED_NAMES" ] && echo "failed:$FAILED_NAMES"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ] && [ "$PASS" -gt 0 ]
