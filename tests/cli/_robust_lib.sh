# Helpers for the robust_*.sh golden tests (files starting with _ are not
# run as tests). Each test counts failures in $fails and exits 1 when any.
fails=0
bad() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
# expect_run STATUS STDERR-SUBSTRING CMD...: run CMD, check its status and
# that stderr contains the text (the file it names, what went wrong).
expect_run() {
    want=$1; text=$2; shift 2
    "$@" >run.out 2>run.err
    rc=$?
    [ "$rc" = "$want" ] || { bad "$*: exit $rc, expected $want"; sed -n 1,5p run.err >&2; }
    grep -qF -- "$text" run.err || { bad "$*: stderr lacks \"$text\":"; sed -n 1,5p run.err >&2; }
    rm -f run.out run.err
}
listing() { (cd "$1" && ls | LC_ALL=C sort); }   # the runner keeps .stdout/.stderr here
finish() { [ "$fails" -eq 0 ] || { echo "$fails failure(s)" >&2; exit 1; }; echo "${1:-ok}"; }
