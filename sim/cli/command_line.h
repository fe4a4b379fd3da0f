// The command-line edge's one parsing step, shared by the subcommands:
// options and positional names with Boost.Program_options, --help printed.
#pragma once

#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <vector>

namespace sim {

// Parses `args` into `vm`. With --help prints `title` (if any), `options`
// and `epilogue` (if any) and returns false; otherwise checks required
// options and returns true. Throws boost::program_options::error on bad
// input. The caller adds "help" to `options`.
inline bool ParseCommandLine(
    const std::vector<std::string>& args,
    const boost::program_options::options_description& options,
    const boost::program_options::positional_options_description& positional,
    boost::program_options::variables_map& vm,
    const char* title = nullptr,
    const char* epilogue = nullptr) {
  namespace po = boost::program_options;
  po::store(po::command_line_parser(args)
                .options(options)
                .positional(positional)
                .run(),
            vm);
  if (vm.count("help")) {
    if (title != nullptr) std::cout << title << "\n";
    std::cout << options;
    if (epilogue != nullptr) std::cout << "\n" << epilogue << "\n";
    return false;
  }
  po::notify(vm);
  return true;
}

}  // namespace sim
