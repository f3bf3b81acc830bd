"""Data frames in, data frames out: the functions a researcher calls, as in
the R package (triad_solve, triad_check, triad_compare). Tables are pandas
DataFrames when pandas is installed, else lists of dicts; either is taken
as input."""
from __future__ import annotations

import csv
import ctypes
import io
import time
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from ._lib import Error, Library, Plan, Report, Schools, Spec, LEVELS

try:  # optional
    import pandas as _pd  # type: ignore
except ImportError:  # pragma: no cover - depends on the machine
    _pd = None

Rows = List[Dict[str, Any]]
Table = Union[Rows, Any]  # a list of dicts, or a pandas DataFrame

_LIB: Optional[Library] = None


def library() -> Library:
    """The shared library, loaded once (TRIAD_LIB, this tree's build, or the
    installed libtriad)."""
    global _LIB
    if _LIB is None:
        _LIB = Library()
    return _LIB


def _rows(table: Table, what: str) -> Rows:
    if _pd is not None and isinstance(table, _pd.DataFrame):
        return table.where(table.notna(), None).to_dict("records")
    if isinstance(table, list) and all(isinstance(r, dict) for r in table):
        return table
    raise TypeError("%s must be a pandas DataFrame or a list of dicts" % what)


def _table(rows: Rows) -> Table:
    return _pd.DataFrame(rows) if _pd is not None else rows


def _csv(rows: Rows) -> bytes:
    names: List[str] = []
    for r in rows:
        names += [k for k in r if k not in names]
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return out.getvalue().encode("utf-8")


def _schools(lib: Library, table: Table) -> Schools:
    data = _csv(_rows(table, "schools"))
    return lib._new(Schools, "triad_schools_free", "triad_schools_read_buffer", data,
                    len(data), b"schools", None)


def _spec(lib: Library, spec: Optional[str]) -> Optional[Spec]:
    if spec is None:
        return None
    if not isinstance(spec, str):
        raise TypeError("spec must be the text of an INI spec")
    return lib._new(Spec, "triad_spec_free", "triad_spec_read_string", spec.encode(), b"spec")


def _plan_text(lib: Library, plan: Plan, schools: Schools) -> str:
    p = ctypes.c_void_p()
    lib._call("triad_plan_csv", plan._ptr, schools._ptr, ctypes.byref(p))
    try:
        return ctypes.string_at(p).decode("utf-8")
    finally:
        lib._c.triad_string_free(p)


def _urn_key(row: Dict[str, Any]) -> str:
    for k in row:
        if k.lower() == "urn":
            return k
    raise Error(9, "the schools have no urn column")


def solve(schools: Table, spec: Optional[str] = None, method: str = "auto", seed: int = 1,
          time_limit: float = 30.0, threads: int = 1) -> Table:
    """The schools with their plan's columns collaborative, triad and lead
    (bool), in their order. Errors are triad.Error with the library's
    message (a bad cell names its row and column)."""
    lib = library()
    rows = _rows(schools, "schools")
    s = _schools(lib, rows)
    plan = lib.solve(s, spec=_spec(lib, spec), method=method, seed=seed, threads=threads,
                     time_limit=time_limit)
    placed = {r["URN"]: r for r in csv.DictReader(io.StringIO(_plan_text(lib, plan, s)))}
    out: Rows = []
    for r in rows:
        p = placed.get(str(r[_urn_key(r)]).strip())
        out.append(dict(r, collaborative=p["collaborative"] if p else None,
                        triad=(p["triad"] or None) if p else None,
                        lead=bool(p and p["lead"] == "1")))
    return _table(out)


def check(schools: Table, plan: Table, spec: Optional[str] = None) -> Table:
    """A row per collaborative and triad of any plan (urn with collaborative
    or group, optional triad and lead): level, label, size, within_one,
    max_deviation, funding (None without [funding])."""
    lib = library()
    s = _schools(lib, schools)
    prow = []
    for r in _rows(plan, "plan"):
        k = {n.lower(): n for n in r}
        if "urn" not in k:
            raise Error(9, "the plan has no urn column")
        q = {"URN": r[k["urn"]], "collaborative": r.get(k.get("collaborative", k.get("group", "")))}
        if "triad" in k:
            q["triad"] = r[k["triad"]]
        if "lead" in k:
            q["lead"] = 1 if r[k["lead"]] in (True, 1, "1", "True", "true") else 0
        prow.append(q)
    data = _csv(prow)
    p = lib._new(Plan, "triad_plan_free", "triad_plan_read_buffer", data, len(data), b"plan",
                 s._ptr)
    rep = lib.check(s, p, spec=_spec(lib, spec))
    c = lib._c
    out: Rows = []
    for level in ("collaborative", "triad"):
        lv = LEVELS[level]
        for g in range(c.triad_report_group_count(rep._ptr, lv)):
            money = c.triad_report_group_funding(rep._ptr, lv, g)
            out.append({"level": level,
                        "label": c.triad_report_group_label(rep._ptr, lv, g).decode(),
                        "size": c.triad_report_group_size(rep._ptr, lv, g),
                        "within_one": c.triad_report_group_within_one(rep._ptr, lv, g) == 1,
                        "max_deviation": c.triad_report_group_max_deviation(rep._ptr, lv, g),
                        "funding": None if money != money else money})
    return _table(out)


def compare(schools: Table, methods: Sequence[str] = ("auto", "random", "deal", "geo"),
            seeds: Iterable[int] = (1, 2, 3), spec: Optional[str] = None,
            time_limit: float = 30.0) -> Table:
    """A tidy row per method and seed: method, seed, seconds, collaboratives,
    within_one, max_deviation."""
    out: Rows = []
    for m in methods:
        for sd in seeds:
            t0 = time.perf_counter()
            planned = _rows(solve(schools, spec=spec, method=m, seed=sd,
                                  time_limit=time_limit), "plan")
            secs = time.perf_counter() - t0
            key = _urn_key(planned[0])
            plan = [{"urn": r[key], "collaborative": r["collaborative"], "triad": r["triad"],
                     "lead": r["lead"]} for r in planned]
            groups = [g for g in _rows(check(schools, plan, spec=spec), "check")
                      if g["level"] == "collaborative"]
            out.append({"method": m, "seed": sd, "seconds": secs,
                        "collaboratives": len(groups),
                        "within_one": sum(1 for g in groups if g["within_one"]),
                        "max_deviation": max(g["max_deviation"] for g in groups)})
    return _table(out)
