// Test and training loss vs SGD steps, per model at its largest N.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "analysis/plots/display_names.h"
#include "analysis/plots/plot_figures.h"
#include "sim/experiment/io/safe_file.h"

namespace sim {
namespace {

struct MeanCurve {
  double N = 0;
  std::map<std::string, double> coords;        // the cell shown (N included)
  bool online = false;                         // fresh samples every step: no N
  std::map<double, std::array<double, 4>> at;  // test sum, n, train sum, n
};

// Mean curves of the model's ok runs at its largest N and first cell.
// Unmeasured points (NaN, e.g. training loss at step 0) are left out.
bool LossCurve(const ResultsSet& results,
               const std::string& model,
               MeanCurve& out) {
  for (const RunRecord& r : results.runs)
    if (r.model == model) out.N = std::max(out.N, r.N());
  std::map<std::string, double> first;
  bool have = false;
  for (const RunRecord& r : results.runs) {
    if (r.model != model || r.N() != out.N || !r.ok) continue;
    if (!have) first = r.coords, have = true;
    if (r.coords != first) continue;
    out.coords = r.coords;
    out.online = r.protocol == "online";
    for (size_t i = 0; i < r.curve_step.size(); ++i) {
      auto& a = out.at[r.curve_step[i]];
      if (std::isfinite(r.curve_test_loss[i]))
        a[0] += r.curve_test_loss[i], a[1] += 1;
      if (std::isfinite(r.curve_train_loss[i]))
        a[2] += r.curve_train_loss[i], a[3] += 1;
    }
  }
  return have;
}

// The cell a curve shows: "n=6 N=1600", or "n=6 online".
std::string CellShown(const MeanCurve& curve) {
  std::map<std::string, double> coords = curve.coords;
  coords.erase("N");
  const std::string n = curve.online ? "online" : "N=" + Num(curve.N);
  return coords.empty() ? n : CoordsLabel(coords) + " " + n;
}

// Data ranges of the curves drawn (losses > 0; steps > 0 on a log axis).
struct Extent {
  double step_lo = INFINITY, step_hi = 0, loss_lo = INFINITY, loss_hi = 0;
  void Add(double step, double loss) {
    if (!(loss > 0) || !std::isfinite(loss)) return;
    if (step > 0) step_lo = std::min(step_lo, step);
    step_hi = std::max(step_hi, step);
    loss_lo = std::min(loss_lo, loss);
    loss_hi = std::max(loss_hi, loss);
  }
};

// Writes the model's mean curves; returns its legend group (empty if the
// model has no loss curve).
KeyGroup ModelCurves(const PlotContext& ctx,
                     const std::string& model,
                     std::ostream& dat,
                     int& block,
                     Extent& extent) {
  // Records say whether a model measures a loss (single-index runs do
  // not: their curves are alignments).
  bool has_loss = false;
  for (const RunRecord& r : ctx.results.runs)
    has_loss |= r.model == model && r.ok && r.losses_measured;
  MeanCurve curve;
  if (!has_loss || !LossCurve(ctx.results, model, curve) || curve.at.empty())
    return {};
  dat << "# " << model << " at " << CellShown(curve)
      << "\n# step test_loss train_loss (NaN: not measured)\n";
  for (const auto& [step, a] : curve.at) {
    const double test = a[1] > 0 ? a[0] / a[1] : NAN;
    const double train = a[3] > 0 ? a[2] / a[3] : NAN;
    dat << step << " " << test << " " << train << "\n";
    extent.Add(step, test);
    extent.Add(step, train);
  }
  dat << "\n\n";
  const std::string idx = std::to_string(block++);
  const std::string lc = " lc rgb '" + ModelColour(ctx.results, model) + "'";
  return {{"'loss_curves.dat' index " + idx + " using 1:2 with lines lw 2" + lc,
           ModelLabel(ctx.results, model) + " test (" + CellShown(curve) + ")"},
          {"'loss_curves.dat' index " + idx +
               " using 1:3 with lines lw 1.5 dt 2" + lc,
           "  train"}};
}

}  // namespace

void PlotLoss(const PlotContext& ctx, std::vector<PlotFile>& plots) {
  TextFile dat(ctx.dir + "/loss_curves.dat");
  std::vector<KeyGroup> groups;
  Extent extent;
  int block = 0;
  for (const std::string& model : ctx.results.models) {
    KeyGroup group = ModelCurves(ctx, model, dat, block, extent);
    if (!group.empty()) groups.push_back(group);
  }
  if (groups.empty() || !(extent.loss_hi > 0)) return;  // no empty .dat left
  dat.close();
  PlotFile file{"loss_curves", "Training and test loss vs SGD steps",
                "Solid: test loss at each evaluation; dashed: mean minibatch "
                "training loss since the previous evaluation (none at step "
                "0). One colour per model, shown at one cell: its largest N "
                "and first grid cell, named in the legend.",
                ""};
  // Online curves are evaluated on a geometric schedule over decades.
  bool online = false;
  for (const RunRecord& r : ctx.results.runs) online |= r.protocol == "online";
  const double width = 4.5;
  const KeyBelow key = LegendBelow(groups, {}, width);
  const std::string x_axis =
      online && extent.step_lo < extent.step_hi
          ? LogRangeTics("x", extent.step_lo, extent.step_hi)
          : "set xrange [0:" + Num(std::max(1.0, extent.step_hi)) + "]\n";
  file.warnings = Render(
      ctx.dir, "loss_curves",
      PlotHeader() + key.settings + x_axis +
          LogRangeTics("y", extent.loss_lo / 1.25, extent.loss_hi * 1.25) +
          "set title " +
          Quote("Logistic loss during training (mean over repeats), " +
                ProtocolText(ctx.results)) +
          "\nset xlabel " +
          Quote(online ? "SGD steps (log scale)" : "SGD steps") +
          "\nset ylabel 'loss log(1 + exp(-y f)) (log scale)'\n" + key.plot,
      PlotSize{width, 3.0 + KeyRowsHeight(key.rows, width)});
  plots.push_back(file);
}

}  // namespace sim
