// report.md: the spec's description, the tables, the flagged cells, the
// checks and the plots of one results folder.
#include <cmath>
#include <cstdio>
#include <sstream>

#include "analysis/report/conditions_report.h"
#include "analysis/report/report.h"
#include "analysis/report/report_rows.h"
#include "analysis/report/report_text.h"
#include "analysis/text/text_table.h"

namespace sim {

namespace {

std::string CellsSection(const Analysis& a) {
  std::ostringstream out;
  out << "## Sample and iteration complexity\n\n"
      << NStarDefinition(a)
      << "Intervals are 95% percentile bootstrap over repeats. `>X` means "
         "eps was not reached (censored above), `<=X` that already the "
         "smallest N or the first evaluation reached it (*(largest eta)* or "
         "*(smallest eta)*: most runs chose that edge of the learning-rate "
         "candidates, an upper limit). *Opt-limited* is the fraction of the "
         "cell's runs that ended limited by the optimiser rather than by "
         "their samples (final train error > eps/2, or stopped by a step cap "
         "before converging, or diverged); the gap is the mean test minus "
         "train error.\n\n"
      << MarkdownTable(CellRows(a));
  std::string flagged;
  for (const Cell& c : a.cells)
    if (c.OptimisationLimited())
      flagged += (flagged.empty() ? "" : ", ") + c.Label();
  if (!flagged.empty()) {
    out << "\n**Optimisation-limited cells** (their N* measures the "
           "optimiser's budget as well as the samples; their scaling fits "
           "are not sample complexity alone): "
        << flagged << ".\n";
  }
  return out.str();
}

std::string FitsSection(const Analysis& a) {
  std::ostringstream out;
  out << "\n## Scaling fits against the theory\n\n"
      << "Fits of log(quantity) on log(axis) (relative error): least "
         "squares, with censored cells as interval observations (censored "
         "normal, Tobit, maximum likelihood). The theory's exponents (n^8 "
         "for the CNN, l^8 for separate pMoE, k^4 l^6 for joint pMoE; n^4, "
         "l^4, k^2 l^2 for iterations) are upper-bound orders, taken under "
         "the grid's own conditions (column *basis*): the samples N = B T, "
         "so online with a fixed batch B an N* row is compared with T's "
         "exponent (N* = B T* grows as T*), with B growing along the axis "
         "with T's exponent plus B's. *consistent* means the whole 95% "
         "interval lies at or below the theory's exponent, *exceeds* that it "
         "lies above; *inconclusive* that it straddles it, or that too few "
         "uncensored cells, no interval or too many dropped bootstrap "
         "replicates leave it undecided. Online at a fixed B, N* = B T* has "
         "T*'s slope and interval: one row, `N* = B T*`, stands for both.\n\n";
  out << MarkdownTable(FitRows(a));
  if (a.fits.empty())
    out << "(No axis besides N varies, so there is nothing to fit.)\n";
  for (const auto& [model, samples] : a.validation_samples) {
    if (samples > 0)
      out << "\n"
          << model << ": each run's learning rate was chosen on "
          << Num(samples, "%g")
          << " validation samples, counted in neither N* nor N* + N_r.\n";
  }
  return out.str();
}

std::string MechanismsSection(const Analysis& a) {
  const std::string cells = MarkdownTable(MechanismRows(a));
  const std::string routers = MarkdownTable(RouterCellRows(a));
  if (cells.empty() && routers.empty()) return "";
  return "\n## The proofs' mechanisms\n\n" + MechanismsIntro(a) + "\n\n" +
         cells + (cells.empty() || routers.empty() ? "" : "\n") + routers;
}

std::string GapsSection(const Analysis& a) {
  if (a.gaps.empty()) return "";
  std::ostringstream out;
  out << "\n## Generalisation gap vs Zhao et al. 2024\n\n"
      << "Measured mean train-test gaps of the top-k MoE models (95% "
         "bootstrap intervals over the runs of a cell; failed or unmeasured "
         "runs are left out, never read as a gap of 0) beside the router term "
         "of Zhao, Wang, Wang's bound, 2 sqrt([2 k d_N (1 + ln(T/k)) + d_N "
         "ln(2m) + ln(4/delta)] / (2m)) with d_N = T d (the linear router's "
         "parameter count) and delta = 0.05. The bound adds an expert term 4 "
         "C R_m(H) >= 0, so a gap below the router term is below the bound; "
         "a router term >= 1 is vacuous for the 0-1 error gap. The logistic "
         "loss is unbounded, so the bound does not apply to the loss gap "
         "(shown for reference). The `upper_bound` checks judge each cell.\n\n"
      << "| model | N | T | k | runs | error gap | 95% interval | bound term | "
         "slack | loss gap |\n|---|---|---|---|---|---|---|---|---|---|\n";
  for (const GapRow& g : a.gaps) {
    out << "| " << g.model << " | " << Num(g.N, "%g") << " | " << Num(g.T, "%g")
        << " | " << Num(g.k, "%g") << " | " << GapRunsText(g) << " | "
        << Num(g.error_gap) << " | " << GapIntervalText(g) << " | "
        << Num(g.bound) << (g.Vacuous() ? " (vacuous)" : "") << " | "
        << Num(g.Slack()) << " | " << Num(g.loss_gap) << " |\n";
  }
  return out.str();
}

std::string ChecksSection(const Analysis& a) {
  std::ostringstream out;
  out << "\n## Checks\n\n";
  if (a.checks.empty()) return out.str() + "The spec has no `expect` rules.\n";
  out << MarkdownTable(CheckRows(a));
  return out.str();
}

}  // namespace

std::string WarningsSection(const Analysis& a) {
  if (a.warnings.empty()) return "";
  std::string out = "\n## Warnings\n\n";
  for (const std::string& w : a.warnings) out += "- " + w + "\n";
  return out;
}

std::string SensitivitySection(const Analysis& a) {
  if (!a.sensitivity.is_object()) return "";
  std::string out =
      "\n## Budget sensitivity\n\nFrom `pmoe-sim sensitivity` on these "
      "records (variants in `" +
      a.sensitivity.value("variants_folder", std::string("?")) +
      "`): the exponents refitted with twice the steps and with the "
      "learning-rate list scaled. Overall: **" +
      a.sensitivity.value("overall", std::string("?")) + "**.\n\n```\n" +
      a.sensitivity.value("table", std::string()) + "```\n";
  return out;
}

std::string ProvenanceSection(const ResultsSet& results) {
  const ReportTable table = ProvenanceRows(results.directory);
  if (table.rows.empty()) return "";
  return "\n## Provenance\n\nEach `pmoe-sim run` invocation that wrote these "
         "records (provenance.json).\n\n" +
         MarkdownTable(table);
}

std::string ReportMarkdown(const ResultsSet& results, const Analysis& a) {
  std::ostringstream out;
  out << "# " << results.spec.value("name", std::string("results")) << "\n\n";
  const std::string description =
      results.spec.value("description", std::string());
  if (!description.empty()) out << description << "\n\n";
  out << "Runs: " << results.runs.size()
      << " records in `runs.jsonl`. Generated by `pmoe-sim analyze`.\n\n";
  out << CellsSection(a) << WarningsSection(a) << ConditionsSection(a)
      << FitsSection(a) << MechanismsSection(a) << SensitivitySection(a)
      << GapsSection(a) << ChecksSection(a);
  out << ProvenanceSection(results);
  out << "\n## Plots\n\n";
  for (const PlotFile& p : a.plots) {
    out << "### " << p.title << "\n\n![" << p.title << "](plots/" << p.name
        << ".svg)\n\n"
        << p.how_to_read << "\n\n";
  }
  return out.str();
}

}  // namespace sim
