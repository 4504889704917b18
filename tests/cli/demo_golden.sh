# Issue "Pay gaps ... JSON twin": the demo extract's audit.json equals the
# checked-in golden file byte for byte (input paths are relative to the
# scratch folder, "d/demo_personnel.csv", so nothing needs replacing; only the
# tool version is normalised). Two runs in two folders write identical
# audit.json, audit.xlsx and sector.xlsx (SOURCE_DATE_EPOCH is set by the
# test runner).
set -e
mkdir r1 r2
(cd r1 && "$MUSAWAT" demo -o d --period 2025 2>log)
(cd r2 && "$MUSAWAT" demo -o d --period 2025 2>log)
for f in audit.json audit.xlsx sector.xlsx sector.json audit.summary.json; do
    cmp r1/d/$f r2/d/$f
done
grep -q '"path": "d/demo_personnel.csv"' r1/d/audit.json
if grep -q "$PWD" r1/d/audit.json; then echo "absolute path in audit.json" >&2; exit 1; fi
V=$("$MUSAWAT" --version | sed 's/^musawat //')
sed "s/\"version\": \"$V\"/\"version\": \"VERSION\"/" r1/d/audit.json >audit.json
cmp audit.json "$ROOT/tests/cli/demo_audit.json.golden" || {
    diff "$ROOT/tests/cli/demo_audit.json.golden" audit.json | head -40 >&2; exit 1; }
