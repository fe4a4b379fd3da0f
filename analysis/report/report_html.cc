#include "analysis/report/report_html.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "analysis/report/conditions_report.h"
#include "analysis/report/html_escape.h"
#include "analysis/report/inline_svg.h"
#include "analysis/report/report_rows.h"
#include "analysis/report/report_text.h"

namespace sim {
namespace {

// Print-friendly and readable on a screen; no fonts or files fetched.
const char kStyle[] =
    "body{font-family:Georgia,'DejaVu Serif',serif;max-width:62em;"
    "margin:2em auto;padding:0 1em;line-height:1.45;color:#222}"
    "h1,h2,h3{font-family:'DejaVu Sans',Arial,sans-serif}"
    "h2{border-bottom:1px solid #ccc;margin-top:2em}"
    ".wide{overflow-x:auto}"
    "table{border-collapse:collapse;font-size:0.85em;margin:0.8em 0}"
    "th,td{border:1px solid #ccc;padding:0.25em 0.5em;text-align:left;"
    "vertical-align:top}th{background:#f3f3f3}"
    "figure{margin:1.5em 0}figure svg{width:100%;height:auto;"
    "max-width:56em;display:block}"
    "figcaption{font-size:0.9em;color:#444}"
    ".missing{color:#b00}.note{font-size:0.9em;color:#444}"
    "pre{background:#f6f6f6;padding:0.6em;overflow-x:auto;font-size:0.8em}";

std::string Section(const std::string& id, const std::string& title) {
  return "<h2 id=\"" + id + "\">" + HtmlEscape(title) + "</h2>\n";
}

std::string Paragraph(const std::string& text, const char* cls = nullptr) {
  return std::string("<p") +
         (cls ? std::string(" class=\"") + cls + "\"" : "") + ">" +
         HtmlEscape(text) + "</p>\n";
}

// Markdown's *emphasis* marks, which a paragraph of HTML would show.
std::string WithoutEmphasis(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), '*'), text.end());
  return text;
}

