# Issue "Workbook", on the real demo extract audited with --lang ar: the
# checker's assertions for ar (sheet names from templates/labels/ar.tsv,
# rightToLeft on every sheet exactly when ar, defined names = JSON values,
# translated table headers, no formula, no ',' in <v>), and the language
# changes no figure: metrics, reasons and tables equal the French run's.
set -e
"$MUSAWAT" demo -o d --period 2025 2>log
"$MUSAWAT" audit --period 2025 --lang ar d/demo_personnel.csv --applicants d/demo_candidatures.csv \
    --employer "Demo SARL" --sector C13 --region Casablanca-Settat --json ar.json -o ar.xlsx 2>>log
python3 "$ROOT/tests/xlsx/check_xlsx.py" ar.xlsx ar.json --lang ar --templates "$ROOT/templates" \
    --input-strings= --no-invalid-utf8 --codes-from-json --findings-shown 3
python3 - <<'PY'
import json
fr, other = json.load(open("d/audit.json")), json.load(open("ar.json"))
for key in ("metrics", "reasons", "tables", "findings", "employer", "period"):
    assert fr[key] == other[key], key
assert other["options"]["lang"] == "ar"
PY
# LibreOffice, when installed, renders the real right-to-left workbook to PDF.
SOFFICE=$(command -v soffice || command -v libreoffice || true)
if [ -n "$SOFFICE" ]; then
    HOME="$PWD" timeout 120 "$SOFFICE" --headless --norestore --convert-to pdf --outdir pdf ar.xlsx >lo.log 2>&1
    test -s pdf/ar.pdf || { echo "LibreOffice did not convert the workbook"; cat lo.log; exit 1; }
    head -c 5 pdf/ar.pdf | grep -q '%PDF' || { echo "not a PDF"; exit 1; }
fi
