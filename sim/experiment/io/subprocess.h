// Starting another program without a shell: the arguments reach it as they
// are (no word splitting, quoting, globbing or command substitution), so
// nothing a spec or a folder name says can become a command. The only
// programs pmoe-sim starts are gnuplot (plots) and git (provenance).
#pragma once

#include <string>
#include <vector>

namespace sim {

struct ProcessIo {
  std::string working_dir;      // the child's working folder; empty: ours
  std::string stdin_path;       // read as standard input; empty: /dev/null
  std::string stderr_path;      // standard error (truncated); empty: /dev/null
  bool capture_stdout = false;  // else standard output goes to /dev/null
};

struct ProcessResult {
  bool started = false;  // false: the program could not be started
  int exit_code = -1;    // its exit status; -1 if it died of a signal
  std::string output;    // its standard output, with capture_stdout
  std::string error;     // why it did not start or did not exit normally
};

// Runs argv[0] (looked up in PATH when it has no '/') with the arguments
// argv[1..] and waits for it. Relative paths in `io` are taken from the
// child's working folder. Never throws for the child's own failure.
ProcessResult RunProgram(const std::vector<std::string>& argv,
                         const ProcessIo& io = {});

}  // namespace sim
