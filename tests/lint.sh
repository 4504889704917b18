#!/bin/sh
# make lint: cppcheck, clang-tidy, include-boundary and banned-function greps.
# Every stage runs even when an earlier one fails, and a summary at the end
# says which stages failed. clang-tidy runs on the files in parallel
# (LINT_JOBS, default: the number of cores), each file under a time limit
# (LINT_FILE_TIMEOUT seconds, default 300) so one slow file cannot hang it.
# Complete clang-tidy output: build/lint-tidy.txt. Every clang-analyzer and
# bugprone finding fails the stage; int8_t is the type of the small coded
# columns (sex, CSP, levels; -1 = not given), not of characters, so
# bugprone-signed-char-misuse ignores it.
set -u
cd "$(dirname "$0")/.."
failed=""
fail() { failed="$failed $1"; }

echo "lint: banned functions"
if grep -nE '\b(sprintf|vsprintf|strcpy|strcat|atoi|atol|strtok|gets)[[:space:]]*\(' audit/*.c reports/*.c; then
    echo "lint: banned function used (see above)"; fail banned
fi

echo "lint: include boundaries"
inc=0
bad=$(grep -l '#include <csv.h>' audit/*.c reports/*.c 2>/dev/null | grep -v '^audit/csvin.c$')
[ -n "$bad" ] && { echo "csv.h included outside audit/csvin.c: $bad"; inc=1; }
bad=$(grep -l '#include <pcre2.h>' audit/*.c reports/*.c 2>/dev/null | grep -v '^audit/patterns.c$')
[ -n "$bad" ] && { echo "pcre2.h included outside audit/patterns.c: $bad"; inc=1; }
bad=$(grep -l 'xlsxwriter.h' audit/*.c audit/*.h 2>/dev/null)
[ -n "$bad" ] && { echo "xlsxwriter.h included outside reports/: $bad"; inc=1; }
bad=$(grep -lE '\b(printf|fprintf|puts|fputs|exit)[[:space:]]*\(' audit/*.c reports/*.c | grep -v '^audit/main.c$')
if [ -n "$bad" ]; then
    # snprintf/vsnprintf are fine; look for real printing
    real=$(grep -nE '(^|[^sn])(printf|fprintf|puts|fputs)[[:space:]]*\(|[^_a-z]exit[[:space:]]*\(' $bad | grep -v 'snprintf' || true)
    [ -n "$real" ] && { echo "library code prints or exits:"; echo "$real"; inc=1; }
fi
[ $inc -eq 0 ] || fail includes

jobs=${LINT_JOBS:-$(nproc 2>/dev/null || echo 2)}
if command -v cppcheck >/dev/null; then
    echo "lint: cppcheck"
    cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr -j "$jobs" \
        --suppress=missingIncludeSystem -Iaudit -Ireports audit reports || fail cppcheck
else
    echo "lint: cppcheck not installed, skipped"
fi

mkdir -p build
out=build/lint-tidy.txt
: > "$out"
tidy_err=0 tidy_warn=0
if command -v clang-tidy >/dev/null; then
    nfiles=$(ls audit/*.c reports/*.c | wc -l)
    echo "lint: clang-tidy ($nfiles files, $jobs at a time)"
    dir=build/lint-tidy.d
    rm -rf "$dir"; mkdir -p "$dir"
    LINT_FLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iaudit -Ireports $(pkg-config --cflags xlsxwriter libpcre2-8 gsl jansson libzip 2>/dev/null)"
    LINT_CHECKS='-*,clang-analyzer-*,bugprone-*,-bugprone-easily-swappable-parameters,-bugprone-narrowing-conversions,-bugprone-reserved-identifier,-bugprone-assignment-in-if-condition,-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling'
    LINT_CONFIG='{CheckOptions: [{key: bugprone-signed-char-misuse.CharTypdefsToIgnore, value: int8_t}]}'
    LINT_DIR=$dir LINT_TIMEOUT=${LINT_FILE_TIMEOUT:-300}
    export LINT_FLAGS LINT_CHECKS LINT_CONFIG LINT_DIR LINT_TIMEOUT
    # One file per clang-tidy: its diagnostics (with notes) go to
    # DIR/<file>.log, its exit status to DIR/<file>.rc (124: timed out).
    # Largest files first, so no long file starts last and runs alone.
    ls -S audit/*.c reports/*.c | xargs -P "$jobs" -n 1 sh -c '
        f=$1; b=$LINT_DIR/$(echo "$f" | tr / _)
        timeout "$LINT_TIMEOUT" clang-tidy --quiet --checks="$LINT_CHECKS" \
            --config="$LINT_CONFIG" \
            --warnings-as-errors="clang-analyzer-*,bugprone-*" "$f" -- $LINT_FLAGS > "$b.log" 2> "$b.stderr"
        echo $? > "$b.rc"' sh
    for f in audit/*.c reports/*.c; do
        b=$dir/$(echo "$f" | tr / _)
        grep -E '(warning|error):' "$b.log" >> "$out" 2>/dev/null
        rc=$(cat "$b.rc" 2>/dev/null || echo missing)
        e=$(grep -c 'error:' "$b.log" 2>/dev/null); e=${e:-0}
        if [ "$rc" = 124 ]; then
            echo "clang-tidy: $f: timed out after $LINT_TIMEOUT s"; e=$((e + 1))
        elif [ "$rc" != 0 ] && [ "$e" -eq 0 ]; then
            # a crash or an unusable command line, not a finding
            echo "clang-tidy: $f: exit status $rc:"; tail -5 "$b.stderr"; e=1
        fi
        tidy_err=$((tidy_err + e))
        w=$(grep -c 'warning:' "$b.log" 2>/dev/null); tidy_warn=$((tidy_warn + ${w:-0}))
    done
    if [ $tidy_err -gt 0 ]; then
        echo "clang-tidy errors (notes explaining each: $dir/*.log):"
        grep 'error:' "$out"
        fail clang-tidy
    fi
    echo "lint: clang-tidy: $tidy_err errors, $tidy_warn warnings (all in $out)"
else
    echo "lint: clang-tidy not installed, skipped"
fi

if [ -z "$failed" ]; then
    echo "lint: clean"
    exit 0
fi
echo "lint: FAILED:$failed"
exit 1
