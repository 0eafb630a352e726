"""Makes cmd/cisim/testdata/salib/ishigami_n64.json: SALib's Sobol indices
of the Ishigami function on its own Saltelli matrix (N = 64, no second
order, unscrambled), for TestSALibAnalysesTheOutputsAsCisimDoes, which
gives cisim the same outputs (Y, in the matrix's row order) and compares
its first-order and total indices.

SALib is not a Debian package: this runs SALib's source (src/ of a
checkout of SALib/SALib, at SALIB_ROOT) with Debian 12's python3,
python3-numpy and python3-scipy, with a stub of multiprocess (imported by
SALib's ProblemSpec for parallel runs, which this does not make):

    SALIB_ROOT=/path/to/SALib python3 salib_ishigami.py > ishigami_n64.json

ishigami_n64.json was made this way from commit 1c37548 of SALib.
"""
import json, os, sys, tempfile

stub = tempfile.mkdtemp()
with open(os.path.join(stub, "multiprocess.py"), "w") as f:
    f.write("from multiprocessing import Pool, cpu_count\n")
sys.path[:0] = [os.path.join(os.environ["SALIB_ROOT"], "src"), stub]

from SALib.analyze import sobol as analyze  # noqa: E402
from SALib.sample import sobol  # noqa: E402
from SALib.test_functions import Ishigami  # noqa: E402

N = 64
problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-3.141592653589793, 3.141592653589793]] * 3}
X = sobol.sample(problem, N, calc_second_order=False, scramble=False)
Y = Ishigami.evaluate(X)
Si = analyze.analyze(problem, Y, calc_second_order=False, seed=1)
out = {"problem": problem, "N": N, "Y": Y.tolist(), "S1": Si["S1"].tolist(), "ST": Si["ST"].tolist()}
text = json.dumps(out)
print(text.replace(', "Y"', ',\n "Y"').replace(', "S1"', ',\n "S1"').replace(', "ST"', ',\n "ST"'))
