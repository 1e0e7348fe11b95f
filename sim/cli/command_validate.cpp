// kopa validate FILE... [--set PATH=VALUE]...: checks scenario files without running anything.
#include <ostream>

#include "cli/exit_code.hpp"
#include "cli/options.hpp"
#include "scenario/scenario.hpp"

namespace kopa {

int command_validate(const CommandContext& context) {
  CommandSpec spec{"validate",
                   "kopa validate SCENARIO.toml... [--set PATH=VALUE]...",
                   "Check scenario files (with the files they extend and the region presets they "
                   "name) against the parameter table.\nPrints 'FILE: ok' or every error; exits 0 "
                   "when all files are valid, else 2.",
                   {"options"},
                   {}};
  spec.options.add_options()("set", po::value<std::vector<std::string>>()->composing(),
                             "override a parameter, PATH=VALUE (e.g. levers.one_roof.enabled=true, "
                             "regions.vidzeme.weight=2); repeatable")(
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

  bool all_valid = true;
  for (const auto& file : values["input"].as<std::vector<std::string>>()) {
    const ScenarioLoad load = load_scenario(file, overrides);
    if (load.scenario) {
      context.out << file << ": ok\n";
      continue;
    }
    all_valid = false;
    for (const auto& issue : load.issues) context.err << format_issue(issue) << "\n";
  }
  return all_valid ? exit_ok : exit_bad_input;
}

}  // namespace kopa
