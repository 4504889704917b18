# Issue "Workbook", on the real demo workbook (French): French sheet names,
# left-to-right sheets, every JSON metric behind a defined name whose cached
# cell value is the JSON value (16 significant digits), table headers equal
# their header cells and are translated, no formula cell, no ',' in a <v>,
# A4 landscape, fixed dates, findings listed as in the JSON (3).
# An output path equal to an input (directly, via ./, via a symlink, or for
# --json) is refused with exit 2 and the input is left byte for byte as it was.
set -e
"$MUSAWAT" demo -o d --period 2025 2>log
CHECK="python3 $ROOT/tests/xlsx/check_xlsx.py"
$CHECK d/audit.xlsx d/audit.json --lang fr --templates "$ROOT/templates" \
    --input-strings= --no-invalid-utf8 --codes-from-json --findings-shown 3
python3 -c 'import json,sys; assert len(json.load(open("d/audit.json"))["findings"]) == 3'
cp d/demo_personnel.csv p.csv
ln -s p.csv link.csv
before=$(cksum <p.csv)
for out in "-o p.csv" "-o ./p.csv" "-o link.csv" "--json p.csv"; do
    rc=0
    "$MUSAWAT" audit --period 2025 p.csv $out 2>refuse.log || rc=$?
    test "$rc" = 2 || { echo "$out: exit $rc, expected 2" >&2; exit 1; }
    grep -q 'refusing to overwrite' refuse.log
    test "$(cksum <p.csv)" = "$before"
done
test ! -e audit.xlsx
