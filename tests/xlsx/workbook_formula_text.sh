# WORKBOOK.md: strings from the input are always written as strings, so a
# job title "=1+1" (or "@SUM(A1)", "+1+1", "-1+1") can never become a
# formula: each is a text cell (t="s") holding exactly the input text, the
# workbook has no <f> element, and the JSON keeps the same group names.
# The whole checker runs on this small workbook as well ("+1+1" sorts
# first and has 3 women and 3 men, so its money cells are numbers).
set -e
cat >f.csv <<'CSV'
Employee ID,Gender,Base salary,FTE,Job title
W1,F,5000,1,=1+1
W2,F,6000,1,=1+1
W3,F,7000,1,=1+1
M1,M,6500,1,=1+1
M2,M,7500,1,=1+1
M3,M,8500,1,=1+1
W4,F,4000,1,+1+1
W5,F,4100,1,+1+1
W6,F,4200,1,+1+1
M4,M,4500,1,+1+1
M5,M,4600,1,+1+1
M6,M,4700,1,+1+1
W7,F,3000,1,@SUM(A1)
M7,M,3100,1,-1+1
CSV
"$MUSAWAT" audit --period 2025 f.csv --json f.json -o f.xlsx 2>log
python3 "$ROOT/tests/xlsx/check_xlsx.py" f.xlsx f.json --lang fr --templates "$ROOT/templates" \
    --input-strings='=1+1,@SUM(A1),+1+1,-1+1' --no-invalid-utf8 --codes-from-json --findings-shown 0
python3 - "$ROOT/tests/xlsx" <<'PY'
import json, sys
sys.path.insert(0, sys.argv[1])
sys.argv = sys.argv[:1]
import check_xlsx as c
b = c.Book("f.xlsx")
j = json.load(open("f.json"))
groups = [g["group"] for g in j["tables"]["pay_by_equal_value_group"]]
want = ["=1+1", "@SUM(A1)", "+1+1", "-1+1"]
assert sorted(groups) == sorted(want), groups
found = set()
for sheet, grid in b.cells.items():
    for cell in grid.values():
        t = b.text(cell)
        if t in want:
            assert cell.get("t") == "s", (sheet, cell.get("r"), cell.get("t"))
            found.add(t)
        assert cell.find("m:f", c.NS) is None, (sheet, cell.get("r"))
assert found == set(want), found
assert not c.FAILS, c.FAILS
PY
