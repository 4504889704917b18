# 400 generated employers: every one is counted, groups by region are shown,
# and the workbook is written.
set -e
mkdir gen
$TOOLS/gensummaries gen 400 60 7
$MUSAWAT benchmark -q --by region gen/*.json -o b.xlsx --json b.json
test -s b.xlsx
grep -c '"by": "region"' b.json
grep '^  "employers": ' b.json
