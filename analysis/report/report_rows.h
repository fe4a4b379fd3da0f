// The rows report.md and report.html share: cells, fits and checks, as
// ReportTable (rendered by report_table.h).
#pragma once

#include <set>
#include <string>

#include "analysis/report/report.h"
#include "analysis/report/report_table.h"

namespace sim {

// N*, T*, validity and (for cells on a fixed training set) the mean test
// error at each N; online cells have no N axis, so no such column.
ReportTable CellRows(const Analysis& analysis);
// The batch sizes B of the online cells (N* = B T* there).
std::set<double> OnlineBatches(const Analysis& analysis);
// How N* and T* are defined for these cells: the N-grid definition for
// cells on a fixed training set, N* = B T* for online ones.
std::string NStarDefinition(const Analysis& analysis);
// Every fit; a T* row that repeats its N* row (online at a fixed B, N* =
// B T* has T*'s slope) is folded into that row ("N* = B T*").
ReportTable FitRows(const Analysis& analysis);
// The proofs' mechanisms (report_mechanisms.cc): cells with a T' or the l
// their routers need, with the cost to reach eps; the router cells' N_r*;
// what the columns mean.
ReportTable MechanismRows(const Analysis& analysis);
ReportTable RouterCellRows(const Analysis& analysis);
std::string MechanismsIntro(const Analysis& analysis);
ReportTable CheckRows(const Analysis& analysis);
// The fits of a sensitivity.json: base slope and interval, each variant's
// slope, and the verdict (robust, budget-dependent, ...).
ReportTable SensitivityRows(const Json& sensitivity);
// The folder's provenance.json (one entry per `run` invocation) as a table:
// commit, command, machine, threads, start, end and wall time; no rows
// where the file is missing or unreadable.
ReportTable ProvenanceRows(const std::string& results_dir);
// "robust", ... and the variants' names of a sensitivity.json.
std::string SensitivitySummary(const Json& sensitivity);

}  // namespace sim
