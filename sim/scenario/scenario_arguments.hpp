#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario.hpp"

// Several scenarios named on one command line (kopa run, kopa validate), each "FILE" or
// "NAME=FILE", and --set overrides that apply to all of them ("PATH=VALUE") or to one
// ("NAME:PATH=VALUE"), in the order given (docs/scenarios.md, "--set overrides").
namespace kopa {

struct ScenarioArgument {
  std::string name;  // from "NAME=FILE": the scenario's name instead of the file's; else empty
  std::filesystem::path file;
};

// "base.toml" or "what_if=base.toml" (a NAME is letters, digits, '_' and '-', as is_valid_name).
ScenarioArgument parse_scenario_argument(std::string_view text);

// Loads every argument with the overrides that apply to it, giving each the name its argument
// asks for. A scenario answers to its NAME=, its `name` and its file name without `.toml`. A
// qualified override that no scenario answers to is an issue of the first load (one per
// override), so that a typo never silently changes nothing.
std::vector<ScenarioLoad> load_scenarios(const std::vector<ScenarioArgument>& arguments,
                                         const std::vector<std::string>& overrides);

}  // namespace kopa
