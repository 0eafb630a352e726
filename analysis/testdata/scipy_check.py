"""Cross-check R's vectors in paired.tsv and quantile.tsv against SciPy.

    cd analysis/testdata && /usr/bin/python3 scipy_check.py

Run with Debian's python3-scipy (SciPy 1.10.1, NumPy 1.24). It prints, per
case, the largest relative difference between SciPy and R; the Go tests do
not need it. SciPy's wilcoxon is called with correction=True (its default
is False; R's correct = TRUE) and with the method R used, because SciPy
1.10's method='auto' takes the exact distribution up to n = 50 even with
ties, where R (and cisim) use the normal approximation.
"""
import csv
import sys

import numpy as np
from scipy import stats

csv.field_size_limit(sys.maxsize)


def rows(name):
    with open(name) as f:
        lines = [l for l in f if not l.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def rel(got, want):
    if got == want:
        return 0.0
    if want == 0:
        return float("inf")
    return abs(got - want) / abs(want)


def main():
    print("paired.tsv: relative difference SciPy - R (t, p_t, V, p_wilcoxon)")
    for r in rows("paired.tsv"):
        x = np.array(r["x"].split(), dtype=float)
        y = np.array(r["y"].split(), dtype=float)
        tt = stats.ttest_rel(x, y)
        method = "exact" if r["wilcoxon_method"] == "exact" else "approx"
        w = stats.wilcoxon(x, y, correction=True, method=method)
        d = x - y
        d = d[d != 0]
        v = float(np.sum(stats.rankdata(abs(d))[d > 0]))
        print("%-32s %9.2g %9.2g %9.2g %9.2g" % (
            r["name"], rel(tt.statistic, float(r["t"])), rel(tt.pvalue, float(r["p_t"])),
            rel(v, float(r["v"])), rel(w.pvalue, float(r["p_wilcoxon"]))))
    print("quantile.tsv type 7: largest relative difference numpy - R")
    for r in rows("quantile.tsv"):
        if r["type"] != "7":
            continue
        x = np.array(r["x"].split(), dtype=float)
        p = np.array(r["probs"].split(), dtype=float)
        q = np.quantile(x, p)
        want = np.array(r["q"].split(), dtype=float)
        print("%-32s %9.2g" % (r["name"], max(rel(a, b) for a, b in zip(q, want))))


main()
