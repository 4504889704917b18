# Issue "Pay gaps ... JSON twin": six people computed by hand (METRICS.md §0,
# §2; H = 191 hours, hours = fte x H).
#   who  base   bonus fte  annual = 12 base + bonus   pay_fte   base_fte
#   W1   5000      0  1     60000                       60000     60000
#   W2   3000   1200  0.5   37200                       74400     72000
#   W3   7000   2400  1     86400                       86400     84000
#   M1   6000      0  1     72000                       72000     72000
#   M2   8000   3600  1     99600                       99600     96000
#   M3  10000   6000  1    126000                      126000    120000
# pay_fte: women mean 73600, median 74400; men mean 99200, median 99600
#   mean gap (99200-73600)/99200 = 25.80645161290 %
#   median gap (99600-74400)/99600 = 25.30120481928 %
#   HCP mean gap (99200-73600)/73600 = 34.78260869565 %
# base_fte: women 72000/72000, men 96000/96000 -> 25 % and 25 %
# hourly_pay = annual / (12 fte 191) = pay_fte / 2292: same gaps as pay_fte
# variable, recipients only: women 1200, 2400 (mean = median = 1800), men
#   3600, 6000 (4800): gap 3000/4800 = 62.5 % both; recipients 2/3 each sex
# quartiles (UK reg 13): N = 6 -> bands of 2, 2, 1, 1 from the lowest hourly
#   pay: {W1, M1} 50 %, {W2, W3} 100 %, {M2} 0 %, {M3} 0 %
# one job with 3 women and 3 men, gap >= 5 %: compared 1, flagged 1, joint
#   assessment true
set -e
cat >six.csv <<'CSV'
Employee ID,Gender,Base salary,Bonus,FTE,Job title
W1,F,5000,0,1,Analyst
W2,F,3000,1200,0.5,Analyst
W3,F,7000,2400,1,Analyst
M1,M,6000,0,1,Analyst
M2,M,8000,3600,1,Analyst
M3,M,10000,6000,1,Analyst
CSV
"$MUSAWAT" audit --period 2025 six.csv --json six.json -o six.xlsx 2>log
python3 - <<'PY'
import json
m = json.load(open("six.json"))["metrics"]
want = {"pay_gap_mean_pct": 25600 / 99200 * 100, "pay_gap_median_pct": 25200 / 99600 * 100,
        "pay_gap_mean_pct_hcp": 25600 / 73600 * 100,
        "base_gap_mean_pct": 25.0, "base_gap_median_pct": 25.0,
        "hourly_gap_mean_pct": 25600 / 99200 * 100, "hourly_gap_median_pct": 25200 / 99600 * 100,
        "variable_gap_mean_pct": 62.5, "variable_gap_median_pct": 62.5,
        "variable_recipients_women_pct": 200 / 3, "variable_recipients_men_pct": 200 / 3,
        "quartile1_women_pct": 50.0, "quartile2_women_pct": 100.0,
        "quartile3_women_pct": 0.0, "quartile4_women_pct": 0.0,
        "headcount": 6, "headcount_women": 3, "headcount_men": 3, "women_share_pct": 50.0,
        "eu_categories_compared": 1, "eu_categories_flagged": 1, "eu_joint_assessment": True}
bad = []
for k, v in want.items():
    got = m.get(k)
    if isinstance(v, bool) or isinstance(v, int):
        ok = got == v and type(got) is type(v)
    else:
        ok = isinstance(got, float) and abs(got - v) <= 1e-9
    if not ok:
        bad.append((k, got, v))
assert not bad, bad
PY
