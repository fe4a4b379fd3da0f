// Top-k MoE: measured generalisation gaps against Zhao et al.'s bound.
#include <algorithm>
#include <cmath>
#include <set>

#include "analysis/fits/gap_analysis.h"
#include "analysis/plots/display_names.h"
#include "analysis/plots/plot_figures.h"
#include "sim/experiment/io/safe_file.h"

namespace sim {

void PlotGap(const PlotContext& ctx, std::vector<PlotFile>& plots) {
  const std::vector<GapRow> gaps = GapRows(ctx.results);
  if (gaps.empty()) return;
  TextFile dat(ctx.dir + "/gap_vs_zhao_bound.dat");
  std::set<std::pair<std::string, double>> groups;  // (model, k)
  for (const GapRow& g : gaps) groups.insert({g.model, g.k});
  // Point shapes tell k apart; the colour stays the model's.
  static const int kFilled[] = {7, 5, 9, 11, 13}, kOpen[] = {6, 4, 8, 10, 12};
  std::vector<KeyGroup> key_groups;
  double lo = INFINITY, hi = 0;  // the bound terms drawn
  int block = 0;
  for (const auto& [model, k] : groups) {
    dat << "# " << model << ", active experts k = " << k
        << "\n# bound_term error_gap loss_gap N T\n";
    for (const GapRow& g : gaps) {
      if (g.model != model || g.k != k) continue;
      dat << g.bound << " " << g.error_gap << " " << g.loss_gap << " " << g.N
          << " " << g.T << "\n";
      if (g.bound > 0) lo = std::min(lo, g.bound), hi = std::max(hi, g.bound);
    }
    dat << "\n\n";
    const std::string idx = std::to_string(block);
    const std::string lc = " lc rgb '" + ModelColour(ctx.results, model) + "'";
    const std::string label = ModelLabel(ctx.results, model) + " k = " + Num(k);
    const std::string src = "'gap_vs_zhao_bound.dat' index " + idx;
    key_groups.push_back(
        {{src + " using 1:3 with points pt " +
              std::to_string(kFilled[block % 5]) + " ps 1.3" + lc,
          label + ": loss gap"},
         {src + " using 1:2 with points pt " +
              std::to_string(kOpen[block % 5]) + " ps 1.3" + lc,
          label + ": error gap"}});
    ++block;
  }
  dat.close();
  PlotFile file{"gap_vs_zhao_bound",
                "Generalisation gap vs Zhao et al.'s bound (top-k MoE)",
                "One point per grid point (N, T, k); the shape tells the "
                "number of active experts k apart, the colour is the "
                "model's. Filled: gap in logistic loss; open: gap in error "
                "rate. If the bound describes the trend, points rise from "
                "left to right; the bound itself lies far above every gap "
                "(it is an upper bound).",
                ""};
  const double width = 6.0;
  const KeyBelow key = LegendBelow(key_groups, {}, width);
  // The x range fits the bound terms drawn (a margin of 15% each side).
  const std::string x_axis =
      hi > lo ? LogRangeTics("x", lo / 1.15, hi * 1.15) : "set logscale x\n";
  file.warnings = Render(
      ctx.dir, "gap_vs_zhao_bound",
      PlotHeader() + key.settings + x_axis + "set title " +
          Quote("Measured train-test gap vs the router term of Zhao et "
                "al.'s bound, " +
                ProtocolText(ctx.results)) +
          "\n"
          "set xlabel 'bound term 2 sqrt([2k d_N (1 + ln(T/k)) + d_N ln 2m "
          "+ ln(4/δ)] / 2m) (log scale)'\n"
          "set ylabel 'measured gap (test - train)'\n" +
          key.plot,
      PlotSize{width, 3.4 + KeyRowsHeight(key.rows, width)});
  plots.push_back(file);
}

}  // namespace sim