std::string Table(const ReportTable& table) {
  if (table.rows.empty()) return Paragraph("(none)", "note");
  return "<div class=\"wide\">" + HtmlTable(table) + "</div>\n";
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string CellsPart(const Analysis& a) {
  std::string out = Section("cells", "Sample and iteration complexity") +
                    Paragraph(NStarDefinition(a) +
                              "Intervals are 95% percentile bootstrap over "
                              "repeats; >X is censored above (not reached), "
                              "<=X below (reached at the first point).") +
                    Table(CellRows(a));
  std::string flagged;
  for (const Cell& c : a.cells)
    if (c.OptimisationLimited())
      flagged += (flagged.empty() ? "" : ", ") + c.Label();
  if (!flagged.empty())
    out += Paragraph(
        "Optimisation-limited cells (their N* measures the "
        "optimiser's budget as well as the samples): " +
        flagged + ".");
  return out;
}

std::string WarningsPart(const Analysis& a) {
  std::string out = Section("warnings", "Warnings");
  if (a.warnings.empty()) return out + Paragraph("None.", "note");
  out += "<ul>\n";
  for (const std::string& w : a.warnings)
    out += "<li>" + HtmlEscape(w) + "</li>\n";
  return out + "</ul>\n";
}

std::string FitsPart(const Analysis& a) {
  std::string out = Section("fits", "Scaling fits against the theory");
  if (a.fits.empty())
    return out + Paragraph("No axis besides N varies: nothing to fit.");
  out += Paragraph(
      "Fits of log(quantity) on log(axis), censored cells as intervals "
      "(Tobit); slopes with 95% bootstrap intervals. The theory's exponents "
      "are upper-bound orders: consistent means the whole interval lies at "
      "or below it, exceeds that it lies above, inconclusive that it "
      "straddles it or the fit cannot decide. Online at a fixed B, N* = B T* "
      "has T*'s slope and interval: one row, N* = B T*, stands for both.");
  out += Table(FitRows(a));
  for (const auto& [model, samples] : a.validation_samples)
    if (samples > 0)
      out += Paragraph(model + ": each run's learning rate was chosen on " +
                           Num(samples, "%g") +
                           " validation samples, counted in neither N* nor "
                           "N* + N_r.",
                       "note");
  return out;
}

std::string MechanismsPart(const Analysis& a) {
  const ReportTable cells = MechanismRows(a), routers = RouterCellRows(a);
  if (cells.rows.empty() && routers.rows.empty()) return "";
  return Section("mechanisms", "The proofs' mechanisms") +
         Paragraph(MechanismsIntro(a)) +
         (cells.rows.empty() ? "" : Table(cells)) +
         (routers.rows.empty() ? "" : Table(routers));
}

std::string SensitivityPart(const Analysis& a) {
  if (!a.sensitivity.is_object()) return "";
  return Section("sensitivity", "Budget sensitivity") +
         Paragraph("From pmoe-sim sensitivity on these records. " +
                   SensitivitySummary(a.sensitivity)) +
         Table(SensitivityRows(a.sensitivity));
}

std::string ChecksPart(const Analysis& a) {
  std::string out = Section("checks", "Checks");
  if (a.checks.empty())
    return out + Paragraph("The spec has no expect rules.", "note");
  return out + Table(CheckRows(a));
}

std::string Figure(const PlotFile& p, const std::string& dir, int index) {
  const std::string svg = InlineSvg(Slurp(dir + "/plots/" + p.name + ".svg"),
                                    "f" + std::to_string(index) + "-", p.title);
  std::string out = "<figure id=\"fig-" + HtmlEscape(p.name) + "\">\n";
  out += svg.empty() ? "<p class=\"missing\">Figure missing: plots/" +
                           HtmlEscape(p.name) + ".svg could not be read.</p>"
                     : svg;
  return out + "\n<figcaption><strong>Figure " + std::to_string(index) + ". " +
         HtmlEscape(p.title) + ".</strong> " + HtmlEscape(p.how_to_read) +
         "</figcaption>\n</figure>\n";
}

std::string FiguresPart(const Analysis& a, const std::string& dir) {
  std::string out = Section("figures", "Figures");
  if (a.plots.empty())
    return out + Paragraph("No figures (analyze ran with --no-plots).", "note");
  int index = 0;
  for (const PlotFile& p : a.plots) out += Figure(p, dir, ++index);
  return out;
}

std::string ProvenancePart(const ResultsSet& results) {
  return Section("provenance", "Provenance") +
         Paragraph(
             "Each pmoe-sim run invocation that wrote these records "
             "(provenance.json), with its wall time.") +
         Table(ProvenanceRows(results.directory));
}

}  // namespace

std::string ReportHtml(const ResultsSet& results,
                       const Analysis& a,
                       const std::string& report_dir) {
  const std::string name = results.spec.value("name", std::string("results"));
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width\">\n<title>" +
      HtmlEscape(name) + " (pmoe-sim report)</title>\n<style>" + kStyle +
      "</style>\n</head>\n<body>\n<h1>" + HtmlEscape(name) + "</h1>\n";
  out += Paragraph(results.spec.value("description", std::string()));
  out += Paragraph(std::to_string(results.runs.size()) +
                       " records in runs.jsonl; written by pmoe-sim analyze.",
                   "note");
  out += CellsPart(a) + WarningsPart(a) +
         Section("conditions", "Theorem conditions per cell") +
         Paragraph(WithoutEmphasis(ConditionsIntro(a))) +
         Table(ConditionsTable(a)) + FitsPart(a) + MechanismsPart(a) +
         SensitivityPart(a) + ChecksPart(a);
  if (!a.gaps.empty())
    out += Section("gaps", "Generalisation gap vs Zhao et al. 2024") + "<pre>" +
           HtmlEscape(GapsTable(a)) + "</pre>\n";
  out += FiguresPart(a, report_dir) + ProvenancePart(results);
  return out + "</body>\n</html>\n";
}

}  // namespace sim
