# A long findings list is cut at 10 000 rows with a line counting the rest.
set -e
"$TOOLS/wbfixture" audit.xlsx audit.json --lang en --findings 12000
python3 "$ROOT/tests/xlsx/check_xlsx.py" audit.xlsx audit.json --lang en --templates "$ROOT/templates" \
    --findings-shown 10000 --findings-more 2008
