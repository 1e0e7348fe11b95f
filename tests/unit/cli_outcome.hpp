#pragma once
// Running the command line in-process, as the tests of one subcommand or another do.
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace kopa::testing {

struct CliOutcome {
  int code;
  std::string out;
  std::string err;
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

inline const std::filesystem::path& scenarios_folder() {
  static const std::filesystem::path folder = std::filesystem::path(KOPA_SOURCE_DIR) / "scenarios";
  return folder;
}

}  // namespace kopa::testing
