# English workbook of the fixture audit.
set -e
"$TOOLS/wbfixture" audit.xlsx audit.json --lang en
python3 "$ROOT/tests/xlsx/check_xlsx.py" audit.xlsx audit.json --lang en --templates "$ROOT/templates"
