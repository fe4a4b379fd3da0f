// The options `analyze` and `check` share: the results folder and the
// analysis options that override the spec's (--target, --q, --bootstrap,
// --t-star).
#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "analysis/estimate/complexity.h"
#include "analysis/records/records.h"

namespace sim {

struct CommonOptions {
  std::string directory;
  std::string spec_path;
  double target = -1, success = -1;
  int bootstrap = -1;
  std::string t_star;  // "stays" or "first_touch"
};

// Adds the shared options to `options` and parses `args` (false: --help).
bool ParseAnalysisFlags(const std::vector<std::string>& args,
                        const char* title,
                        CommonOptions& c,
                        boost::program_options::options_description& options,
                        boost::program_options::variables_map& vm);

// The spec's analysis options, with those given on the command line
// checked as strictly as the spec's and put in their place.
ComplexityOptions ResolveAnalysisFlags(
    const ResultsSet& results,
    const CommonOptions& c,
    const boost::program_options::variables_map& vm);

// "15 of 45 runs of the spec have no record (run ids ...)"; "" if complete.
std::string MissingRuns(const ResultsSet& results);

// The "expect" rules of the folder's spec, or of the spec at `spec_path`.
Json RulesOf(const ResultsSet& results, const std::string& spec_path);

}  // namespace sim
