#pragma once
// The scenarios a workshop starts from: every *.toml directly in one folder (the shipped
// scenarios/ by default), loaded and checked once when the server starts.
#include <filesystem>
#include <string>
#include <vector>

#include "report/json.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/scenario.hpp"
#include "util/expected.hpp"

namespace kopa::serve {

class ScenarioLibrary {
 public:
  // Every problem of every file, one per line ("file:line:col: error: key: message"), as
  // `kopa validate` prints them; an error when the folder holds no scenario.
  static Expected<ScenarioLibrary> load(const std::filesystem::path& folder);

  const std::vector<Scenario>& scenarios() const { return scenarios_; }
  // The scenario called `name`, or nullptr.
  const Scenario* find(std::string_view name) const;
  std::vector<std::string> names() const;
  // The scenario a what-if starts from when none is named: "baseline", else the first.
  const Scenario& default_base() const;

  // GET /api/scenarios: [{"name", "description", "values": {path: value}}], the values those of
  // the table parameters that differ from the table's defaults (a preset on the page).
  report::Json to_json() const;

 private:
  std::vector<Scenario> scenarios_;  // by name
};

// A parameter's value as JSON: booleans as true/false, choices by name, numbers as numbers.
report::Json parameter_value_json(const ParameterSpec& spec, double value);

}  // namespace kopa::serve
