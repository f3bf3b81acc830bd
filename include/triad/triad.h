/** \file
 * libtriad: balanced school-improvement collaboratives and triads.
 *
 * The umbrella header: one include for the whole public API, which lives
 * in one header per topic (as libgit2 and igraph do):
 *   triad/common.h   status codes, the error object, version, strings, files
 *   triad/schools.h  the schools table: read, built, read back, data gaps
 *   triad/spec.h     the problem: strata, sizes, balance, constraints
 *   triad/plan.h     collaboratives, triads, leads, locked rows
 *   triad/memberships.h  partnerships schools already belong to
 *   triad/governors.h    the governor network's triads
 *   triad/solve.h    the solvers, rotations, --fixed, callbacks
 *   triad/check.h    scoring any plan; results as numbers; objectives
 *   triad/report.h   text, JSON and the HTML page
 *   triad/network.h  the partnership network across years; GraphML
 *   triad/broker.h   brokering support in days; brokerages checked
 *   triad/mdgp.h     EXPERIMENTAL: the MDGP research engine
 * Conventions, ownership and thread-safety: see triad/common.h.
 */
#ifndef TRIAD_TRIAD_H
#define TRIAD_TRIAD_H

#include <triad/common.h>
#include <triad/schools.h>
#include <triad/spec.h>
#include <triad/plan.h>
#include <triad/memberships.h>
#include <triad/solve.h>
#include <triad/governors.h>
#include <triad/check.h>
#include <triad/report.h>
#include <triad/network.h>
#include <triad/broker.h>
#include <triad/mdgp.h>
#include <triad/schedule.h>
#include <triad/outcomes.h>
#include <triad/impact.h>
#include <triad/clinic.h>
#include <triad/pack.h>

#endif /* TRIAD_TRIAD_H */
