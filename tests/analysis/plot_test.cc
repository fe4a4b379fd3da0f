// Plots read as a paper's reader reads them: every legend entry and title
// is in the rendered figure, fit bands come from the fit's own estimator,
// model colours are fixed by model type and never repeat in one report.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "analysis/fits/scaling_fit.h"
#include "analysis/plots/plot_style.h"
#include "analysis/plots/plots.h"
#include "sim/experiment/spec/model_registry.h"
#include "tests/analysis/planted_results.h"

using namespace sim;

namespace {

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The text an SVG shows: every text node, entities decoded.
std::string SvgText(const std::string& svg) {
  std::string out;
  static const std::regex node(">([^<]+)<");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), node);
       it != std::sregex_iterator(); ++it)
    out += (*it)[1].str() + "\n";
  for (const auto& [entity, c] :
       std::vector<std::pair<std::string, std::string>>{{"&lt;", "<"},
                                                        {"&gt;", ">"},
                                                        {"&quot;", "\""},
                                                        {"&apos;", "'"},
                                                        {"&amp;", "&"}}) {
    for (size_t at = out.find(entity); at != std::string::npos;
         at = out.find(entity, at + 1))
      out.replace(at, entity.size(), c);
  }
  return out;
}

// Every title '...' of a gnuplot script (legend entries, plot and panel
// titles), unquoted ('' is a quote) and trimmed; blank padding entries left
// out.
std::vector<std::string> ScriptTitles(const std::string& gp) {
  std::vector<std::string> titles;
  static const std::regex title(R"re(title '((?:[^']|'')*)')re");
  for (auto it = std::sregex_iterator(gp.begin(), gp.end(), title);
       it != std::sregex_iterator(); ++it) {
    std::string t;
    const std::string raw = (*it)[1].str();
    for (size_t i = 0; i < raw.size(); ++i)
      t += raw[i] == '\'' ? raw[++i] : raw[i];
    t.erase(0, t.find_first_not_of(' '));
    t.erase(t.find_last_not_of(' ') + 1);
    if (!t.empty()) titles.push_back(t);
  }
  return titles;
}

// Many models with long names, a crossed second axis (cells of one model
// share their n) and censored cells: legends of ten entries and more.
ResultsSet ManyModels() {
  ResultsSet planted = PlantedResults(2.0, 0.0, {2, 4, 8, 16, 32}, 3000, 2.0);
  ResultsSet set = planted;
  set.runs.clear();
  set.axes = {"n", "l", "N"};
  set.models = {"cnn", "pmoe_separate", "pmoe_separate_own_routers",
                "cnn_with_a_rather_long_name", "pmoe_joint"};
  for (const std::string& model : set.models) {
    for (double l : {2.0, 4.0}) {
      for (RunRecord r : planted.runs) {
        const bool cnn = r.model == "cnn";
        if (cnn != (model.rfind("cnn", 0) == 0)) continue;
        r.run_id = int(set.runs.size());
        r.model = model;
        r.type = cnn                     ? "cnn"
                 : model == "pmoe_joint" ? "pmoe_joint"
                                         : "pmoe_separate";
        r.coords["l"] = l;
        r.params["l"] = l;
        set.runs.push_back(r);
      }
    }
  }
  return set;
}

}  // namespace

