# A disk that fills up while the output is written (simulated with a file
# size limit, which needs no mount and no root: write() then fails with
# EFBIG once SIGXFSZ is ignored, as it is for a shell trap inherited by
# exec): exit 4 naming the output, no temporary file, no partial output,
# and a previous output of that name left as it was. JSON and workbooks.
. "$ROOT/tests/cli/_robust_lib.sh"
echo "previous" > out.json
expect_run 4 "out.json: write failed: File too large" \
    sh -c 'trap "" XFSZ; ulimit -f 2; exec "$0" check "$1" --json out.json' "$MUSAWAT" "$DATA/fr_cp1252.csv"
[ "$(cat out.json)" = previous ] || bad "the previous out.json was changed"
expect_run 4 "x.json: write failed: File too large" \
    sh -c 'trap "" XFSZ; ulimit -f 2; exec "$0" audit "$1" --json x.json -o x.xlsx' "$MUSAWAT" "$DATA/egapro_walkthrough_a.csv"
[ "$(listing .)" = "out.json" ] || bad "files left behind: $(listing .)"
# the workbooks (libxlsxwriter zips into a temporary file next to the output):
# the audit's and the benchmark's, each exit 4 naming the output
expect_run 4 "x.xlsx: writing the workbook" \
    sh -c 'trap "" XFSZ; ulimit -f 2; exec "$0" audit -q "$1" -o x.xlsx' "$MUSAWAT" "$DATA/egapro_walkthrough_a.csv"
S="$DATA/summaries"
expect_run 4 "sector.xlsx: writing the workbook failed" \
    sh -c 'trap "" XFSZ; ulimit -f 2; exec "$0" benchmark -q "$1" "$2" -o sector.xlsx' "$MUSAWAT" \
    "$S/atlas.summary.json" "$S/bahia.summary.json"
[ "$(listing .)" = "out.json" ] || bad "files left behind by the workbooks: $(listing .)"
# the same commands without the limit succeed (the limit is what failed)
"$MUSAWAT" check "$DATA/fr_cp1252.csv" --json out.json >/dev/null 2>&1 || bad "check --json out.json failed without the limit"
[ "$(wc -c <out.json)" -gt 1024 ] || bad "out.json is smaller than the 1 KiB limit: the test proves nothing"
finish "file-too-large: exit 4, nothing left behind"
