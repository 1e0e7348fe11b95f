#include "scenario/scenario_arguments.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "util/suggest.hpp"

namespace kopa {
namespace {

// "NAME:PATH=VALUE" -> NAME; nullopt for an unqualified "PATH=VALUE" (paths hold no ':').
std::optional<std::string> qualifier_of(const std::string& override) {
  const auto equals = override.find('=');
  const auto colon = override.find(':');
  if (colon == std::string::npos || (equals != std::string::npos && colon > equals)) {
    return std::nullopt;
  }
  return override.substr(0, colon);
}

std::string unqualified(const std::string& override) {
  return override.substr(override.find(':') + 1);
}

// The overrides for a scenario that answers to `names`, in command-line order.
std::vector<std::string> overrides_for(const std::set<std::string>& names,
                                       const std::vector<std::string>& overrides) {
  std::vector<std::string> chosen;
  for (const auto& override : overrides) {
    const auto name = qualifier_of(override);
    if (!name) {
      chosen.push_back(override);
    } else if (names.contains(*name)) {
      chosen.push_back(unqualified(override));
    }
  }
  return chosen;
}

}  // namespace

ScenarioArgument parse_scenario_argument(std::string_view text) {
  const auto equals = text.find('=');
  if (equals != std::string_view::npos && equals > 0 && is_valid_name(text.substr(0, equals))) {
    return {std::string(text.substr(0, equals)), std::filesystem::path(text.substr(equals + 1))};
  }
  return {"", std::filesystem::path(text)};
}

ScenarioLoad load_scenario_argument(const ScenarioArgument& argument,
                                    const std::vector<std::string>& overrides,
                                    const ScenarioReader& read, std::set<std::string>& answered) {
  std::set<std::string> names{argument.file.stem().string()};
  if (!argument.name.empty()) names.insert(argument.name);
  // The file's own `name` is known once it is read: read it with the overrides known so far,
  // and again if its name brings more.
  const auto chosen = overrides_for(names, overrides);
  ScenarioLoad load = read(chosen);
  if (load.scenario && argument.name.empty()) {
    names.insert(load.scenario->name);
    const auto more = overrides_for(names, overrides);
    if (more != chosen) load = read(more);
  }
  if (load.scenario && !argument.name.empty()) {
    load.scenario->name = argument.name;
    load.scenario->resolved_toml = write_resolved_toml(
        load.scenario->name, load.scenario->description, load.scenario->parameters);
  }
  answered.insert(names.begin(), names.end());
  return load;
}

std::vector<ScenarioIssue> unmatched_qualifiers(const std::vector<std::string>& overrides,
                                                const std::set<std::string>& answered) {
  const std::vector<std::string> known(answered.begin(), answered.end());
  std::string list;
  for (const auto& name : known) list += (list.empty() ? "" : ", ") + name;
  std::vector<ScenarioIssue> issues;
  for (const auto& override : overrides) {
    const auto name = qualifier_of(override);
    if (!name || answered.contains(*name)) continue;
    issues.push_back({"--set " + override, 0, 0, "",
                      "no scenario is named '" + *name + "'" + did_you_mean(*name, known) +
                          "; scenarios: " + list});
  }
  return issues;
}

std::vector<ScenarioLoad> load_scenarios(const std::vector<ScenarioArgument>& arguments,
                                         const std::vector<std::string>& overrides) {
  std::vector<ScenarioLoad> loads;
  std::set<std::string> answered;
  for (const auto& argument : arguments) {
    loads.push_back(load_scenario_argument(
        argument, overrides,
        [&](const std::vector<std::string>& chosen) {
          return load_scenario(argument.file, chosen);
        },
        answered));
  }
  auto issues = unmatched_qualifiers(overrides, answered);
  if (!issues.empty() && !loads.empty()) {
    loads.front().scenario.reset();
    for (auto& issue : issues) loads.front().issues.push_back(std::move(issue));
  }
  return loads;
}

}  // namespace kopa
