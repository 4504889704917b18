# Results without Egapro, regression, selection or hiring: every sheet still
# exists and says which column or file would fill it.
set -e
"$TOOLS/wbfixture" audit.xlsx audit.json --lang fr --sparse
python3 "$ROOT/tests/xlsx/check_xlsx.py" audit.xlsx audit.json --lang fr --templates "$ROOT/templates" --sparse
