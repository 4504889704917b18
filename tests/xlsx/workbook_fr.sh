# French workbook of the fixture audit: sheets, names = JSON values, formats, tables, safety.
set -e
"$TOOLS/wbfixture" audit.xlsx audit.json --lang fr
python3 "$ROOT/tests/xlsx/check_xlsx.py" audit.xlsx audit.json --lang fr --templates "$ROOT/templates"
