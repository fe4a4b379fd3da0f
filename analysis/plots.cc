#include "analysis/plots.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "analysis/gap_analysis.h"
#include "analysis/scaling_fit.h"
#include "analysis/theory.h"
#include "sim/experiment/safe_file.h"

namespace sim {
namespace {

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string AxisLabel(const std::string& axis) {
  static const std::map<std::string, std::string> labels = {
      {"N", "training samples N"},
      {"n", "patches per sample n"},
      {"l", "patches per expert l"},
      {"k", "experts k"},
      {"m", "hidden neurons m"},
      {"d", "patch dimension d"},
      {"N_r", "router training samples N_r"},
      {"delta_d", "delta_d = <o1, o2>"},
      {"delta_r", "delta_r"},
      {"confusers", "confusers per sample (l* - 1)"}};
  auto it = labels.find(axis);
  return it == labels.end() ? axis : it->second;
}

// Runs gnuplot on `script`, which must draw once; we render it twice
// (SVG, PNG) by prefixing the terminal settings.
void Render(const std::string& dir,
            const std::string& name,
            const std::string& body) {
  const std::string gp = dir + "/" + name + ".gp";
  TextFile out(gp);
  out << "# Rendered by pmoe-sim analyze; run 'gnuplot " << name
      << ".gp' in this folder.\n"
      << "set terminal svg size 800,560 dynamic noenhanced font "
         "'Helvetica,13'\n"
      << "set output '" << name << ".svg'\n"
      << body << "\n"
      << "set terminal pngcairo size 800,560 noenhanced font 'Helvetica,11'\n"
      << "set output '" << name << ".png'\n"
      << "replot\n";
  out.close();
  const std::string command =
      "cd '" + dir + "' && gnuplot '" + name + ".gp' 2> '" + name + ".log'";
  if (std::system(command.c_str()) != 0) {
    throw std::runtime_error("gnuplot failed on " + gp + " (see " + name +
                             ".log)");
  }
  std::filesystem::remove(dir + "/" + name + ".log");
}

// Distinct values of `axis` over the cells of one model (coords only).
std::vector<double> AxisValues(const std::vector<Cell>& cells,
                               const std::string& model,
                               const std::string& axis) {
  std::set<double> values;
  for (const Cell& c : cells) {
    if (c.model != model) continue;
    auto it = c.coords.find(axis);
    if (it != c.coords.end()) values.insert(it->second);
  }
  return {values.begin(), values.end()};
}

std::string Header() {
  return "set key top left box opaque font ',10'\nset grid lc rgb '#dddddd'\n";
}

}  // namespace

std::vector<PlotFile> DrawPlots(const ResultsSet& results,
                                const std::vector<Cell>& cells,
                                const ComplexityOptions& options,
                                const std::string& dir) {
  std::filesystem::create_directories(dir);
  std::vector<PlotFile> plots;
  char eps[32];
  std::snprintf(eps, sizeof(eps), "%g", options.target);
  char q[32];
  std::snprintf(q, sizeof(q), "%g", options.success);

  // 1. Test accuracy vs N, one line per cell (Fig. 4 style).
  {
    TextFile dat(dir + "/accuracy_vs_N.dat");
    std::string plot = "plot ";
    for (size_t i = 0; i < cells.size(); ++i) {
      dat << "# " << cells[i].Label()
          << "\n# N mean_accuracy_percent sd_percent runs\n";
      for (const GridPoint& p : cells[i].points) {
        dat << p.N << " " << 100 * (1 - p.mean_error) << " " << 100 * p.sd_error
            << " " << p.runs << "\n";
      }
      dat << "\n\n";
      plot += std::string(i ? ", " : "") + "'accuracy_vs_N.dat' index " +
              std::to_string(i) +
              " using 1:2:3 with yerrorlines lw 2 pt 7 title " +
              Quote(cells[i].Label());
    }
    dat.close();
    Render(dir, "accuracy_vs_N",
           Header() +
               "set title 'Final test accuracy vs training samples (mean +- sd "
               "over repeats)'\n"
               "set xlabel 'training samples N'\nset ylabel 'test accuracy "
               "(%)'\nset yrange [*:100]\n" +
               plot);
    plots.push_back({"accuracy_vs_N",
                     "Final test accuracy vs N per model and cell",
                     "Each line is one model at one grid cell; error bars are "
                     "the standard deviation over "
                     "repeats. A line above another reaches the same accuracy "
                     "with fewer samples."});
  }

  // Axes other than N with at least two values for some model.
  std::vector<std::string> axes;
  for (const std::string& axis : results.axes) {
    if (axis == "N") continue;
    for (const std::string& model : results.models) {
      if (AxisValues(cells, model, axis).size() >= 2) {
        axes.push_back(axis);
        break;
      }
    }
  }

  // 2. Phase transitions: success probability over (axis, N) (Fig. 5 style).
  for (const std::string& axis : axes) {
    for (const std::string& model : results.models) {
      const std::vector<double> values = AxisValues(cells, model, axis);
      if (values.size() < 2) continue;
      std::set<double> n_set;
      for (const Cell& c : cells)
        if (c.model == model)
          for (const GridPoint& p : c.points) n_set.insert(p.N);
      const std::vector<double> Ns(n_set.begin(), n_set.end());
      const std::string name = "phase_" + model + "_" + axis + "_N";
      TextFile dat(dir + "/" + name + ".dat");
      dat << "# x_index N_index success_probability (averaged over other "
             "axes)\n";
      for (size_t xi = 0; xi < values.size(); ++xi) {
        for (size_t ni = 0; ni < Ns.size(); ++ni) {
          double sum = 0;
          int count = 0;
          for (const Cell& c : cells) {
            if (c.model != model || c.coords.at(axis) != values[xi]) continue;
            for (const GridPoint& p : c.points) {
              if (p.N == Ns[ni]) {
                sum += p.success;
                ++count;
              }
            }
          }
          dat << xi << " " << ni << " " << (count ? sum / count : std::nan(""))
              << "\n";
        }
        dat << "\n";
      }
      std::string xtics = "set xtics (", ytics = "set ytics (";
      for (size_t i = 0; i < values.size(); ++i) {
        std::ostringstream v;
        v << values[i];
        xtics += std::string(i ? ", " : "") + Quote(v.str()) + " " +
                 std::to_string(i);
      }
      for (size_t i = 0; i < Ns.size(); ++i) {
        std::ostringstream v;
        v << Ns[i];
        ytics += std::string(i ? ", " : "") + Quote(v.str()) + " " +
                 std::to_string(i);
      }
      dat.close();
      Render(
          dir, name,
          "set title " +
              Quote(model + ": fraction of repeats with test error <= " + eps) +
              "\n" + xtics + ")\n" + ytics + ")\nset xlabel " +
              Quote(AxisLabel(axis)) +
              "\nset ylabel 'training samples N'\nset cbrange [0:1]\nset "
              "cblabel 'success probability'\n"
              "set palette gray\nset xrange [-0.5:" +
              std::to_string(values.size() - 0.5) +
              "]\nset yrange [-0.5:" + std::to_string(Ns.size() - 0.5) +
              "]\n"
              "plot '" +
              name + ".dat' using 1:2:3 with image notitle");
      plots.push_back(
          {name, model + ": success probability over (" + axis + ", N)",
           "White = every repeat reached test error <= " + std::string(eps) +
               ", black = none (paper Fig. 5). The boundary between them is "
               "the sample "
               "complexity as a function of " +
               axis + "."});
    }
  }

  // 3. N* and T* vs each axis on log-log axes with fits and theory slopes.
  for (const Quantity quantity : {Quantity::kNStar, Quantity::kTStar}) {
    const bool samples = quantity == Quantity::kNStar;
    const std::string sym = samples ? "N*" : "T*";
    for (const std::string& axis : axes) {
      const std::string name =
          std::string(samples ? "nstar" : "tstar") + "_vs_" + axis;
      TextFile dat(dir + "/" + name + ".dat");
      std::string plot = "plot ";
      int block = 0;
      std::string fits;
      for (const std::string& model : results.models) {
        if (AxisValues(cells, model, axis).size() < 2) continue;
        dat << "# " << model << ": " << axis
            << " value lo hi censored(0 none, 1 below, 2 above)\n";
        double anchor_x = 0, anchor_y = 0;
        bool censored_above = false, censored_below = false;
        std::string type;
        for (const Cell& c : cells) {
          if (c.model != model || !c.coords.count(axis)) continue;
          type = c.type;
          const Estimate& e = samples ? c.n_star : c.t_star;
          if (std::isnan(e.value) || std::isinf(e.value) || e.value <= 0)
            continue;
          const double lo =
              std::isnan(e.lo) || std::isinf(e.lo) ? e.value : e.lo;
          const double hi =
              std::isnan(e.hi) || std::isinf(e.hi) ? e.value : e.hi;
          dat << c.coords.at(axis) << " " << e.value << " " << lo << " " << hi
              << " " << static_cast<int>(e.censor) << "\n";
          censored_above |= e.censor == Censor::kAbove;
          censored_below |= e.censor == Censor::kBelow;
          if (anchor_x == 0 && e.usable()) {
            anchor_x = c.coords.at(axis);
            anchor_y = e.value;
          }
        }
        dat << "\n\n";
        const std::string idx = std::to_string(block++);
        plot += std::string(plot.size() > 5 ? ", " : "") + "'" + name +
                ".dat' index " + idx +
                " using 1:($5==0?$2:1/0):3:4 with yerrorbars pt 7 ps 1.2 lc " +
                idx + " title " + Quote(model + " " + sym);
        if (censored_above) {
          plot += ", '' index " + idx +
                  " using 1:($5==2?$2:1/0) with points pt 8 ps 1.6 lc " + idx +
                  " title " + Quote(model + " censored (> largest N)");
        }
        if (censored_below) {
          plot += ", '' index " + idx +
                  " using 1:($5==1?$2:1/0) with points pt 10 ps 1.6 lc " + idx +
                  " title " + Quote(model + " censored (<= smallest N)");
        }
        const Fit fit = FitCells(cells, model, {axis}, quantity);
        if (fit.ok && std::isfinite(fit.slope[0]) &&
            std::isfinite(fit.intercept)) {
          char f[256];
          std::snprintf(f, sizeof(f), "exp(%.10g)*x**%.10g", fit.intercept,
                        fit.slope[0]);
          char label[64];
          std::snprintf(label, sizeof(label), " fit: slope %.2f", fit.slope[0]);
          plot += ", " + std::string(f) + " with lines lw 2 lc " + idx +
                  " title " + Quote(model + label);
        }
        const auto theory = TheoryExponentFor(type, TheoryParam(axis),
                                              results.OwnRouterSamples(model));
        if (theory && anchor_x > 0) {
          const double slope = samples ? theory->samples : theory->iterations;
          char f[256];
          std::snprintf(f, sizeof(f), "%.10g*(x/%.10g)**%g", anchor_y, anchor_x,
                        slope);
          char label[64];
          std::snprintf(label, sizeof(label), " theory order: slope %g", slope);
          plot += ", " + std::string(f) + " with lines dt 2 lc " + idx +
                  " title " + Quote(model + label);
        }
      }
      dat.close();
      if (block == 0) continue;
      std::vector<double> all = AxisValues(cells, results.models.front(), axis);
      for (const std::string& model : results.models) {
        for (double v : AxisValues(cells, model, axis)) all.push_back(v);
      }
      const double xmin = *std::min_element(all.begin(), all.end());
      const double xmax = *std::max_element(all.begin(), all.end());
      // The y range follows the data, not the (steep) theory reference lines.
      double ymin = INFINITY, ymax = 0;
      for (const Cell& c : cells) {
        const Estimate& e = samples ? c.n_star : c.t_star;
        if (!c.coords.count(axis) || !std::isfinite(e.value) || e.value <= 0)
          continue;
        ymin = std::min(ymin, e.value);
        ymax = std::max({ymax, e.value, std::isfinite(e.hi) ? e.hi : 0.0});
      }
      if (!(ymax > 0))
        continue;  // nothing finite to draw (every cell censored)
      char range[160];
      std::snprintf(range, sizeof(range),
                    "set xrange [%g:%g]\nset yrange [%g:%g]\n", xmin / 1.3,
                    xmax * 1.3, ymin / 4, ymax * 4);
      Render(dir, name,
             Header() + "set logscale xy\n" + range + "set title " +
                 Quote(sym + "(eps = " + eps + ", q = " + q + ") vs " + axis +
                       ", log-log") +
                 "\nset xlabel " + Quote(AxisLabel(axis) + " (log scale)") +
                 "\nset ylabel " +
                 Quote(samples
                           ? "sample complexity N* (samples, log scale)"
                           : "iteration complexity T* (SGD steps, log scale)") +
                 "\n" + plot);
      plots.push_back(
          {name,
           sym + " vs " + axis +
               " with fitted power laws and the theory's order",
           "Points: measured " + sym +
               " with 95% bootstrap intervals; open symbols are censored "
               "cells (no N in the grid succeeded, or already the smallest "
               "did). Solid lines: "
               "least-squares power law in log space; the legend gives its "
               "slope (exponent). "
               "Dashed lines: the theory's exponent, drawn through the first "
               "point, for reference; "
               "it is an upper-bound order, so a measured slope at or below it "
               "is consistent."});
    }
  }

  // 4. Router diagnostics vs N (or N_r) for routed models (Figs. 8-9).
  {
    const std::string x_axis =
        std::find(results.axes.begin(), results.axes.end(), "N_r") !=
                results.axes.end()
            ? "N_r"
            : "N";
    TextFile dat(dir + "/router_vs_" + x_axis + ".dat");
    std::string plot = "plot ";
    int block = 0;
    for (const Cell& c : cells) {
      if (c.type != "pmoe_separate" && c.type != "pmoe_joint") continue;
      dat << "# " << c.Label() << "\n# x recall_percent top_gated_percent\n";
      std::map<double, std::pair<double, int>> recall, top;
      for (const RunRecord& r : results.runs) {
        if (r.model != c.model || !r.routed) continue;
        auto coords = r.coords;
        coords.erase("N");
        if (coords != c.coords) continue;
        const double x = x_axis == "N" ? r.N() : r.coords.at("N_r");
        recall[x].first += r.router_recall;
        recall[x].second++;
        top[x].first += r.router_top_gated;
      }
      for (const auto& [x, v] : recall) {
        dat << x << " " << 100 * v.first / v.second << " "
            << 100 * top[x].first / v.second << "\n";
      }
      dat << "\n\n";
      const std::string idx = std::to_string(block);
      plot += std::string(block ? ", " : "") + "'router_vs_" + x_axis +
              ".dat' index " + idx +
              " using 1:2 with linespoints lw 2 pt 7 lc " + idx + " title " +
              Quote(c.Label() + ": in top-l") + ", '' index " + idx +
              " using 1:3 with linespoints lw 2 dt 2 pt 6 lc " + idx +
              " title " + Quote(c.Label() + ": top-gated");
      ++block;
    }
    dat.close();
    if (block > 0) {
      const std::string name = "router_vs_" + x_axis;
      Render(dir, name,
             Header() +
                 "set title 'Router diagnostics on the test set (mean over "
                 "repeats)'\nset xlabel " +
                 Quote(AxisLabel(x_axis)) +
                 "\nset ylabel 'test samples (%)'\nset yrange [0:105]\n" +
                 plot);
      plots.push_back(
          {name, "Router diagnostics vs " + x_axis + " (paper Figs. 8-9)",
           "Solid: percentage of test samples whose discriminative patch is "
           "among the l patches "
           "routed to its expert (separate training: expert 1 for y=+1, expert "
           "2 for y=-1; joint: "
           "the best expert per class). Dashed: percentage where it also has "
           "that expert's "
           "largest routing value, hence largest gate (Assumption 4.4)."});
    }
  }

  // 5. Test loss curves, per model at its largest N (first cell of each model).
  {
    TextFile dat(dir + "/loss_curves.dat");
    std::string plot = "plot ";
    int block = 0;
    for (const std::string& model : results.models) {
      // Single-index runs have no loss (their curves are alignments).
      bool has_loss = false;
      for (const RunRecord& r : results.runs) {
        if (r.model == model && r.type.rfind("index_", 0) != 0) has_loss = true;
      }
      if (!has_loss) continue;
      double largest = 0;
      for (const RunRecord& r : results.runs)
        if (r.model == model) largest = std::max(largest, r.N());
      std::map<double, std::pair<double, int>> mean_loss, mean_train;
      std::map<std::string, double> first_coords;
      bool have = false;
      for (const RunRecord& r : results.runs) {
        if (r.model != model || r.N() != largest || !r.ok) continue;
        auto coords = r.coords;
        if (!have) {
          first_coords = coords;
          have = true;
        }
        if (coords != first_coords) continue;
        for (size_t i = 0; i < r.curve_step.size(); ++i) {
          mean_loss[r.curve_step[i]].first += r.curve_test_loss[i];
          mean_loss[r.curve_step[i]].second++;
          if (i > 0) mean_train[r.curve_step[i]].first += r.curve_train_loss[i];
        }
      }
      if (!have) continue;
      dat << "# " << model << " at N = " << largest
          << "\n# step test_loss train_loss\n";
      for (const auto& [step, v] : mean_loss) {
        dat << step << " " << v.first / v.second << " ";
        if (step > 0)
          dat << mean_train[step].first / v.second;
        else
          dat << "NaN";
        dat << "\n";
      }
      dat << "\n\n";
      const std::string idx = std::to_string(block);
      char label[64];
      std::snprintf(label, sizeof(label), " (N = %g)", largest);
      plot += std::string(block ? ", " : "") + "'loss_curves.dat' index " +
              idx + " using 1:2 with lines lw 2 lc " + idx + " title " +
              Quote(model + label + " test") + ", '' index " + idx +
              " using 1:3 with lines dt 2 lc " + idx + " title " +
              Quote(model + label + " train");
      ++block;
    }
    dat.close();
    if (block > 0) {
      Render(dir, "loss_curves",
             Header() +
                 "set logscale y\nset title 'Logistic loss during training "
                 "(mean over repeats)'\n"
                 "set xlabel 'SGD steps'\nset ylabel 'loss log(1 + exp(-y f)) "
                 "(log scale)'\n" +
                 plot);
      plots.push_back({"loss_curves", "Training and test loss vs SGD steps",
                       "Solid: test loss at each evaluation; dashed: mean "
                       "minibatch training loss since the "
                       "previous evaluation. Shown per model at its largest N "
                       "and first grid cell."});
    }
  }
  // 6. Top-k MoE: measured generalisation gaps against Zhao et al.'s bound.
  const std::vector<GapRow> gaps = GapRows(results);
  if (!gaps.empty()) {
    TextFile dat(dir + "/gap_vs_zhao_bound.dat");
    std::set<double> ks;
    for (const GapRow& g : gaps) ks.insert(g.k);
    std::string plot = "plot ";
    int block = 0;
    for (double k : ks) {
      dat << "# active experts k = " << k
          << "\n# bound_term error_gap loss_gap N T\n";
      for (const GapRow& g : gaps) {
        if (g.k == k)
          dat << g.bound << " " << g.error_gap << " " << g.loss_gap << " "
              << g.N << " " << g.T << "\n";
      }
      dat << "\n\n";
      const std::string idx = std::to_string(block++);
      char label[64];
      std::snprintf(label, sizeof(label), "k = %g", k);
      plot += std::string(block > 1 ? ", " : "") +
              "'gap_vs_zhao_bound.dat' index " + idx +
              " using 1:3 with points pt 7 ps 1.3 lc " + idx + " title " +
              Quote(std::string(label) + ": loss gap") + ", '' index " + idx +
              " using 1:2 with points pt 6 ps 1.3 lc " + idx + " title " +
              Quote(std::string(label) + ": error gap");
    }
    dat.close();
    Render(dir, "gap_vs_zhao_bound",
           Header() +
               "set logscale x\nset title 'Measured train-test gap vs the "
               "router term of Zhao et al.''s bound'\n"
               "set xlabel 'bound term 2 sqrt([2k d_N (1 + ln(T/k)) + d_N ln "
               "2m + ln(4/delta)] / 2m) (log scale)'\n"
               "set ylabel 'measured gap (test - train)'\n" +
               plot);
    plots.push_back({"gap_vs_zhao_bound",
                     "Generalisation gap vs Zhao et al.'s bound (top-k MoE)",
                     "One point per grid point (N, T, k), colour by the number "
                     "of active experts k. Filled: gap in "
                     "logistic loss; open: gap in error rate. If the bound "
                     "describes the trend, points rise from "
                     "left to right; the bound itself lies far above every gap "
                     "(it is an upper bound)."});
  }
  return plots;
}

}  // namespace sim
