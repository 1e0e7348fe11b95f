#pragma once

namespace kopa {

// The process exit codes kopa promises (README, docs): scripts depend on them.
enum ExitCode : int {
  exit_ok = 0,
  exit_failure = 1,       // the run could not finish: I/O, HDF5, disk full
  exit_bad_input = 2,     // bad command line, scenario, sweep or results file
  exit_interrupted = 130  // SIGINT/SIGTERM: finished work kept, file marked interrupted
};

}  // namespace kopa
