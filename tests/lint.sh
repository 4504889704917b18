#!/bin/sh
# make lint: cppcheck, clang-tidy, include-boundary and banned-function greps.
set -u
cd "$(dirname "$0")/.."
st=0
echo "lint: banned functions"
if grep -nE '\b(sprintf|vsprintf|strcpy|strcat|atoi|atol|strtok|gets)[[:space:]]*\(' audit/*.c reports/*.c; then
    echo "lint: banned function used (see above)"; st=1
fi
echo "lint: include boundaries"
bad=$(grep -l '#include <csv.h>' audit/*.c reports/*.c 2>/dev/null | grep -v '^audit/csvin.c$')
[ -n "$bad" ] && { echo "csv.h included outside audit/csvin.c: $bad"; st=1; }
bad=$(grep -l '#include <pcre2.h>' audit/*.c reports/*.c 2>/dev/null | grep -v '^audit/patterns.c$')
[ -n "$bad" ] && { echo "pcre2.h included outside audit/patterns.c: $bad"; st=1; }
bad=$(grep -l 'xlsxwriter.h' audit/*.c audit/*.h 2>/dev/null)
[ -n "$bad" ] && { echo "xlsxwriter.h included outside reports/: $bad"; st=1; }
bad=$(grep -lE '\b(printf|fprintf|puts|fputs|exit)[[:space:]]*\(' audit/*.c reports/*.c | grep -v '^audit/main.c$')
if [ -n "$bad" ]; then
    # snprintf/vsnprintf are fine; look for real printing
    real=$(grep -nE '(^|[^sn])(printf|fprintf|puts|fputs)[[:space:]]*\(|[^_a-z]exit[[:space:]]*\(' $bad | grep -v 'snprintf' || true)
    [ -n "$real" ] && { echo "library code prints or exits:"; echo "$real"; st=1; }
fi
if command -v cppcheck >/dev/null; then
    echo "lint: cppcheck"
    cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr \
        --suppress=missingIncludeSystem -Iaudit -Ireports audit reports || st=1
fi
mkdir -p build; : > build/lint-tidy.txt
if command -v clang-tidy >/dev/null; then
    echo "lint: clang-tidy"
    flags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iaudit -Ireports $(pkg-config --cflags xlsxwriter libpcre2-8 gsl jansson libzip 2>/dev/null)"
    for f in audit/*.c reports/*.c; do
        clang-tidy --quiet --checks='-*,clang-analyzer-*,bugprone-*,-bugprone-easily-swappable-parameters,-bugprone-narrowing-conversions,-bugprone-reserved-identifier,-bugprone-assignment-in-if-condition,-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling' \
            --warnings-as-errors='clang-analyzer-*' "$f" -- $flags 2>/dev/null | grep -E 'warning:|error:' | tee -a build/lint-tidy.txt | grep -q 'error:' && st=1
    done
fi
[ $st -eq 0 ] && echo "lint: clean"
exit $st
