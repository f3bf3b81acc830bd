"""The Python module against the library: read or build schools, solve,
check, read the numbers back, and errors as exceptions."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
import triad  # noqa: E402

lib = triad.Library(sys.argv[1])
src = sys.argv[2]
failures = 0


def expect(cond, what):
    global failures
    if not cond:
        print("FAIL:", what)
        failures += 1


# from a file: Surrey, solved, checked, the numbers back
schools = lib.read_schools(os.path.join(src, "..", "examples", "data",
                                        "surrey-936-gias-2021-05.csv"))
expect(len(schools) == 397, "397 Surrey schools, got %d" % len(schools))
plan = lib.solve(schools, seed=1)
report = lib.check(schools, plan)
groups = report.groups()
expect(len(groups) == 45, "45 collaboratives, got %d" % len(groups))
expect(all(g["within_one"] for g in groups), "every collaborative within one")
expect(sum(g["size"] for g in groups) == 397, "sizes add up to 397")
cells = report.cells(0)
expect("ofsted" in cells and all(abs(n - s) <= 1 + 1e-9 for n, s in cells["ofsted"].values()),
       "group 0's Ofsted counts within one of their shares")
expect(report.violations() == 0, "no violations")
obj = lib.objectives(schools, plan)
expect(obj["groups"] == 45 and obj["variance"] > 0 and obj["kplus"] >= obj["variance"],
       "objectives: %r" % obj)

# --fixed: two schools locked into another collaborative stay there
import csv  # noqa: E402
import tempfile  # noqa: E402
with tempfile.TemporaryDirectory() as tmp:
    plan.write(schools, os.path.join(tmp, "p.csv"))
    with open(os.path.join(tmp, "p.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    target = rows[2]["collaborative"]
    moved = [r for r in rows if r["collaborative"] != target][:2]
    for r in rows:
        r["locked"] = "0"
    for r in moved:
        r["collaborative"], r["locked"] = target, "1"
    with open(os.path.join(tmp, "fixed.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    fixed = lib.read_plan(os.path.join(tmp, "fixed.csv"), schools)
    p3 = lib.solve(schools, seed=1, time_limit=5, fixed=fixed)
    p3.write(schools, os.path.join(tmp, "p3.csv"))
    with open(os.path.join(tmp, "p3.csv"), newline="") as f:
        got = {r["URN"]: r["collaborative"] for r in csv.DictReader(f)}
    expect(all(got[r["URN"]] == target for r in moved),
           "locked schools in %r, want %s" % ([got[r["URN"]] for r in moved], target))

# built in memory: 12 schools, six or nine
mem = lib.new_schools()
for k in range(12):
    i = mem.add(str(700 + k), "Primary")
    mem.set(i, "ofsted", 1 + k % 4)
    mem.set(i, "pupils", 100 + 20 * k)
spec = lib.spec(settings=[("stratum.primary", "sizes", "6, 9")])
p2 = lib.solve(mem, spec)
sizes = sorted(g["size"] for g in lib.check(mem, p2, spec).groups())
expect(sizes == [6, 6], "12 schools as 6 + 6, got %r" % sizes)

# errors come back as exceptions with the library's message
try:
    mem.add("700")
    expect(False, "a duplicate URN raised nothing")
except triad.Error as e:
    expect(e.status == 7 and "duplicate URN 700" in str(e), "duplicate: %s" % e)
try:
    mem.set(0, "ofsted", 9)
    expect(False, "Ofsted grade 9 raised nothing")
except triad.Error as e:
    expect(e.status == 6, "grade 9: status %d" % e.status)

# fail safe (issue 30): wrong types, ranges and NUL bytes never reach C
def raises(exc, fn, what, words=""):
    try:
        fn()
    except exc as e:
        expect(words in str(e), "%s: %s does not say %r" % (what, e, words))
        return
    except Exception as e:  # noqa: BLE001 - any other exception is the failure
        expect(False, "%s raised %s: %s, want %s" % (what, type(e).__name__, e, exc.__name__))
        return
    expect(False, "%s raised nothing, want %s" % (what, exc.__name__))


raises(TypeError, lambda: lib.solve(p2), "a plan where schools are expected", "triad.Schools")
raises(TypeError, lambda: lib.check(mem, mem), "schools where a plan is expected", "triad.Plan")
raises(TypeError, lambda: lib.solve(mem, spec=p2), "a plan as the spec", "triad.Spec")
raises(ValueError, lambda: lib.solve(mem, spec, seed=-1), "seed -1", "out of range")
raises(ValueError, lambda: lib.solve(mem, spec, seed=2 ** 64), "seed 2^64", "out of range")
raises(TypeError, lambda: lib.solve(mem, spec, seed=1.5), "seed 1.5", "whole number")
raises(ValueError, lambda: lib.solve(mem, spec, threads=2 ** 32 + 1), "threads 2^32+1",
       "out of range")
raises(ValueError, lambda: lib.solve(mem, spec, threads=0), "threads 0", "out of range")
raises(ValueError, lambda: lib.solve(mem, spec, time_limit=float("nan")), "time_limit nan",
       "out of range")
raises(ValueError, lambda: lib.solve(mem, spec, method="annealing"), "method annealing",
       "unknown method")
raises(ValueError, lambda: lib.read_schools("small.csv\0x"), "a path with a NUL byte",
       "NUL byte")
raises(TypeError, lambda: lib.read_schools(b"small.csv"), "a path as bytes", "str")
raises(ValueError, lambda: mem.add("x\0y"), "a URN with a NUL byte", "NUL byte")
raises(ValueError, lambda: mem.add("800", "Kindergarten"), "an unknown phase", "unknown phase")
raises(ValueError, lambda: mem.set(0, "colour", 1), "an unknown field", "unknown field")
raises(TypeError, lambda: mem.set(0, "pupils", "many"), "a text where a number goes", "number")
raises(IndexError, lambda: mem.set(12, "pupils", 1), "school index 12 of 12", "out of range")
raises(IndexError, lambda: mem.urn(-1), "school index -1", "out of range")
raises(IndexError, lambda: lib.check(mem, p2, spec).cells(5), "group 5 of 2", "out of range")
raises(ValueError, lambda: lib.check(mem, p2, spec).groups("district"), "level district",
       "unknown level")
raises(TypeError, lambda: lib.spec(settings=[("a", "b")]), "a setting of two", "triple")
expect(triad.Error is not None and len(mem) == 12, "the schools survive the refusals")

print("%d failed" % failures)
sys.exit(1 if failures else 0)
