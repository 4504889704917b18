#!/usr/bin/env python3
"""Regenerate the hand-chosen summary fixtures of tests/data/summaries/.

The pays below are chosen by hand; this script only does the arithmetic
(centime sums, ln sums, histogram bins, tail coding) so the files stay
consistent. Run from the repository root. The malformed variants are derived
from bahia.summary.json by one textual change each."""
import json, math

K = 5  # min_cell

def big(x):
    return x if -2**63 <= x < 2**63 else str(x)

def row(value, sex, pays, var=0, pk=None, pr=0, rk=None, rs=0, other=False):
    c = [round(p * 100) for p in pays]
    l = [round(math.log(p) * 1e9) for p in pays]
    r = {"other": True} if other else {"value": value}
    n = len(pays)
    r.update({"sex": sex, "headcount": n, "paid": n, "variable_recipients": var,
              "promotion_known": n if pk is None else pk, "promoted": pr,
              "raise_known": n if rk is None else rk, "raised": rs,
              "pay_fte_centimes_sum": big(sum(c)), "pay_fte_centimes_sumsq": big(sum(x * x for x in c)),
              "ln_pay_fte_nano_sum": big(sum(l)), "ln_pay_fte_nano_sumsq": big(sum(x * x for x in l))})
    return r

def binof(p):
    k = int(math.floor(math.log(p / 100) / math.log(1.01)))
    while p < 100 * 1.01 ** k: k -= 1
    while p >= 100 * 1.01 ** (k + 1): k += 1
    return k

def hist(pays):
    if not pays:
        return {"underflow": 0, "overflow": 0, "omitted": 0, "first": 0, "counts": []}
    ps = sorted(pays)
    lo, hi = binof(ps[K - 1]), binof(ps[-K])
    if lo > hi:
        lo = hi = binof(ps[(len(ps) - 1) // 2])
    ks = [min(max(binof(p), lo), hi) for p in ps]
    cnt = [0] * (max(ks) - min(ks) + 1)
    for k in ks: cnt[k - min(ks)] += 1
    return {"underflow": 0, "overflow": 0, "omitted": 0, "first": min(ks), "counts": cnt}

def emp(name, sector, region, band, metrics):
    return {"name": name, "sector": sector, "region": region, "size_band": band,
            "period": {"start": "2025-01-01", "end": "2025-12-31"}, "min_cell": K, "metrics": metrics}

def summary(e, cats, ages, supp):
    F = [p for g in cats if g[1] == "F" for p in g[2]]
    M = [p for g in cats if g[1] == "M" for p in g[2]]
    return {"schema": "musawat.summary/1", "tool": {"name": "musawat", "version": "0.1.0"},
            "employers": [e], "suppressed": {"F": supp[0], "M": supp[1]},
            "tables": {"category": [row(*g[:3], **g[3]) for g in cats],
                       "age_band": [row(*g[:3], **g[3]) for g in ages]},
            "histograms": {"F": hist(F), "M": hist(M)}}

aF1 = [42000, 42500, 43000, 44000, 45500, 47000]; aM1 = [46000, 47000, 48000, 50000, 52000]
aF2 = [150000, 160000, 175000, 180000, 210000]; aM2 = [190000, 200000, 220000, 240000, 300000]
A = summary(emp("Atlas Textile", "C13", "Casablanca-Settat", "<50",
                {"headcount": 23, "women_share_pct": 47.826086956521742, "pay_gap_mean_pct": 18.25,
                 "egapro_index": None, "eu_joint_assessment": True}),
            [("Cadres", "F", aF2, {"var": 2}), ("Cadres", "M", aM2, {"var": 3, "pr": 1}),
             ("Ouvriers", "F", aF1, {"rs": 3}), ("Ouvriers", "M", aM1, {"rs": 2})],
            [("30-39", "F", aF1, {"rs": 3}), ("40-49", "M", aM1 + aM2, {"var": 3, "pr": 1, "rs": 2}),
             (None, "F", aF2, {"var": 2, "other": True})], (0, 2))
bF = [60000, 61000, 62500, 64000, 66000, 70000, 72000]; bM = [65000, 66000, 68000, 71000, 74000, 80000]
B = summary(emp("Bahia Agro", "C10", "Souss-Massa", "<50",
                {"headcount": 13, "women_share_pct": 53.846153846153847, "pay_gap_mean_pct": 6.1,
                 "egapro_index": 86, "eu_joint_assessment": True}),
            [("Employes", "F", bF, {"pr": 2}), ("Employes", "M", bM, {"pr": 1})],
            [("<30", "F", bF, {"pr": 2}), ("<30", "M", bM, {"pr": 1})], (0, 0))
cF = [52000, 53000, 54000, 55000, 58000]; cM = [50000, 51000, 56000, 57000, 59000, 61000, 64000, 66000]
C = summary(emp("Cedre Conserves", "C10", "Souss-Massa", "<50",
                {"headcount": 13, "women_share_pct": 38.461538461538462, "pay_gap_mean_pct": -2.4,
                 "egapro_index": 91, "eu_joint_assessment": False}),
            [("Ouvriers", "F", cF, {}), ("Ouvriers", "M", cM, {"var": 5})],
            [("50+", "F", cF, {}), ("50+", "M", cM, {"var": 5})], (0, 0))

D = "tests/data/summaries/"
for n, s in (("atlas", A), ("bahia", B), ("cedre", C)):
    with open(D + n + ".summary.json", "w") as f:
        json.dump(s, f, indent=2, ensure_ascii=False)
        f.write("\n")
txt = open(D + "bahia.summary.json").read()
for name, a, b in (("bad_version", "musawat.summary/1", "musawat.summary/2"),
                   ("negative_count", '"headcount": 6,', '"headcount": -6,'),
                   ("nan", '"pay_gap_mean_pct": 6.1', '"pay_gap_mean_pct": NaN'),
                   ("missing_field", '"paid": 6,\n', '')):
    assert a in txt
    open(D + name + ".summary.json", "w").write(txt.replace(a, b, 1))
