# Issue "Egapro": the worked example A (egapro.md walkthrough; 101 employees,
# 50-250 bracket, CSP levels) through the CLI. Expected, by the official
# method: indicator 1 result 6.1 % in favour of women -> 33/40 points;
# indicator 2et3 (< 250 employees): raise rates 12/38 vs 17/63, 4.6 points
# or 1.7 employees in favour of women -> 35/35, not compensated; indicator 4 not calculable (no
# maternity returns: null, reason absrcm); indicator 5 = 2 women among the
# 10 highest paid (favours men) -> 5/10 points; 73 points out of 85 -> index 86/100.
set -e
"$MUSAWAT" audit --period 2025 "$DATA/egapro_walkthrough_a.csv" --json a.json -o a.xlsx 2>log
python3 - <<'PY'
import json
j = json.load(open("a.json"))
m, r = j["metrics"], j["reasons"]
want = {"egapro_i1_result": 6.1, "egapro_i1_favours": "women", "egapro_i1_points": 33,
        "egapro_i2et3_points": 35, "egapro_i2et3_result_pct": 4.6,
        "egapro_i2et3_result_employees": 1.7, "egapro_i2et3_favours": "women",
        "egapro_i2et3_compensated": False, "egapro_i5_favours": "men", "egapro_i4_result_pct": None, "egapro_i4_points": None,
        "egapro_i5_result": 2, "egapro_i5_points": 5, "egapro_points": 73,
        "egapro_max_points": 85, "egapro_index": 86, "egapro_size_bracket": "50-250",
        "egapro_indicative": False, "headcount": 101}
bad = {k: (m.get(k, "<absent>"), v) for k, v in want.items()
       if m.get(k, "<absent>") != v or type(m.get(k)) is not type(v)}
assert not bad, bad
assert r["egapro_i4_points"] == "absrcm", r.get("egapro_i4_points")
assert r["egapro_i2_points"] == "not_applicable_size", r.get("egapro_i2_points")
PY
