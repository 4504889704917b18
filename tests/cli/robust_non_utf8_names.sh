# A file name or an --employer value that is not UTF-8 (Latin-1 here) must
# not make the JSON fail or lose the field: each bad byte becomes U+FFFD.
. "$ROOT/tests/cli/_robust_lib.sh"
name=$(printf 'donn\351es.csv')
cp "$DATA/fr_cp1252.csv" "$name"
"$MUSAWAT" check "$name" --json c.json >/dev/null 2>check.err || { bad "check exit $?"; cat check.err >&2; }
grep -q "$(printf '"path": "donn\357\277\275es.csv"')" c.json || bad "c.json lacks the path with U+FFFD"
"$MUSAWAT" audit "$name" --employer "$(printf 'Soci\351t\351')" --json x.json -o x.xlsx >/dev/null 2>audit.err
rc=$?
# exit 5 is accepted only while the workbook writer is a stub
[ "$rc" = 0 ] || grep -q "workbook writer is not available" audit.err || { bad "audit exit $rc"; cat audit.err >&2; }
grep -q "$(printf '"name": "Soci\357\277\275t\357\277\275"')" x.json || bad "x.json lacks the employer with U+FFFD"
grep -q "$(printf '"path": "donn\357\277\275es.csv"')" x.json || bad "x.json lacks the path with U+FFFD"
finish "non-UTF-8 names: replaced, not fatal"
