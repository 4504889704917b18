# Issue "Parity": the demo extract is built with women promoted at 60 % of
# men's rate and passing the interview step at 0.30 against 0.50 (audit/demo.c).
# The audit must show both: promotion impact ratio below 4/5 (flagged), and in
# hiring_by_stage only the screened -> interviewed step breaches four-fifths.
set -e
"$MUSAWAT" demo -o d --period 2025 2>log
python3 - <<'PY'
import json
j = json.load(open("d/audit.json"))
m = j["metrics"]
r = m["promotion_impact_ratio"]
assert isinstance(r, float) and r < 0.8, r
assert m["promotion_four_fifths"] is True
assert m["promotion_rate_women_pct"] < m["promotion_rate_men_pct"]
# impact ratio = lower rate / higher rate, from the counts in the same JSON
rw = m["promotion_selected_women"] / m["promotion_eligible_women"]
rm = m["promotion_selected_men"] / m["promotion_eligible_men"]
assert abs(r - min(rw, rm) / max(rw, rm)) < 1e-12, (r, rw, rm)
stages = {(s["stage_from"], s["stage_to"]): s for s in j["tables"]["hiring_by_stage"]}
assert list(stages) == [("applied", "screened"), ("screened", "interviewed"),
                        ("interviewed", "offered"), ("offered", "hired")], list(stages)
for k, s in stages.items():
    want = k == ("screened", "interviewed")
    assert s["four_fifths"] is want, (k, s["four_fifths"], s["impact_ratio"])
    assert (s["impact_ratio"] < 0.8) is want, (k, s["impact_ratio"])

# the later step's eligible women are the earlier step's selected women
s = stages[("screened", "interviewed")]
assert s["eligible_women"] == stages[("applied", "screened")]["selected_women"]
assert abs(s["rate_women_pct"] - 100 * s["selected_women"] / s["eligible_women"]) < 1e-9
assert s["rate_women_pct"] < s["rate_men_pct"] and s["fisher_p"] < 0.001
PY
