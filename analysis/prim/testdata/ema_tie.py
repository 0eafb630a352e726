"""Makes analysis/prim/testdata/ema_tie.json: a peeling trajectory of the
EMA Workbench's prim on 21 points built so that candidate peels tie, for
TestPeelBreaksTiesAsTheEMAWorkbench.

Run with Debian 12's python3, python3-numpy, python3-pandas and
python3-scipy and a checkout of quaquel/EMAworkbench at EMA_ROOT (its
commit is recorded in the output; name it in EMA_COMMIT where EMA_ROOT
is a copy without git):

    EMA_ROOT=/path/to/EMAworkbench python3 ema_tie.py > ema_tie.json

ema_tie.json was made this way from commit 819a4b6 of the workbench.
"""
import json, os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import loadema  # noqa: E402  (imports prim.py from EMA_ROOT)
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

prim = loadema.prim

# (rank of x0, rank of x1, case): five non-cases placed so that step 2
# ties three peels and step 3 two (see the test).
special = [(0, 10, 0), (1, 5, 1), (20, 12, 1), (19, 13, 1), (7, 20, 0),
           (8, 19, 0), (9, 18, 0), (10, 0, 0), (11, 1, 1)]
r0 = sorted(set(range(21)) - {s[0] for s in special})
r1 = sorted(set(range(21)) - {s[1] for s in special})
rows = special + [(a, b, 1) for a, b in zip(r0, r1)]
x = pd.DataFrame({"x0": [r[0] / 20 for r in rows], "x1": [r[1] / 20 for r in rows]})
y = np.array([r[2] for r in rows])

p = prim.Prim(x, y, peel_alpha=0.05, mass_min=0.05)
box = prim.PrimBox(p, p.box_init, p.yi_remaining[:])
box = p._peel(box)
steps = []
for lim in box.box_lims:
    inside = ((x >= lim.iloc[0]) & (x <= lim.iloc[1])).all(axis=1).to_numpy()
    steps.append({
        "points": int(inside.sum()), "cases": int(y[inside].sum()),
        "lo": [float(v) for v in lim.iloc[0]], "hi": [float(v) for v in lim.iloc[1]],
    })
commit = subprocess.run(["git", "-C", loadema.ROOT, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
out = {"source": "quaquel/EMAworkbench ema_workbench/analysis/prim.py, Prim(peel_alpha=0.05, mass_min=0.05)._peel",
       "commit": commit or os.environ.get("EMA_COMMIT", ""),
       "x": x.values.tolist(), "y": y.tolist(), "steps": steps}
# One point and one step a line, so a change reads as a diff.
text = json.dumps(out, indent=1)
text = text.replace(json.dumps({"y": out["y"]}, indent=1)[2:-2], ' "y": ' + json.dumps(out["y"]))
for key in ("x", "steps"):
    text = text.replace(json.dumps({key: out[key]}, indent=1)[2:-2],
                        ' "%s": [\n  %s\n ]' % (key, ",\n  ".join(json.dumps(v) for v in out[key])))
print(text)
