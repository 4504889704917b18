# Issue "Adjusted gap": a Logib datalist (English headers, 60 rows) is
# audited with the logib model, picked automatically, and its women
# coefficient, standard error and Kennedy estimate agree to 1e-8 relative
# with an exact rational least-squares fit of Logib module 1's design
# (wage standardised at the modal 42 weekly hours; years of training from
# the code table; potential experience and its square; requirement-level
# and position dummies with the highest code as reference): theta =
# -0.025782133404967614, se = 0.0047787913751424806, df = 47,
# Kennedy = -2.5463739928621942 %.
set -e
"$MUSAWAT" audit "$DATA/logib_datalist_en.csv" --period 2025 --json a.json -o a.xlsx 2>log
grep -q '(logib): 60 rows read, 60 accepted, 0 rejected' log
grep -q '"adjusted_gap_model": "logib"' a.json
grep -q '"adjusted_gap_n": 60,' a.json
grep -q '"adjusted_gap_df": 47,' a.json
grep -q '"adjusted_gap_rating": 2,' a.json
num() { sed -n "s/^ *\"$1\": \\([^,]*\\),*\$/\\1/p" a.json | head -1; }
close() {
    awk -v got="$(num "$1")" -v want="$2" -v id="$1" 'BEGIN {
        d = got - want; if (d < 0) d = -d; w = want < 0 ? -want : want;
        if (got == "" || d > 1e-8 * w) { printf "%s: %s, expected %s\n", id, got, want > "/dev/stderr"; exit 1 } }'
}
close adjusted_gap_coef -0.025782133404967614
close adjusted_gap_se 0.0047787913751424806
close adjusted_gap_pct -2.5463739928621942
# --model overrides the automatic choice, either way
"$MUSAWAT" audit "$DATA/logib_datalist_en.csv" --period 2025 --model standard --json s.json -o s.xlsx 2>/dev/null
grep -q '"adjusted_gap_model": "standard"' s.json
"$MUSAWAT" audit "$DATA/logib_datalist_en.csv" --period 2025 --model logib --json l.json -o l.xlsx 2>/dev/null
grep -q '"adjusted_gap_model": "logib"' l.json
