"""libtriad from Python: a thin ctypes layer over the shared library (standard
library only, no compilation step), for researchers.

    import triad
    lib = triad.Library()                      # finds libtriad.so (or TRIAD_LIB)
    schools = lib.read_schools("schools.csv")  # or lib.new_schools() + add()/set()
    plan = lib.solve(schools, seed=1)
    report = lib.check(schools, plan)
    for g in report.groups():                  # label, size, within_one, max_deviation
        print(g)
    print(lib.objectives(schools, plan))       # diversity, variance, kplus

Every failing call raises triad.Error with the library's message (file:line:
column for input errors) and status code. Arguments are checked before any
reaches C: a wrong type raises TypeError, a value out of range or a text
with a NUL byte ValueError, a school index out of range IndexError, all with
the library's words for the limit. Objects free themselves.
"""
import ctypes
import ctypes.util
import math
import os

__all__ = ["Library", "Error", "Schools", "Plan", "Spec", "Report"]

PHASES = ["Nursery", "Primary", "Middle", "Secondary", "All-through", "Special", "PRU",
          "16 plus", "Infant", "Junior", "First", "Middle deemed secondary"]
FIELDS = {"name": 0, "trust": 1, "area": 2, "ofsted": 3, "idaci": 4, "fsm_pct": 5, "urban": 6,
          "head_years": 7, "pupils": 8, "priority": 9, "lead_eligible": 10, "opted_out": 11,
          "low_age": 12, "high_age": 13}
METHODS = {"auto": 0, "search": 1, "random": 2, "deal": 3, "geo": 4, "ilp": 5}
LEVELS = {"collaborative": 0, "triad": 1}


SEED_MAX = 2 ** 64 - 1
THREADS_MAX = 256           # triad_solve_options.threads: 1-256
TIME_LIMIT_MAX = 604800.0   # a week, as the CLI's --time-limit


