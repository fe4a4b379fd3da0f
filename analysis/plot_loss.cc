// Test and training loss vs SGD steps, per model at its largest N.
#include <cmath>
#include <map>

#include "analysis/plot_figures.h"
#include "sim/experiment/safe_file.h"

namespace sim {
namespace {

struct MeanCurve {
  double N = 0;
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

}  // namespace

void PlotLoss(const PlotContext& ctx, std::vector<PlotFile>& plots) {
  TextFile dat(ctx.dir + "/loss_curves.dat");
  std::string plot;
  int block = 0;
  for (const std::string& model : ctx.results.models) {
    // Records say whether a model measures a loss (single-index runs do
    // not: their curves are alignments).
    bool has_loss = false;
    for (const RunRecord& r : ctx.results.runs)
      has_loss |= r.model == model && r.ok && r.losses_measured;
    MeanCurve curve;
    if (!has_loss || !LossCurve(ctx.results, model, curve) || curve.at.empty())
      continue;
    dat << "# " << model << " at N = " << curve.N
        << "\n# step test_loss train_loss (NaN: not measured)\n";
    for (const auto& [step, a] : curve.at) {
      dat << step << " " << (a[1] > 0 ? a[0] / a[1] : NAN) << " "
          << (a[3] > 0 ? a[2] / a[3] : NAN) << "\n";
    }
    dat << "\n\n";
    const std::string idx = std::to_string(block++);
    const std::string lc = " lc rgb '" + ModelColour(ctx.results, model) + "'";
    const std::string n =
        curve.online ? " (online)" : " (N = " + Num(curve.N) + ")";
    plot += std::string(plot.empty() ? "plot " : ", ") +
            "'loss_curves.dat' index " + idx + " using 1:2 with lines lw 2" +
            lc + " title " + Quote(model + " test" + n) + ", '' index " + idx +
            " using 1:3 with lines lw 1.5 dt 2" + lc + " title " +
            Quote(model + " train" + n);
  }
  dat.close();
  if (block == 0) return;
  PlotFile file{"loss_curves", "Training and test loss vs SGD steps",
                "Solid: test loss at each evaluation; dashed: mean minibatch "
                "training loss since the previous evaluation (none at step "
                "0). One colour per model, shown at its largest N and first "
                "grid cell.",
                ""};
  // Online curves are evaluated on a geometric schedule over decades.
  bool online = false;
  for (const RunRecord& r : ctx.results.runs) online |= r.protocol == "online";
  file.warnings = Render(
      ctx.dir, "loss_curves",
      PlotHeader() + (online ? "set logscale x\n" : "") +
          "set key outside below center horizontal maxcols 2\n"
          "set logscale y\nset title 'Logistic loss during training (mean "
          "over repeats)'\nset xlabel 'SGD steps'\n"
          "set ylabel 'loss log(1 + exp(-y f)) (log scale)'\n" +
          plot,
      PlotSize{4.5, 3.6});
  plots.push_back(file);
}

}  // namespace sim
