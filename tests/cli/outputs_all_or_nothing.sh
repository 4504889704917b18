# A run that fails after some outputs could be written leaves none of them:
# here the workbook's label table is missing, so the JSON (written first)
# must not appear either, and an older JSON at that path stays untouched.
cp -R "$ROOT/templates" tpl
rm tpl/labels/fr.tsv
echo '{"old": true}' > a.json
MUSAWAT_TEMPLATES=$PWD/tpl "$MUSAWAT" audit -q --period 2025 "$DATA/fr_cp1252.csv" --json a.json -o a.xlsx \
    --summary a.summary.json 2>err.txt
rc=$?
[ "$rc" = 3 ] || { echo "exit $rc, expected 3"; cat err.txt; exit 1; }
grep -q 'labels/fr.tsv' err.txt || { echo "message does not name the label table:"; cat err.txt; exit 1; }
[ "$(cat a.json)" = '{"old": true}' ] || { echo "a.json was replaced by a failed run"; exit 1; }
[ ! -e a.xlsx ] && [ ! -e a.summary.json ] || { echo "outputs left by a failed run"; ls; exit 1; }
left=$(ls | grep -v -e '^tpl$' -e '^a.json$' -e '^err.txt$')
[ -z "$left" ] || { echo "files left behind: $left"; exit 1; }
# with the table back, the same command writes all three
MUSAWAT_TEMPLATES=$ROOT/templates "$MUSAWAT" audit -q --period 2025 "$DATA/fr_cp1252.csv" --json a.json -o a.xlsx \
    --summary a.summary.json || exit 1
[ -s a.xlsx ] && [ -s a.summary.json ] && grep -q '"schema": "musawat.audit/1"' a.json || { echo "outputs missing"; exit 1; }
