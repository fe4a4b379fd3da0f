// pmoe_sim._core: the simulator in process for Python. The pure-Python
// package (pmoe_sim/) builds on three calls: train one config, run any
// subcommand of the command line with an argument list (the same code as
// the pmoe-sim binary, no shell, no subprocess), and count a spec's runs.
// Every call releases the GIL; SpecError (the JSON path and the rule)
// becomes pmoe_sim.SpecError, a ValueError.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <boost/program_options/errors.hpp>
#include <string>
#include <vector>

#include "sim/cli/commands/commands.h"
#include "sim/cli/commands/train_run.h"
#include "sim/experiment/grid/grid_spec.h"

namespace py = pybind11;

namespace {

std::string Train(const std::string& config_text) {
  const sim::Json config = sim::ParseJsonText(config_text, "config");
  py::gil_scoped_release release;
  sim::TrainResult result;
  return sim::TrainFromJson(config, result).dump();
}

// `args[0]` names the subcommand, as after `pmoe-sim`; returns its exit
// status (0 done; errors are raised, not returned).
int Command(const std::vector<std::string>& args) {
  if (args.empty()) throw sim::SpecError("command: none given");
  for (const sim::Command& c : sim::Commands()) {
    if (args[0] != c.name) continue;
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    py::gil_scoped_release release;
    return c.run(rest);
  }
  throw sim::SpecError("command: unknown '" + args[0] + "'");
}

// Runs in the expanded grid of a spec (for the progress bar's total).
size_t GridRuns(const std::string& spec_text) {
  const sim::Json spec = sim::ParseJsonText(spec_text, "spec");
  py::gil_scoped_release release;
  return sim::ParseGridSpec(spec).runs.size();
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "pmoe-sim's simulator in process (use the pmoe_sim package)";
  static py::exception<sim::SpecError>& spec_error =
      py::register_exception<sim::SpecError>(m, "SpecError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const boost::program_options::error& e) {
      spec_error((std::string(e.what()) + " (see --help)").c_str());
    }
  });
  m.def("train_json", &Train, py::arg("config"),
        "Trains one run config (JSON text); returns the result as JSON text.");
  m.def("command", &Command, py::arg("args"),
        "Runs a pmoe-sim subcommand in process; returns its exit status.");
  m.def("grid_runs", &GridRuns, py::arg("spec"),
        "The number of runs a spec (JSON text) expands to.");
}
