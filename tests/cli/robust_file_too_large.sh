# A disk that fills up while the output is written (simulated with a file
# size limit, which needs no mount and no root: write() then fails with
# EFBIG once SIGXFSZ is ignored, as it is for a shell trap inherited by
# exec): exit 4 naming the output, no temporary file, no partial output,
# and a previous output of that name left as it was.
. "$ROOT/tests/cli/_robust_lib.sh"
echo "previous" > out.json
expect_run 4 "out.json: write failed: File too large" \
    sh -c 'trap "" XFSZ; ulimit -f 2; exec "$0" check "$1" --json out.json' "$MUSAWAT" "$DATA/fr_cp1252.csv"
[ "$(cat out.json)" = previous ] || bad "the previous out.json was changed"
expect_run 4 "x.json: write failed: File too large" \
    sh -c 'trap "" XFSZ; ulimit -f 2; exec "$0" audit "$1" --json x.json -o x.xlsx' "$MUSAWAT" "$DATA/egapro_walkthrough_a.csv"
[ "$(listing .)" = "out.json" ] || bad "files left behind: $(listing .)"
# the same commands without the limit succeed (the limit is what failed)
"$MUSAWAT" check "$DATA/fr_cp1252.csv" --json out.json >/dev/null 2>&1 || bad "check --json out.json failed without the limit"
[ "$(wc -c <out.json)" -gt 1024 ] || bad "out.json is smaller than the 1 KiB limit: the test proves nothing"
finish "file-too-large: exit 4, nothing left behind"
