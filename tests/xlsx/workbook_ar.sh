# Arabic workbook: Arabic sheet names, every sheet right-to-left, same checks.
# When LibreOffice is installed it must also convert the workbook to PDF.
set -e
"$TOOLS/wbfixture" audit.xlsx audit.json --lang ar
python3 "$ROOT/tests/xlsx/check_xlsx.py" audit.xlsx audit.json --lang ar --templates "$ROOT/templates"
SOFFICE=$(command -v soffice || command -v libreoffice || true)
if [ -n "$SOFFICE" ]; then
    HOME="$PWD" timeout 120 "$SOFFICE" --headless --norestore --convert-to pdf --outdir pdf audit.xlsx >lo.log 2>&1
    test -s pdf/audit.pdf || { echo "LibreOffice did not convert the workbook"; cat lo.log; exit 1; }
    head -c 5 pdf/audit.pdf | grep -q '%PDF' || { echo "not a PDF"; exit 1; }
fi
