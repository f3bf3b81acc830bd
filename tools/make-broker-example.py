#!/usr/bin/env python3
"""Writes examples/data/surrey-offers.csv and surrey-needs.csv: ILLUSTRATIVE
offers and needs for the Surrey schools (no real data: the rule below picks
them). Offers: every 5th school graded Outstanding or Good offers 5-15 days
in one or two areas; every 17th such school is an NLE, every 9th an LLE.
Needs: every school graded Requires improvement or Inadequate needs 5-20
days (priority 3 when Inadequate, else 2); every 13th other school needs
3-6 days (priority 1). Areas cycle through a fixed list; one need is written
'SEND' to show the synonyms file (SEND -> Special educational needs)."""
import csv
import sys

src = sys.argv[1] if len(sys.argv) > 1 else "out/surrey-schools.csv"
areas = ["Leadership", "Maths", "Reading", "Special educational needs", "Early years",
         "Attendance", "Science"]
rows = list(csv.DictReader(open(src, encoding="utf-8-sig")))
offers, needs = [], []
good = [r for r in rows if r["ofsted"] in ("1", "2")]
for k, r in enumerate(good):
    if k % 5:
        continue
    role = "NLE" if k % 17 == 0 else "LLE" if k % 9 == 0 else "none"
    for a in range(1 + (k // 5) % 2):
        offers.append([r["urn"], areas[(k // 5 + 3 * a) % len(areas)], 5 + (k * 7) % 11, role,
                       3 if role == "NLE" else ""])
for k, r in enumerate(rows):
    if r["ofsted"] in ("3", "4"):
        needs.append([r["urn"], areas[k % len(areas)], 5 + (k * 3) % 16,
                      3 if r["ofsted"] == "4" else 2])
    elif k % 13 == 0:
        area = areas[k % len(areas)]
        needs.append([r["urn"], "SEND" if area.startswith("Special") else area, 3 + k % 4, 1])
with open("examples/data/surrey-offers.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["urn", "area", "days", "role", "max_schools"])
    w.writerows(offers)
with open("examples/data/surrey-needs.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["urn", "area", "days", "priority"])
    w.writerows(needs)
with open("examples/data/synonyms.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["term", "area"])
    w.writerows([["SEND", "Special educational needs"], ["SEN", "Special educational needs"],
                 ["Numeracy", "Maths"], ["Literacy", "Reading"], ["EYFS", "Early years"]])
print(len(offers), "offers,", len(needs), "needs")
