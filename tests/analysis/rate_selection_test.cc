// The learning-rate edge warning, both ways, on planted records.
#include "analysis/estimate/rate_selection.h"

#include <catch2/catch.hpp>

using namespace sim;

namespace {

RunRecord Chose(const std::string& model, double eta) {
  const Json j = {{"run_id", 0},
                  {"model", model},
                  {"type", "cnn"},
                  {"coords", Json::object()},
                  {"params", {{"N", 100}}},
                  {"status", "ok"},
                  {"final",
                   {{"test_error", 0.0},
                    {"train_error", 0.0},
                    {"test_loss", 0.1},
                    {"train_loss", 0.1}}},
                  {"eta", eta},
                  {"eta_selection",
                   {{{"eta", 0.4}, {"validation_error", 0.1}},
                    {{"eta", 1.6}, {"validation_error", 0.05}},
                    {{"eta", 6.4}, {"validation_error", 0.02}}}}};
  return ParseRecord(j);
}

}  // namespace

TEST_CASE("Learning-rate choices at the edge of the candidates are flagged",
          "[analysis]") {
  ResultsSet results;
  results.models = {"edge", "inside"};
  for (int i = 0; i < 4; ++i) {
    results.runs.push_back(Chose("edge", i < 3 ? 6.4 : 1.6));
    results.runs.push_back(Chose("inside", 1.6));
  }
  const std::vector<RateEdge> edges = RateEdges(results);
  REQUIRE(edges.size() == 2);
  REQUIRE(edges[0].highest == 3);
  REQUIRE(edges[0].lowest == 0);
  REQUIRE(edges[1].highest == 0);
  const std::string warnings = RateEdgeWarnings(edges);
  REQUIRE(warnings.find("edge chose the largest") != std::string::npos);
  REQUIRE(warnings.find("inside") == std::string::npos);
  // Records without selection are not counted.
  RunRecord plain = Chose("edge", 6.4);
  plain.eta_chosen = std::nan("");
  ResultsSet none;
  none.models = {"edge"};
  none.runs = {plain};
  REQUIRE(RateEdges(none).empty());
}

TEST_CASE("An edge choice concentrated in one cell is named, not diluted",
          "[analysis]") {
  ResultsSet results;
  results.models = {"cnn"};
  // 12 runs in three cells; only n = 48 chooses the largest candidate (3 of
  // its 4 runs): 3 of 12 pooled is below a fraction of 0.3.
  for (double n : {6.0, 12.0, 48.0}) {
    for (int i = 0; i < 4; ++i) {
      RunRecord r = Chose("cnn", n == 48 && i < 3 ? 6.4 : 1.6);
      r.coords = {{"n", n}};
      results.runs.push_back(r);
    }
  }
  const std::vector<RateEdge> edges = RateEdges(results);
  REQUIRE(edges[0].cells_highest == std::vector<std::string>{"n=48"});
  REQUIRE(edges[0].cells_lowest.empty());
  const std::string warnings = RateEdgeWarnings(edges, 0.3);
  REQUIRE(warnings.find("3 of 12 runs (most runs of n=48)") !=
          std::string::npos);
  // Spread thinly, the same count (one edge run in each cell) is not.
  for (size_t i = 0; i < results.runs.size(); ++i) {
    results.runs[i].eta_chosen = i % 4 == 0 ? 6.4 : 1.6;
  }
  REQUIRE(RateEdges(results)[0].highest == 3);
  REQUIRE(RateEdgeWarnings(RateEdges(results), 0.3).empty());
  // Exactly half of a cell is not "most"; three of four is, and cells are
  // named in the order of their values, smallest choices as well.
  for (size_t i = 0; i < results.runs.size(); ++i) {
    const double n = results.runs[i].coords["n"];
    const int k = static_cast<int>(i % 4);
    results.runs[i].eta_chosen =
        n == 48 ? (k < 2 ? 6.4 : 1.6) : (k < 3 ? 0.4 : 1.6);
  }
  const std::vector<RateEdge> lows = RateEdges(results);
  REQUIRE(lows[0].cells_highest.empty());
  REQUIRE(lows[0].cells_lowest == std::vector<std::string>{"n=6", "n=12"});
  REQUIRE(RateEdgeWarnings(lows, 0.9).find("(most runs of n=6, n=12)") !=
          std::string::npos);
}
