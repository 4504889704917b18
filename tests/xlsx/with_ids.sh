# --with-ids adds the People sheet with matricules only; without it no sheet
# carries any identifier. Names, CIN and CNSS numbers never appear.
set -e
"$MUSAWAT" audit -q --period 2025 "$DATA/fr_cp1252.csv" -o plain.xlsx
"$MUSAWAT" audit -q --period 2025 --with-ids "$DATA/fr_cp1252.csv" -o ids.xlsx
python3 - "$DATA/fr_cp1252.csv" <<'PY'
import csv, sys, zipfile, re
rows = list(csv.reader(open(sys.argv[1], encoding="cp1252"), delimiter=";"))
head, data = rows[0], rows[1:]
col = {h: i for i, h in enumerate(head)}
ids = [r[col["Matricule"]] for r in data]
secret = [r[col["Nom"]] for r in data] + [r[col["N° CNSS"]].replace(" ", "") for r in data]
def text(path):
    z = zipfile.ZipFile(path)
    return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
plain, withids = text("plain.xlsx"), text("ids.xlsx")
wb = zipfile.ZipFile("ids.xlsx").read("xl/workbook.xml").decode()
assert 'name="Personnes"' in wb, "People sheet missing"
assert 'name="Personnes"' not in zipfile.ZipFile("plain.xlsx").read("xl/workbook.xml").decode()
for i in ids:
    assert re.search(r">%s<" % re.escape(i), withids), "matricule %s missing with --with-ids" % i
    assert not re.search(r">%s<" % re.escape(i), plain), "matricule %s leaked without --with-ids" % i
for s in secret:
    if len(s) >= 4:
        assert s not in withids and s not in plain, "identifier leaked: %s" % s
print("ok")
PY
