# benchmark over three summaries with a focus employer and groups by sector:
# the JSON twin, byte for byte.
set -e
S="$DATA/summaries"
$MUSAWAT benchmark -q --focus "Bahia Agro" --by sector "$S/atlas.summary.json" "$S/bahia.summary.json" \
    "$S/cedre.summary.json" -o sector.xlsx --json sector.json
test -s sector.xlsx
cat sector.json
