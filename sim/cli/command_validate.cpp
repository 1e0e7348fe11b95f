// kopa validate FILE... [--set PATH=VALUE]...: checks scenario files without running anything.
#include <fstream>
#include <ostream>

#include "cli/exit_code.hpp"
#include "cli/options.hpp"
#include "model/resolution.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_arguments.hpp"
#include "sweep/sweep_file.hpp"

namespace kopa {

namespace {

// A sweep file has a [sweep] table (docs/sweeps.md); anything else is read as a scenario.
bool is_sweep_text(const std::string& file) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    const auto start = line.find_first_not_of(" \t");
    if (start != std::string::npos && line.compare(start, 7, "[sweep]") == 0) return true;
    if (start != std::string::npos && line.compare(start, 7, "[sweep.") == 0) return true;
  }
  return false;
}

}  // namespace

int command_validate(const CommandContext& context) {
  CommandSpec spec{"validate",
                   "kopa validate [NAME=]FILE... [--set [NAME:]PATH=VALUE]...",
                   "Check scenario files (with the files they extend and the region presets they "
                   "name) and sweep files (a [sweep] table) against the parameter table.\nPrints "
                   "'FILE: ok' or every error; exits 0 "
                   "when all files are valid, else 2.",
                   {"options"},
                   {}};
  spec.options.add_options()("set", po::value<std::vector<std::string>>()->composing(),
                             "override a parameter, PATH=VALUE (e.g. levers.one_roof.enabled=true, "
                             "regions.vidzeme.population=30000), or in one scenario only, "
                             "NAME:PATH=VALUE; repeatable")(
      "input", po::value<std::vector<std::string>>(), "scenario files");
  spec.positional.add("input", -1);

  po::variables_map values;
  if (auto code = parse_command(spec, context, values)) return *code;
  if (!values.count("input")) {
    context.err << "kopa validate: no scenario file given\n"
                << "usage: " << spec.usage << " (see 'kopa validate --help')\n";
    return exit_bad_input;
  }
  const auto overrides = values.count("set") ? values["set"].as<std::vector<std::string>>()
                                             : std::vector<std::string>{};

  // Scenario files load together, so that NAME:PATH=VALUE finds its scenario among them.
  const auto inputs = values["input"].as<std::vector<std::string>>();
  std::vector<ScenarioArgument> arguments;
  for (const auto& file : inputs) {
    if (!is_sweep_text(file)) arguments.push_back(parse_scenario_argument(file));
  }
  std::vector<ScenarioLoad> loads = load_scenarios(arguments, overrides);
  std::size_t next_load = 0;

  bool all_valid = true;
  for (const auto& file : inputs) {
    std::vector<ScenarioIssue> issues;
    if (is_sweep_text(file)) {
      if (!overrides.empty()) {
        context.err << "kopa validate: " << file
                    << ": --set does not apply to a sweep file (use its [sweep.set])\n";
        all_valid = false;
        continue;
      }
      issues = sweep::load_sweep(file).issues;
    } else {
      ScenarioLoad load = std::move(loads[next_load++]);
      issues = std::move(load.issues);
      // A valid scenario whose agents are too coarse for its capacities is still valid: warn.
      if (issues.empty() && load.scenario) {
        const std::string coarse =
            resolution_warning(load.scenario->name, Model(load.scenario->parameters));
        if (!coarse.empty()) context.err << file << ": " << coarse << "\n";
      }
    }
    if (issues.empty()) {
      context.out << file << ": ok\n";
      continue;
    }
    all_valid = false;
    for (const auto& issue : issues) context.err << format_issue(issue) << "\n";
  }
  return all_valid ? exit_ok : exit_bad_input;
}

}  // namespace kopa
