#pragma once
#include <filesystem>
#include <functional>
#include <set>
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

// Reads the argument's scenario with the given overrides (load_scenario, or load_scenario_text
// on text already read).
using ScenarioReader = std::function<ScenarioLoad(const std::vector<std::string>& overrides)>;

// One argument, read with the overrides that apply to it and given the name it asks for. It
// answers to its NAME=, its `name` and its file name without `.toml`; those names are added to
// `answered`.
ScenarioLoad load_scenario_argument(const ScenarioArgument& argument,
                                    const std::vector<std::string>& overrides,
                                    const ScenarioReader& read, std::set<std::string>& answered);

// One issue per qualified override that no scenario answers to (a typo never silently changes
// nothing), with a did-you-mean and the names.
std::vector<ScenarioIssue> unmatched_qualifiers(const std::vector<std::string>& overrides,
                                                const std::set<std::string>& answered);

// Every argument read from its file; the unmatched qualifiers are issues of the first load.
std::vector<ScenarioLoad> load_scenarios(const std::vector<ScenarioArgument>& arguments,
                                         const std::vector<std::string>& overrides);

}  // namespace kopa
