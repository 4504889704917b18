# Issue "Workbook", on the real demo extract audited with --lang en: the
# checker's assertions for en (sheet names from templates/labels/en.tsv,
# rightToLeft on every sheet exactly when ar, defined names = JSON values,
# translated table headers, no formula, no ',' in <v>), and the language
# changes no figure: metrics, reasons and tables equal the French run's.
set -e
"$MUSAWAT" demo -o d --period 2025 2>log
"$MUSAWAT" audit --period 2025 --lang en d/demo_personnel.csv --applicants d/demo_candidatures.csv \
    --employer "Demo SARL" --sector C13 --region Casablanca-Settat --json en.json -o en.xlsx 2>>log
python3 "$ROOT/tests/xlsx/check_xlsx.py" en.xlsx en.json --lang en --templates "$ROOT/templates" \
    --input-strings= --no-invalid-utf8 --codes-from-json --findings-shown 3
python3 - <<'PY'
import json
fr, other = json.load(open("d/audit.json")), json.load(open("en.json"))
for key in ("metrics", "reasons", "tables", "findings", "employer", "period"):
    assert fr[key] == other[key], key
assert other["options"]["lang"] == "en"
PY