def _text(value, what):
    """A str (or path) as UTF-8 bytes for C: no NUL byte, which C would
    read as the end of the text ("small.csv\\0x" must not open small.csv)."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if isinstance(value, bytes):
        raise TypeError("%s must be a str, not bytes" % what)
    if not isinstance(value, str):
        raise TypeError("%s must be a str, not %s" % (what, type(value).__name__))
    if "\0" in value:
        raise ValueError("%s holds a NUL byte" % what)
    return value.encode("utf-8", errors="surrogateescape")


def _whole(value, what, lo, hi):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be a whole number, not %s" % (what, type(value).__name__))
    if not lo <= value <= hi:
        raise ValueError("%s %d is out of range (%d to %d)" % (what, value, lo, hi))
    return value


def _expect(obj, cls, what):
    if not isinstance(obj, cls):
        raise TypeError("%s must be a triad.%s, not %s" % (what, cls.__name__,
                                                          type(obj).__name__))
    if not getattr(obj, "_ptr", None):
        raise ValueError("%s has been freed" % what)
    return obj._ptr


def _choice(value, names, what):
    if not isinstance(value, str):
        raise TypeError("%s must be a str, not %s" % (what, type(value).__name__))
    if value not in names:
        raise ValueError("unknown %s %r (expected %s)" % (what, value, ", ".join(names)))
    return names[value] if isinstance(names, dict) else names.index(value)


class Error(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class _Error(ctypes.Structure):
    _fields_ = [("status", ctypes.c_int), ("file", ctypes.c_char * 256),
                ("line", ctypes.c_long), ("column", ctypes.c_long),
                ("message", ctypes.c_char * 768)]


class _SolveOptions(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_size_t), ("method", ctypes.c_int),
                ("seed", ctypes.c_uint64), ("time_limit", ctypes.c_double),
                ("threads", ctypes.c_int), ("progress", ctypes.c_void_p),
                ("progress_user", ctypes.c_void_p), ("history", ctypes.c_void_p),
                ("nhistory", ctypes.c_size_t), ("log", ctypes.c_void_p),
                ("log_user", ctypes.c_void_p), ("fixed", ctypes.c_void_p),
                ("memberships", ctypes.c_void_p)]


class _Objectives(ctypes.Structure):
    _fields_ = [("diversity", ctypes.c_double), ("variance", ctypes.c_double),
                ("kplus", ctypes.c_double), ("features", ctypes.c_size_t),
                ("groups", ctypes.c_size_t)]


def _find_library():
    path = os.environ.get("TRIAD_LIB")
    if path:
        return path
    here = os.path.dirname(os.path.abspath(__file__))
    for cand in (os.path.join(here, "..", "..", "build", "lib", "libtriad.so"),):
        if os.path.exists(cand):
            return cand
    found = ctypes.util.find_library("triad")
    if not found:
        raise OSError("libtriad not found: set TRIAD_LIB to the path of libtriad.so")
    return found


class _Handle:
    """An owned library object, freed with its free function."""

    def __init__(self, lib, ptr, free):
        self._lib, self._ptr, self._free = lib, ptr, free

    def __del__(self):
        if getattr(self, "_ptr", None):
            self._free(self._ptr)
            self._ptr = None


def _number(value, what):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("%s must be a number, not %s" % (what, type(value).__name__))
    return float(value)


class Spec(_Handle):
    """A spec: the defaults, an INI file, or settings (Library.spec)."""


class Schools(_Handle):
    def __len__(self):
        return self._lib._c.triad_schools_count(_expect(self, Schools, "schools"))

    def _index(self, i):
        n = len(self)
        if isinstance(i, bool) or not isinstance(i, int):
            raise TypeError("a school index must be an int, not %s" % type(i).__name__)
        if not 0 <= i < n:
            raise IndexError("school index %d is out of range (0 to %d)" % (i, n - 1))
        return i

    def urn(self, i):
        return self._lib._c.triad_schools_urn(self._ptr, self._index(i)).decode()

    def add(self, urn, phase="Primary"):
        idx = ctypes.c_size_t()
        self._lib._call("triad_schools_add", _expect(self, Schools, "schools"),
                        _text(urn, "urn"), _choice(phase, PHASES, "phase"), ctypes.byref(idx))
        return idx.value

    def set(self, i, field, value):
        i = self._index(i)
        f = _choice(field, FIELDS, "field")
        if field in ("name", "trust", "area"):
            self._lib._call("triad_schools_set_text", self._ptr, i, f,
                            None if value is None else _text(str(value), field))
        else:
            v = math.nan if value is None else _number(value, field)
            self._lib._call("triad_schools_set_number", self._ptr, i, f, ctypes.c_double(v))

    def set_location(self, i, easting, northing):
        self._lib._call("triad_schools_set_location", self._ptr, self._index(i),
                        ctypes.c_double(_number(easting, "easting")),
                        ctypes.c_double(_number(northing, "northing")))


class Plan(_Handle):
    def _index(self, i):
        if isinstance(i, bool) or not isinstance(i, int):
            raise TypeError("a school index must be an int, not %s" % type(i).__name__)
        if i < 0:
            raise IndexError("school index %d is negative" % i)
        return i

    def collaborative_of(self, i):
        """Collaborative index of school i, or -1 when i is not planned."""
        return self._lib._c.triad_plan_collaborative_of(_expect(self, Plan, "plan"),
                                                          self._index(i))

    def triad_of(self, i):
        return self._lib._c.triad_plan_triad_of(_expect(self, Plan, "plan"), self._index(i))

    def write(self, schools, path):
        self._lib._call("triad_plan_write", _expect(self, Plan, "plan"),
                        _expect(schools, Schools, "schools"), _text(path, "path"))


class Report(_Handle):
    def violations(self):
        return self._lib._c.triad_report_violations(self._ptr)

    def groups(self, level="collaborative"):
        c, lv = self._lib._c, _choice(level, LEVELS, "level")
        out = []
        for g in range(c.triad_report_group_count(self._ptr, lv)):
            out.append({"label": c.triad_report_group_label(self._ptr, lv, g).decode(),
                        "size": c.triad_report_group_size(self._ptr, lv, g),
                        "within_one": bool(c.triad_report_group_within_one(self._ptr, lv, g)),
                        "max_deviation": c.triad_report_group_max_deviation(self._ptr, lv, g)})
        return out

    def cells(self, g, level="collaborative"):
        """{attribute: {category: (count, share)}} of group g."""
        c, lv = self._lib._c, _choice(level, LEVELS, "level")
        n = c.triad_report_group_count(_expect(self, Report, "report"), lv)
        if isinstance(g, bool) or not isinstance(g, int):
            raise TypeError("a group index must be an int, not %s" % type(g).__name__)
        if not 0 <= g < n:
            raise IndexError("group index %d is out of range (0 to %d)" % (g, n - 1))
        out = {}
        for a in range(c.triad_report_attribute_count(self._ptr)):
            if c.triad_report_attribute_is_numeric(self._ptr, a):
                continue
            name = c.triad_report_attribute_name(self._ptr, a).decode()
            out[name] = {}
            for k in range(c.triad_report_category_count(self._ptr, a)):
                count, share = ctypes.c_int(), ctypes.c_double()
                self._lib._call("triad_report_cell", self._ptr, lv, g, a, k,
                                ctypes.byref(count), ctypes.byref(share))
                cat = c.triad_report_category_name(self._ptr, a, k).decode()
                out[name][cat] = (count.value, share.value)
        return out


class Library:
    """The shared library and the calls of its public header."""

    def __init__(self, path=None):
        c = ctypes.CDLL(path or _find_library())
        self._c = c
        vp, sz, st = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int
        err = ctypes.POINTER(_Error)
        sigs = {
            "triad_version": (ctypes.c_char_p, []),
            "triad_schools_read": (st, [ctypes.c_char_p, vp, ctypes.POINTER(vp), err]),
            "triad_schools_new": (st, [ctypes.POINTER(vp), err]),
            "triad_schools_add": (st, [vp, ctypes.c_char_p, st, ctypes.POINTER(sz), err]),
            "triad_schools_set_text": (st, [vp, sz, st, ctypes.c_char_p, err]),
            "triad_schools_set_number": (st, [vp, sz, st, ctypes.c_double, err]),
            "triad_schools_set_location": (st, [vp, sz, ctypes.c_double, ctypes.c_double, err]),
            "triad_schools_free": (None, [vp]),
            "triad_schools_count": (sz, [vp]),
            "triad_schools_urn": (ctypes.c_char_p, [vp, sz]),
            "triad_spec_new": (st, [ctypes.POINTER(vp), err]),
            "triad_spec_read": (st, [ctypes.c_char_p, ctypes.POINTER(vp), err]),
            "triad_spec_set": (st, [vp, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, err]),
            "triad_spec_free": (None, [vp]),
            "triad_solve_options_init": (None, [ctypes.POINTER(_SolveOptions)]),
            "triad_solve": (st, [vp, vp, ctypes.POINTER(_SolveOptions), ctypes.POINTER(vp), err]),
            "triad_plan_read": (st, [ctypes.c_char_p, vp, ctypes.POINTER(vp), err]),
            "triad_plan_write": (st, [vp, vp, ctypes.c_char_p, err]),
            "triad_plan_free": (None, [vp]),
            "triad_plan_collaborative_of": (ctypes.c_long, [vp, sz]),
            "triad_plan_triad_of": (ctypes.c_long, [vp, sz]),
            "triad_check": (st, [vp, vp, vp, ctypes.POINTER(vp), err]),
            "triad_report_free": (None, [vp]),
            "triad_report_violations": (sz, [vp]),
            "triad_report_group_count": (sz, [vp, st]),
            "triad_report_group_label": (ctypes.c_char_p, [vp, st, sz]),
            "triad_report_group_size": (sz, [vp, st, sz]),
            "triad_report_group_within_one": (st, [vp, st, sz]),
            "triad_report_group_max_deviation": (ctypes.c_double, [vp, st, sz]),
            "triad_report_attribute_count": (sz, [vp]),
            "triad_report_attribute_name": (ctypes.c_char_p, [vp, sz]),
            "triad_report_attribute_is_numeric": (st, [vp, sz]),
            "triad_report_category_count": (sz, [vp, sz]),
            "triad_report_category_name": (ctypes.c_char_p, [vp, sz, sz]),
            "triad_report_cell": (st, [vp, st, sz, sz, sz, ctypes.POINTER(ctypes.c_int),
                                       ctypes.POINTER(ctypes.c_double), err]),
            "triad_objectives_compute": (st, [vp, vp, vp, ctypes.POINTER(_Objectives), err]),
            "triad_schools_read_buffer": (st, [ctypes.c_char_p, sz, ctypes.c_char_p, vp,
                                               ctypes.POINTER(vp), err]),
            "triad_spec_read_string": (st, [ctypes.c_char_p, ctypes.c_char_p,
                                            ctypes.POINTER(vp), err]),
            "triad_plan_read_buffer": (st, [ctypes.c_char_p, sz, ctypes.c_char_p, vp,
                                            ctypes.POINTER(vp), err]),
            "triad_plan_csv": (st, [vp, vp, ctypes.POINTER(ctypes.c_void_p), err]),
            "triad_plan_solver_log": (ctypes.c_char_p, [vp]),
            "triad_string_free": (None, [vp]),
            "triad_report_warnings": (sz, [vp]),
            "triad_report_group_funding": (ctypes.c_double, [vp, st, sz]),
        }
        for name, (res, args) in sigs.items():
            f = getattr(c, name)
            f.restype, f.argtypes = res, args

    def _call(self, name, *args):
        e = _Error()
        status = getattr(self._c, name)(*args, ctypes.byref(e))
        if status != 0:
            raise Error(status, e.message.decode(errors="replace"))

    def _new(self, cls, free, name, *args):
        ptr = ctypes.c_void_p()
        self._call(name, *args, ctypes.byref(ptr))
        return cls(self, ptr, getattr(self._c, free))

    def version(self):
        return self._c.triad_version().decode()

    def read_schools(self, path):
        return self._new(Schools, "triad_schools_free", "triad_schools_read",
                         _text(path, "path"), None)

    def new_schools(self):
        return self._new(Schools, "triad_schools_free", "triad_schools_new")

    def spec(self, path=None, settings=()):
        """A spec from an INI file (or the defaults), then settings as
        (section, key, value) triples: ("stratum.primary", "sizes", "6, 9")."""
        spec = (self._new(Spec, "triad_spec_free", "triad_spec_read", _text(path, "path"))
                if path is not None else self._new(Spec, "triad_spec_free", "triad_spec_new"))
        for item in settings:
            if not isinstance(item, (tuple, list)) or len(item) != 3:
                raise TypeError("a setting is a (section, key, value) triple, not %r" % (item,))
            section, key, value = item
            self._call("triad_spec_set", spec._ptr, _text(section, "section"), _text(key, "key"),
                       _text(str(value), "value"))
        return spec

    def solve(self, schools, spec=None, method="auto", seed=1, threads=1, time_limit=30.0,
              fixed=None):
        """fixed: a Plan (read from a CSV with a locked column) whose locked
        schools stay in their collaborative; the rest is re-solved."""
        o = _SolveOptions()
        self._c.triad_solve_options_init(ctypes.byref(o))
        if o.struct_size != ctypes.sizeof(_SolveOptions):  # header and module out of step
            raise Error(1, "triad_solve_options is %d bytes in the library, %d here"
                        % (o.struct_size, ctypes.sizeof(_SolveOptions)))
        o.method = _choice(method, METHODS, "method")
        o.seed = _whole(seed, "seed", 0, SEED_MAX)
        o.threads = _whole(threads, "threads", 1, THREADS_MAX)
        t = _number(time_limit, "time_limit")
        if not 0 < t <= TIME_LIMIT_MAX:  # also refuses nan
            raise ValueError("time_limit %r is out of range (more than 0, at most %g s)"
                             % (time_limit, TIME_LIMIT_MAX))
        o.time_limit = t
        o.fixed = _expect(fixed, Plan, "fixed") if fixed is not None else None
        return self._new(Plan, "triad_plan_free", "triad_solve",
                         _expect(schools, Schools, "schools"),
                         _expect(spec, Spec, "spec") if spec is not None else None,
                         ctypes.byref(o))

    def read_plan(self, path, schools):
        return self._new(Plan, "triad_plan_free", "triad_plan_read", _text(path, "path"),
                         _expect(schools, Schools, "schools"))

    def check(self, schools, plan, spec=None):
        return self._new(Report, "triad_report_free", "triad_check",
                         _expect(schools, Schools, "schools"),
                         _expect(spec, Spec, "spec") if spec is not None else None,
                         _expect(plan, Plan, "plan"))

    def objectives(self, schools, plan, spec=None):
        o = _Objectives()
        self._call("triad_objectives_compute", _expect(schools, Schools, "schools"),
                   _expect(spec, Spec, "spec") if spec is not None else None,
                   _expect(plan, Plan, "plan"), ctypes.byref(o))
        return {"diversity": o.diversity, "variance": o.variance, "kplus": o.kplus,
                "features": o.features, "groups": o.groups}
