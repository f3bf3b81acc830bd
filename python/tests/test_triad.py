"""pytest: the data-frame functions against the library (TRIAD_LIB)."""
import subprocess
import sys

import pytest

import triad


def twelve():
    grades = ["Good", "Outstanding", "Requires improvement"]
    return [{"urn": 101 + k, "name": "School %d" % k, "phase": "Primary",
             "ofsted": grades[k % 3], "area": "North" if k < 6 else "South"}
            for k in range(12)]


SIX = "[stratum.primary]\nsizes = 6\n"


def rows(t):
    return t.to_dict("records") if hasattr(t, "to_dict") else t


def test_solve_joins_the_plan_in_order():
    plan = rows(triad.solve(twelve(), spec=SIX, seed=3))
    assert [r["urn"] for r in plan] == [s["urn"] for s in twelve()]
    sizes = {}
    for r in plan:
        sizes[r["collaborative"]] = sizes.get(r["collaborative"], 0) + 1
    assert sorted(sizes.values()) == [6, 6]
    assert sum(r["lead"] for r in plan) == 2


def test_same_seed_same_plan():
    a = rows(triad.solve(twelve(), spec=SIX, seed=7))
    b = rows(triad.solve(twelve(), spec=SIX, seed=7))
    assert [r["triad"] for r in a] == [r["triad"] for r in b]


def test_check_scores_an_outside_plan():
    plan = [{"urn": s["urn"], "group": "A" if k < 6 else "B"} for k, s in enumerate(twelve())]
    out = rows(triad.check(twelve(), plan, spec="[constraints]\nlead_required = no\n"))
    assert [g["label"] for g in out] == ["A", "B"]
    assert not any(g["within_one"] for g in out)  # each group is one area


def test_errors_carry_the_library_message():
    bad = twelve()
    bad[1]["ofsted"] = "Excellent"
    with pytest.raises(triad.Error, match="unknown Ofsted grade 'Excellent'"):
        triad.solve(bad)
    with pytest.raises(triad.Error, match="unknown key 'nope'"):
        triad.solve(twelve(), spec="[constraints]\nnope = 1\n")


def test_compare_is_tidy():
    out = rows(triad.compare(twelve(), methods=["auto", "random"], seeds=[1, 2], spec=SIX))
    assert [(r["method"], r["seed"]) for r in out] == [("auto", 1), ("auto", 2), ("random", 1),
                                                       ("random", 2)]
    assert all(r["within_one"] <= r["collaboratives"] for r in out)


def test_funding_per_group():
    plan = rows(triad.solve(twelve(), spec=SIX))
    out = rows(triad.check(twelve(), plan, spec=SIX + "[funding]\ntotal = 4000\n"))
    assert sum(g["funding"] for g in out if g["level"] == "collaborative") == pytest.approx(4000)


def test_module_version():
    out = subprocess.run([sys.executable, "-m", "triad", "--version"], capture_output=True,
                         text=True, check=True).stdout
    assert out.startswith("triad 0.1.0 (libtriad ")
