"""Makes cmd/cisim/testdata/salib/sobol_n8.csv, the Saltelli matrix SALib
samples for three levers, for TestEvalRunsASALibMatrixAsSensitivityRunsItsOwn.

SALib is not a Debian package: this runs SALib's source (src/ of a
checkout of SALib/SALib, at SALIB_ROOT) with Debian 12's python3,
python3-numpy and python3-scipy; its ProblemSpec imports multiprocess, for
parallel runs this does not make, so a stub of it (multiprocessing's Pool)
is put first on the path:

    SALIB_ROOT=/path/to/SALib python3 salib_sobol.py > sobol_n8.csv

sobol_n8.csv was made this way from commit 1c37548 of SALib. It is saved
as SALib's users save a matrix: np.savetxt with a header of the names
(which np.savetxt starts with "# ") and 19 significant digits.
"""
import io, os, sys, tempfile

stub = tempfile.mkdtemp()
with open(os.path.join(stub, "multiprocess.py"), "w") as f:
    f.write("from multiprocessing import Pool, cpu_count\n")
sys.path[:0] = [os.path.join(os.environ["SALIB_ROOT"], "src"), stub]

import numpy as np  # noqa: E402
from SALib.sample import sobol  # noqa: E402

problem = {
    "num_vars": 3,
    "names": ["governance.power_sharing", "problem.complementarity", "actors.value_spread"],
    "bounds": [[0, 1], [0.2, 0.9], [0, 0.5]],
}
X = sobol.sample(problem, 8, calc_second_order=False, scramble=False)
out = io.StringIO()
np.savetxt(out, X, delimiter=",", header=",".join(problem["names"]))
sys.stdout.write(out.getvalue())