TEST_CASE("Every legend entry and title of every plot is in its SVG",
          "[analysis][plots]") {
  const ResultsSet set = ManyModels();
  ComplexityOptions options;
  options.bootstrap = 40;
  const auto dir = std::filesystem::temp_directory_path() / "pmoe_legend_test";
  std::filesystem::remove_all(dir);
  const std::vector<Cell> cells = SummariseCells(set, options);
  const std::vector<PlotFile> plots = DrawPlots(set, cells, options, dir);
  bool censored = false;
  for (const Cell& c : cells) censored |= c.n_star.censor == Censor::kAbove;
  REQUIRE(censored);  // the censored entries are laid out too
  size_t most = 0;
  for (const PlotFile& p : plots) {
    INFO(p.name << ": " << p.warnings);
    REQUIRE(p.warnings.empty());
    const std::string shown = SvgText(Slurp(dir / (p.name + ".svg")));
    const std::vector<std::string> titles =
        ScriptTitles(Slurp(dir / (p.name + ".gp")));
    most = std::max(most, titles.size());
    for (const std::string& t : titles) {
      INFO("title: " << t);
      REQUIRE(shown.find(t) != std::string::npos);
    }
  }
  REQUIRE(most >= 14);  // the N* plot: five models, two series each
  // No empty data files where no plot was drawn.
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    REQUIRE(std::filesystem::file_size(entry.path()) > 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("A fit's band comes from its own bootstrap refits", "[analysis]") {
  // Cells beyond the grid make the fit censored (Tobit); its band is the
  // percentiles of its replicates' lines and holds the line.
  const ResultsSet set = PlantedResults(2.0, 0.0, {2, 4, 8, 16, 32}, 3000, 2.0);
  ComplexityOptions options;
  options.bootstrap = 200;
  const std::vector<Cell> cells = SummariseCells(set, options);
  const Fit fit = FitCells(cells, "cnn", {"n"}, Quantity::kNStar);
  REQUIRE(fit.ok);
  REQUIRE(fit.method == "censored (Tobit)");
  REQUIRE(int(fit.boot_coefficients.size()) == fit.boot_used);
  for (double x : {2.0, 4.0, 8.0, 16.0, 32.0}) {
    std::vector<double> lines;
    for (const std::vector<double>& b : fit.boot_coefficients)
      lines.push_back(b[0] + b[1] * std::log(x));
    const double line = fit.intercept + fit.slope[0] * std::log(x);
    REQUIRE(Percentile(lines, 0.025) <= line);
    REQUIRE(line <= Percentile(lines, 0.975));
  }
}

namespace {

// A report's models, each of the type of the same name (a spec's usual
// case) unless `types` names another.
ResultsSet Models(const std::vector<std::string>& models,
                  const std::map<std::string, std::string>& types = {}) {
  ResultsSet set;
  set.models = models;
  for (const std::string& m : models)
    set.model_types[m] = types.count(m) ? types.at(m) : m;
  return set;
}

}  // namespace

TEST_CASE("Model colours are fixed by type and distinct in a report",
          "[analysis][plots]") {
  const ResultsSet a =
      Models({"pmoe_joint", "cnn", "moe"}, {{"moe", "moe_topk"}});
  const ResultsSet b =
      Models({"student", "cnn", "pmoe_separate", "moe", "x1", "x2", "x3", "x4",
              "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12"},
             {{"student", "index_vanilla"}, {"moe", "moe_topk"}});
  // The paper's models keep their colour whatever the spec's order.
  REQUIRE(ModelColour(a, "cnn") == ModelColour(b, "cnn"));
  REQUIRE(ModelColour(a, "cnn") == "#0072B2");
  REQUIRE(ModelColour(b, "pmoe_separate") == "#D55E00");
  REQUIRE(ModelColour(a, "pmoe_joint") == "#009E73");
  std::set<std::string> colours;
  for (const std::string& m : b.models) colours.insert(ModelColour(b, m));
  REQUIRE(colours.size() == b.models.size());
  // Other models never take a registered type's colour.
  REQUIRE_FALSE(colours.count("#009E73"));
  REQUIRE(ModelColour(a, "moe") == "#CC79A7");
}

TEST_CASE("A model's colour follows its type, not its name",
          "[analysis][plots]") {
  // One model of a type takes the type's colour whatever its name.
  REQUIRE(ModelColour(Models({"baseline"}, {{"baseline", "cnn"}}),
                      "baseline") == "#0072B2");
  // A model named like a type but of another type does not.
  const ResultsSet impostor =
      Models({"cnn", "moe"}, {{"cnn", "moe_topk"}, {"moe", "moe_topk"}});
  REQUIRE(ModelColour(impostor, "cnn") == "#CC79A7");
  REQUIRE(ModelColour(impostor, "moe") == "#E69F00");
  // Two of one type: the first (in the spec's order) keeps the type's
  // colour, the next takes the next free one.
  const ResultsSet pair =
      Models({"pmoe_separate", "pmoe_separate_own_routers", "cnn"},
             {{"pmoe_separate_own_routers", "pmoe_separate"}});
  REQUIRE(ModelColour(pair, "pmoe_separate") == "#D55E00");
  REQUIRE(ModelColour(pair, "pmoe_separate_own_routers") == "#CC79A7");
  REQUIRE(ModelColour(pair, "cnn") == "#0072B2");
  // Without a known type a model takes a free colour.
  REQUIRE(ModelColour(Models({"cnn"}, {{"cnn", ""}}), "cnn") == "#CC79A7");
}

TEST_CASE("A model type cannot take a colour another type holds",
          "[analysis][plots]") {
  ModelEntry entry = *FindModelEntry("moe_topk");
  entry.name = "colour_thief";
  entry.colour_slot = 0;
  REQUIRE_THROWS_WITH(RegisterModel(entry),
                      "model type 'colour_thief': colour slot 0 is held by "
                      "another type");
  REQUIRE(FindModelEntry("colour_thief") == nullptr);
}

TEST_CASE("Log axes over continuous data label several ticks",
          "[analysis][plots]") {
  for (const auto& [lo, hi] : std::vector<std::pair<double, double>>{
           {30, 300}, {3, 3000}, {0.5, 2e5}, {40, 120}}) {
    const std::string tics = LogRangeTics("y", lo, hi);
    INFO(tics);
    int labels = 0;
    static const std::regex label(R"re('([0-9.e+-]+)' )re");
    for (auto it = std::sregex_iterator(tics.begin(), tics.end(), label);
         it != std::sregex_iterator(); ++it)
      ++labels;
    REQUIRE(labels >= 2);
  }
}

TEST_CASE(
    "An axis through 0 is drawn on a linear scale, a positive one on "
    "a log scale",
    "[analysis][plots]") {
  SECTION("tics and scale") {
    const std::string linear = LogTics("x", {0, 1, 3});
    INFO(linear);
    REQUIRE(!LogScalable({0, 1, 3}));
    REQUIRE(linear.find("unset logscale x") != std::string::npos);
    REQUIRE(linear.find("'0' 0") != std::string::npos);
    REQUIRE(ScaleSuffix({0, 1, 3}).empty());
    const std::string log = LogTics("x", {1, 3});
    REQUIRE(LogScalable({1, 3}));
    REQUIRE(log.find("unset") == std::string::npos);
    REQUIRE(log.rfind("set logscale x", 0) == 0);
    REQUIRE(ScaleSuffix({1, 3}) == " (log scale)");
  }
  SECTION("series at one x are drawn apart, also at 0") {
    const std::vector<double> linear = {0, 3}, log = {1, 3};
    for (int i = 0; i + 1 < 3; ++i) {
      REQUIRE(DrawnAt(0, i, 3, linear) < DrawnAt(0, i + 1, 3, linear));
      REQUIRE(DrawnAt(1, i, 3, log) < DrawnAt(1, i + 1, 3, log));
    }
    REQUIRE(DrawnAt(0, 1, 3, linear) == 0);  // the middle one at x itself
    REQUIRE(DrawnAt(3, 0, 3, log) == 3 * LogOffset(0, 3));
  }
  SECTION("a whole report with such an axis renders") {
    // The planted cells twice, with 0 and with 3 confusers.
    const ResultsSet planted = PlantedResults(2.0, 0.0, {4, 16});
    ResultsSet set = planted;
    set.runs.clear();
    set.axes = {"n", "confusers", "N"};
    for (const double confusers : {0.0, 3.0}) {
      for (RunRecord r : planted.runs) {
        r.run_id = int(set.runs.size());
        r.coords["confusers"] = confusers;
        r.params["confusers"] = confusers;
        set.runs.push_back(r);
      }
    }
    ComplexityOptions options;
    options.bootstrap = 20;
    const auto dir =
        std::filesystem::temp_directory_path() / "pmoe_zero_axis_test";
    std::filesystem::remove_all(dir);
    const std::vector<Cell> cells = SummariseCells(set, options);
    const std::vector<PlotFile> plots = DrawPlots(set, cells, options, dir);
    bool drawn = false;
    for (const PlotFile& p : plots) {
      INFO(p.name << ": " << p.warnings);
      REQUIRE(p.warnings.empty());
      if (p.name != "nstar_vs_confusers") continue;
      drawn = true;
      const std::string gp = Slurp(dir / (p.name + ".gp"));
      REQUIRE(gp.find("unset logscale x") != std::string::npos);
      REQUIRE(gp.find("\nset logscale x") == std::string::npos);
      REQUIRE(std::filesystem::file_size(dir / (p.name + ".png")) > 0);
    }
    REQUIRE(drawn);
    std::filesystem::remove_all(dir);
  }
}
