#pragma once
// The scenarios a workshop starts from: every *.toml directly in one folder (the shipped
// scenarios/ by default), and the region presets of its regions/ folder, each loaded and checked
// once when the server starts.
#include <filesystem>
#include <string>
#include <vector>

#include "report/json.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/scenario.hpp"
#include "util/expected.hpp"

namespace kopa::serve {

// A region preset as a scenario's `regions = [...]` names it: "latvia_planning" (all its regions)
// or "latvia_planning/latgale" (one).
struct RegionPreset {
  std::string name;
  std::vector<Region> regions;
};

class ScenarioLibrary {
 public:
  // Every problem of every file, one per line ("file:line:col: error: key: message"), as
  // `kopa validate` prints them; an error when the folder holds no scenario.
  static Expected<ScenarioLibrary> load(const std::filesystem::path& folder);

  const std::vector<Scenario>& scenarios() const { return scenarios_; }
  // The scenario called `name`, or nullptr.
  const Scenario* find(std::string_view name) const;
  std::vector<std::string> names() const;
  // The scenario a what-if starts from when none is named: "workshop" (the shipped start of a
  // workshop: small and sound), else "baseline", else the first.
  const Scenario& default_base() const;

  // Every preset of <folder>/regions/*.toml and every region of each, by name.
  const std::vector<RegionPreset>& region_presets() const { return region_presets_; }
  const RegionPreset* find_region_preset(std::string_view name) const;
  std::vector<std::string> region_preset_names() const;

  // GET /api/scenarios: {"default_base", "scenarios": [{"name", "description", "values": {path:
  // value}, "targeting": {path: [names]}, "start": "YYYY-MM" or null, "regions": [...],
  // "population": {"people", "agents", "people_per_agent"}}],
  // "region_presets": [{"name", "regions": [...], "people"}]}; the values those of the table
  // parameters that differ from the table's defaults (a preset on the page).
  report::Json to_json() const;

 private:
  std::vector<Scenario> scenarios_;  // by name
  std::vector<RegionPreset> region_presets_;
};

// The regions as the page names them: [{"name", "country", "population"}].
report::Json regions_json(const std::vector<Region>& regions);

// A scenario's targeting lists: {"levers.<lever>.regions": [names], ...}, only those stated.
report::Json targeting_json(const ModelParameters& parameters);

// Whom a run stands for: {"people": residents, "agents": founder agents, "people_per_agent"}.
report::Json population_json(const ModelParameters& parameters);

// A parameter's value as JSON: booleans as true/false, choices by name, numbers as numbers.
report::Json parameter_value_json(const ParameterSpec& spec, double value);

}  // namespace kopa::serve
