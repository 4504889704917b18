# The merged summary may not overwrite one of its inputs (exit 2), which stays untouched.
set -e
cp "$DATA/summaries/atlas.summary.json" a.json
cp "$DATA/summaries/bahia.summary.json" b.json
cp a.json before.json
rc=0
$MUSAWAT summary --merge a.json b.json -o a.json 2>/dev/null || rc=$?
cmp a.json before.json
exit $rc
