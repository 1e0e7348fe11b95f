#include "cli/command_table.hpp"

#include <array>

namespace kopa {
namespace {

constexpr std::array subcommands{
    Subcommand{"run", "run scenarios (replicated) and write their time series to HDF5", command_run,
               run_spec},
    Subcommand{"compare", "compare scenarios in a results file against a baseline, with intervals",
               command_compare, compare_spec},
    Subcommand{"report", "draw a results or sweep file as a self-contained HTML page of charts",
               command_report, report_spec},
    Subcommand{"export", "write a results or sweep file as one long CSV table (tidy data)",
               command_export, export_spec},
    Subcommand{"sweep", "run a parameter sweep (grid, LHS, Sobol, Morris) with resume",
               command_sweep, sweep_spec},
    Subcommand{"calibrate",
               "fit parameters to published figures (ABC-SMC) with resume; writes a posterior",
               command_calibrate, calibrate_spec},
    Subcommand{"analyse",
               "sensitivity indices (Sobol', Morris) or PRIM scenario discovery of a sweep",
               command_analyse, analyse_spec},
    Subcommand{"validate", "check scenario and sweep files; print 'ok' or every error",
               command_validate, validate_spec},
    Subcommand{"describe", "list the model's parameters with default, unit, range and meaning",
               command_describe, describe_spec},
    Subcommand{"serve", "serve the workshop page: live what-ifs against a baseline, in a browser",
               command_serve, serve_spec},
};

}  // namespace

std::span<const Subcommand> command_table() {
  return subcommands;
}

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const auto& sub : subcommands) names.emplace_back(sub.name);
  return names;
}

const Subcommand* find_command(std::string_view name) {
  for (const auto& sub : subcommands) {
    if (sub.name == name) return &sub;
  }
  return nullptr;
}

}  // namespace kopa
