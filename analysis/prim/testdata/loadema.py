"""Imports the EMA Workbench's prim.py unmodified, without its plotting
dependencies (matplotlib, seaborn, sklearn, tqdm: not needed to peel), by
stubbing the modules that are not installed and skipping the package
__init__ files that import the whole workbench."""
import importlib.abc, importlib.machinery, importlib.util, os, sys, types
from unittest import mock

ROOT = os.environ["EMA_ROOT"]  # a checkout of quaquel/EMAworkbench
STUB = ("matplotlib", "seaborn", "sklearn", "tqdm", "mpl_toolkits", "altair", "statsmodels", "ipyparallel")

class _Stub(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in STUB:
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None
    def create_module(self, spec):
        m = mock.MagicMock(name=spec.name)
        m.__path__ = []
        m.__spec__ = spec
        return m
    def exec_module(self, module):
        pass

sys.meta_path.insert(0, _Stub())

def _package(name, path):
    m = types.ModuleType(name)
    m.__path__ = [path]
    sys.modules[name] = m

_package("ema_workbench", ROOT + "/ema_workbench")
_package("ema_workbench.analysis", ROOT + "/ema_workbench/analysis")
_package("ema_workbench.em_framework", ROOT + "/ema_workbench/em_framework")

# em_framework/util.py uses Python 3.12's type statement (Debian 12 has
# 3.11); prim.py needs only two type names from it.
_util = types.ModuleType("ema_workbench.em_framework.util")
_util.NumpySeedLike = _util.RNGLike = object
sys.modules["ema_workbench.em_framework.util"] = _util

# NumPy 2 names its boolean scalar np.bool again; Debian 12's NumPy 1.24
# knows it only as np.bool_.
import numpy as _np  # noqa: E402
if "bool" not in _np.__dict__:
    _np.bool = _np.bool_

from ema_workbench.analysis import prim  # noqa: E402
