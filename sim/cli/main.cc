// pmoe-sim: the command line. Each subcommand (commands/) parses its own
// options and calls the libraries; bad input prints one line naming the
// problem and exits with status 2.
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "sim/cli/commands/commands.h"
#include "sim/experiment/spec/json_reader.h"
#ifdef PMOE_WITH_MPI
#include "sim/experiment/run/mpi_runner.h"
#endif

namespace {

std::string Usage() {
  std::string usage = "usage: pmoe-sim COMMAND [options]\n\ncommands:\n";
  for (const sim::Command& c : sim::Commands()) {
    std::string name = c.name;
    name.resize(std::max<size_t>(name.size() + 1, 10), ' ');
    usage += "  " + name + c.summary + "\n";
  }
  return usage +
         "  version   print the version and whether MPI support is built in\n"
         "\nRun 'pmoe-sim COMMAND --help' for the options of a command.\n";
}

const sim::Command* Find(const std::string& name) {
  for (const sim::Command& c : sim::Commands())
    if (name == c.name) return &c;
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" ||
      std::string(argv[1]) == "-h") {
    std::cout << Usage();
    return argc < 2 ? sim::kUsageError : 0;
  }
  const std::string command = argv[1];
#ifdef PMOE_WITH_MPI
  const sim::MpiSession mpi_session;  // MPI_Init only when started by mpirun
#endif
  if (command == "version" || command == "--version") {
    std::printf("pmoe-sim %s (MPI %s)\n", PMOE_VERSION_STRING,
#ifdef PMOE_WITH_MPI
                "yes"
#else
                "no"
#endif
    );
    return 0;
  }
  const sim::Command* found = Find(command);
  if (found == nullptr) {
    std::fprintf(stderr, "pmoe-sim: unknown command '%s'\n\n%s",
                 command.c_str(), Usage().c_str());
    return sim::kUsageError;
  }
  try {
    return found->run(std::vector<std::string>(argv + 2, argv + argc));
  } catch (const sim::SpecError& e) {
    std::fprintf(stderr, "pmoe-sim %s: error: %s\n", command.c_str(), e.what());
  } catch (const boost::program_options::error& e) {
    std::fprintf(stderr, "pmoe-sim %s: error: %s (see --help)\n",
                 command.c_str(), e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pmoe-sim %s: error: %s\n", command.c_str(), e.what());
  }
  return sim::kUsageError;
}
