#pragma once
// Runs the kopa command line in-process and keeps what it printed, for tests of a subcommand.
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace kopa {

struct CliOutcome {
  int code;
  std::string out, err;
};

inline CliOutcome kopa(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = run_cli(args, out, err);
  return {code, out.str(), err.str()};
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace kopa
