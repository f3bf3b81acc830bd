"""libtriad from Python: balanced school improvement collaboratives and
triads. Data frames in, data frames out (solve, check, compare: pandas when
installed, lists of dicts otherwise), over a ctypes layer (Library, Schools,
Plan, Spec, Report) for callers who want the objects. Errors are
triad.Error with the library's message and status."""
from ._lib import Error, Library, Plan, Report, Schools, Spec
from .frames import check, compare, library, solve

__version__ = "0.1.0"  # the library's version: see meson.build

__all__ = ["Error", "Library", "Plan", "Report", "Schools", "Spec", "check", "compare",
           "library", "solve", "__version__"]
