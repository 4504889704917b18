# Issue "More sources": one workforce given as a CSV, as an .xlsx re-save of
# it, and as an HR master (no pay, no FTE columns, but cnss_number) plus the
# CNSS BDS declaration of the same month is one dataset: every metric, table,
# reason and finding of `audit --json` agrees. The BDS carries the real salary
# in centimes (7500.25 MAD -> 750025; 750025 / 100.0 is the same double as
# strtod("7500.25")) and 13 or 26 days for FTE 0.5 or 1 (days / 26).
# The BDS also tells who left (nobody): exits_women/men become 0 there,
# where the CSV alone cannot say (null). `check` explains the xlsx and the BDS.
# When LibreOffice is installed, its own CSV -> xlsx conversion must agree too.
set -e
cp "$DATA/sources_same.csv" same.csv
cut -d, -f1-3,6- same.csv >master.csv            # drop "Base salary" and "FTE"
head -1 master.csv | grep -q '^Employee ID,CNSS number,Gender,Date of birth,'
"$TOOLS/csv2xlsx" same.csv same.xlsx Personnel
"$TOOLS/make_bds" same.csv bds.txt 202512
audit() { out=$1; shift; "$MUSAWAT" audit --period 2025 "$@" --json "$out.json" -o "$out.xlsx" 2>"$out.log"; }
audit csv same.csv
audit xlsx same.xlsx
audit bds master.csv bds.txt
grep -q '12 rows read, 12 accepted, 0 rejected' bds.log
# without the BDS the master has no pay at all: still refused (exit 3)
rc=0; "$MUSAWAT" audit --period 2025 master.csv -o alone.xlsx 2>alone.log || rc=$?
test "$rc" = 3
grep -q 'required field base_pay has no column' alone.log
SOFFICE=$(command -v soffice || command -v libreoffice || true)
OTHERS="xlsx.json bds.json"
if [ -n "$SOFFICE" ]; then
    mkdir lo
    HOME="$PWD" timeout 60 "$SOFFICE" --headless --norestore --convert-to xlsx --outdir lo same.csv >lo.log 2>&1
    test -s lo/same.xlsx || { echo "LibreOffice did not convert the CSV" >&2; cat lo.log >&2; exit 1; }
    audit lo lo/same.xlsx
    OTHERS="$OTHERS lo.json"
fi
python3 - csv.json $OTHERS <<'PY'
import json, sys
ref = json.load(open(sys.argv[1]))
m = ref["metrics"]
# the fixture really has pay and fte: 12 people, 6 women, 6 men, pay gap defined
assert m["headcount"] == 12 and m["headcount_women"] == 6 and m["headcount_men"] == 6, m["headcount"]
assert isinstance(m["pay_gap_mean_pct"], float) and isinstance(m["pay_gap_median_pct"], float)
bad = 0
for path in sys.argv[2:]:
    j = json.load(open(path))
    for key in ("metrics", "reasons", "tables", "findings"):
        a, b = dict(ref[key]) if isinstance(ref[key], dict) else ref[key], j[key]
        if path == "bds.json" and key == "metrics":
            for k in ("exits_women", "exits_men"):
                assert a[k] is None and b[k] == 0, (k, a[k], b[k])
            b = dict(b); a.pop("exits_women"); a.pop("exits_men"); b.pop("exits_women"); b.pop("exits_men")
        if path == "bds.json" and key == "reasons":
            b = dict(b); a.pop("exits_women", None); a.pop("exits_men", None)
        if a != b:
            bad += 1
            if isinstance(a, dict):
                for k in sorted(set(a) | set(b)):
                    if a.get(k, "<absent>") != b.get(k, "<absent>"):
                        print("%s: %s.%s %r != %r" % (path, key, k, b.get(k, "<absent>"), a.get(k, "<absent>")), file=sys.stderr)
            else:
                print("%s: %s differ" % (path, key), file=sys.stderr)
    kinds = [i["kind"] for i in j["inputs"]]
    assert kinds == (["workforce", "cnss-bds"] if path == "bds.json" else ["workforce"]), kinds
sys.exit(1 if bad else 0)
PY
"$MUSAWAT" check same.csv same.xlsx
"$MUSAWAT" check --period 2025 master.csv bds.txt
