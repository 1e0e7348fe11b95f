#include "serve/scenario_library.hpp"

#include <algorithm>

#include "model/population.hpp"
#include "scenario/parameter_table.hpp"
#include "util/year_month.hpp"

namespace kopa::serve {
namespace {

// The presets of <folder>/regions, each whole and each region alone, loaded as a scenario's
// `regions = [...]` would load them; every problem as `kopa validate` prints it.
Expected<std::vector<RegionPreset>> load_region_presets(const std::filesystem::path& folder) {
  std::vector<RegionPreset> presets;
  const std::filesystem::path regions = folder / "regions";
  std::error_code error;
  if (!std::filesystem::is_directory(regions, error)) return presets;
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(regions, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml") {
      names.push_back(entry.path().stem().string());
    }
  }
  if (error) return Error{"cannot list '" + regions.string() + "': " + error.message()};
  std::sort(names.begin(), names.end());
  std::string problems;
  const std::string label = (folder / "workshop-regions.toml").string();
  for (const std::string& name : names) {
    ScenarioLoad load = load_scenario_text("regions = [\"" + name + "\"]\n", label);
    for (const auto& issue : load.issues) problems += format_issue(issue) + "\n";
    if (!load.scenario || !load.issues.empty()) continue;
    const std::vector<Region>& all = load.scenario->parameters.regions;
    presets.push_back({name, all});
    for (const Region& region : all) presets.push_back({name + "/" + region.name, {region}});
  }
  if (!problems.empty()) {
    problems.pop_back();
    return Error{problems, true};
  }
  return presets;
}

}  // namespace

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
  auto presets = load_region_presets(folder);
  if (!presets) return presets.error();
  library.region_presets_ = std::move(*presets);
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
  for (const char* name : {"workshop", "baseline"}) {
    if (const Scenario* found = find(name)) return *found;
  }
  return scenarios_.front();
}

const RegionPreset* ScenarioLibrary::find_region_preset(std::string_view name) const {
  for (const RegionPreset& preset : region_presets_) {
    if (preset.name == name) return &preset;
  }
  return nullptr;
}

std::vector<std::string> ScenarioLibrary::region_preset_names() const {
  std::vector<std::string> names;
  for (const RegionPreset& preset : region_presets_) names.push_back(preset.name);
  return names;
}

report::Json regions_json(const std::vector<Region>& regions) {
  report::Json list = report::Json::array();
  for (const Region& region : regions) {
    list.push(report::Json::object(
        {{"name", region.name}, {"country", region.country}, {"population", region.population}}));
  }
  return list;
}

report::Json population_json(const ModelParameters& parameters) {
  const auto people = static_cast<double>(total_population(parameters.regions));
  const auto agents =
      static_cast<double>(agent_count(parameters.simulation.founders, parameters.regions));
  return report::Json::object(
      {{"people", people}, {"agents", agents}, {"people_per_agent", people / agents}});
}

report::Json targeting_json(const ModelParameters& parameters) {
  report::Json targeting = report::Json::object();
  for (std::size_t l = 0; l < lever_count; ++l) {
    const std::string lever = "levers." + std::string(lever_names[l]);
    for (const auto& [list, key] : {std::pair{&parameters.targeting[l].regions, ".regions"},
                                    std::pair{&parameters.targeting[l].groups, ".groups"}}) {
      if (list->empty()) continue;
      report::Json names = report::Json::array();
      for (const std::string& name : *list) names.push(name);
      targeting.set(lever + key, std::move(names));
    }
  }
  return targeting;
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
    report::Json item = report::Json::object({{"name", scenario.name},
                                              {"description", scenario.description},
                                              {"values", std::move(values)}});
    item.set("targeting", targeting_json(scenario.parameters));
    const auto& start = scenario.parameters.start;
    item.set("start", start ? report::Json(format_year_month(*start)) : report::Json());
    item.set("regions", regions_json(scenario.parameters.regions));
    item.set("population", population_json(scenario.parameters));
    list.push(std::move(item));
  }
  report::Json presets = report::Json::array();
  for (const RegionPreset& preset : region_presets_) {
    presets.push(
        report::Json::object({{"name", preset.name},
                              {"regions", regions_json(preset.regions)},
                              {"people", static_cast<double>(total_population(preset.regions))}}));
  }
  return report::Json::object({{"default_base", default_base().name},
                               {"scenarios", std::move(list)},
                               {"region_presets", std::move(presets)}});
}

}  // namespace kopa::serve
