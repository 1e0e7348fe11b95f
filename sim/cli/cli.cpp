#include "cli/cli.hpp"

#include <array>
#include <ostream>
#include <string_view>

#include "cli/exit_code.hpp"
#include "engine/build_info.hpp"
#include "util/suggest.hpp"

namespace kopa {
namespace {

struct Subcommand {
  std::string_view name;
  std::string_view summary;
  int (*handler)(const CommandContext&);
};

constexpr std::array subcommands{
    Subcommand{"run", "run scenarios (replicated) and write their time series to HDF5",
               command_run},
    Subcommand{"compare", "compare scenarios in a results file against a baseline, with intervals",
               command_compare},
    Subcommand{"report", "draw a results or sweep file as a self-contained HTML page of charts",
               command_report},
    Subcommand{"export", "write a results or sweep file as one long CSV table (tidy data)",
               command_export},
    Subcommand{"sweep", "run a parameter sweep (grid, LHS, Sobol, Morris) with resume",
               command_sweep},
    Subcommand{"analyse",
               "sensitivity indices (Sobol', Morris) or PRIM scenario discovery of a sweep",
               command_analyse},
    Subcommand{"validate", "check scenario and sweep files; print 'ok' or every error",
               command_validate},
    Subcommand{"describe", "list the model's parameters with default, unit, range and meaning",
               command_describe},
};

void print_help(std::ostream& out) {
  out << "kopa " << kopa_version()
      << " - agent-based simulator of inclusive rural social entrepreneurship\n\n"
         "usage: kopa <command> [options]\n"
         "       kopa --version | --help\n\n"
         "commands:\n";
  for (const auto& sub : subcommands) {
    out << "  " << sub.name << std::string(10 - sub.name.size(), ' ') << sub.summary << "\n";
  }
  out << "\nRun 'kopa <command> --help' for a command's options.\n"
         "Exit codes: 0 ok, 1 run failed (I/O), 2 bad input, 130 interrupted.\n";
}

std::vector<std::string> subcommand_names() {
  std::vector<std::string> names;
  for (const auto& sub : subcommands) names.emplace_back(sub.name);
  return names;
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
            bool stderr_is_terminal) {
  if (args.empty()) {
    print_help(err);
    return exit_bad_input;
  }
  const std::string& first = args.front();
  if (first == "--help" || first == "-h" || first == "help") {
    print_help(out);
    return exit_ok;
  }
  if (first == "--version" || first == "-V") {
    out << "kopa " << kopa_version() << " (git " << git_commit() << ")\n";
    return exit_ok;
  }
  for (const auto& sub : subcommands) {
    if (first == sub.name) {
      CommandContext context{{args.begin() + 1, args.end()}, out, err, stderr_is_terminal};
      return sub.handler(context);
    }
  }
  const auto names = subcommand_names();
  if (first.starts_with("-")) {
    err << "kopa: unknown option '" << first << "'; see 'kopa --help'\n";
  } else {
    err << "kopa: unknown command '" << first << "'" << did_you_mean(first, names)
        << "; see 'kopa --help'\n";
  }
  return exit_bad_input;
}

}  // namespace kopa
