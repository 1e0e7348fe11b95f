#include "serve/scenario_library.hpp"

#include <algorithm>

#include "scenario/parameter_table.hpp"

namespace kopa::serve {

Expected<ScenarioLibrary> ScenarioLibrary::load(const std::filesystem::path& folder) {
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    return Error{"--scenarios: '" + folder.string() + "' is not a folder", true};
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") {
      files.push_back(entry.path());
    }
  }
  if (error) return Error{"cannot list '" + folder.string() + "': " + error.message()};
  std::sort(files.begin(), files.end());
  ScenarioLibrary library;
  std::string problems;
  for (const auto& file : files) {
    ScenarioLoad load = load_scenario(file);
    for (const auto& issue : load.issues) problems += format_issue(issue) + "\n";
    if (load.scenario && load.issues.empty()) library.scenarios_.push_back(*load.scenario);
  }
  for (std::size_t i = 0; i < library.scenarios_.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (library.scenarios_[i].name == library.scenarios_[j].name) {
        problems += library.scenarios_[i].file.string() + ": error: the scenario name '" +
                    library.scenarios_[i].name + "' is also used by " +
                    library.scenarios_[j].file.string() + "\n";
      }
    }
  }
  if (!problems.empty()) {
    problems.pop_back();
    return Error{problems, true};
  }
  if (library.scenarios_.empty()) {
    return Error{"--scenarios: no scenario file (*.toml) in '" + folder.string() + "'", true};
  }
  std::sort(library.scenarios_.begin(), library.scenarios_.end(),
            [](const Scenario& a, const Scenario& b) { return a.name < b.name; });
  return library;
}

const Scenario* ScenarioLibrary::find(std::string_view name) const {
  for (const Scenario& scenario : scenarios_) {
    if (scenario.name == name) return &scenario;
  }
  return nullptr;
}

std::vector<std::string> ScenarioLibrary::names() const {
  std::vector<std::string> names;
  for (const Scenario& scenario : scenarios_) names.push_back(scenario.name);
  return names;
}

const Scenario& ScenarioLibrary::default_base() const {
  const Scenario* baseline = find("baseline");
  return baseline ? *baseline : scenarios_.front();
}

report::Json parameter_value_json(const ParameterSpec& spec, double value) {
  switch (spec.type) {
    case ParameterType::boolean:
      return report::Json(value != 0.0);
    case ParameterType::choice:
      return report::Json(spec.choices.at(static_cast<std::size_t>(value)));
    case ParameterType::real:
    case ParameterType::integer:
      break;
  }
  return report::Json(value);
}

report::Json ScenarioLibrary::to_json() const {
  report::Json list = report::Json::array();
  for (const Scenario& scenario : scenarios_) {
    report::Json values = report::Json::object();
    for (const ParameterSpec& spec : parameter_table().specs()) {
      const double value = spec.get(scenario.parameters);
      if (value != spec.default_value) values.set(spec.path, parameter_value_json(spec, value));
    }
    list.push(report::Json::object({{"name", scenario.name},
                                    {"description", scenario.description},
                                    {"values", std::move(values)}}));
  }
  return list;
}

}  // namespace kopa::serve
