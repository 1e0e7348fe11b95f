#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/parameters.hpp"

// Scenario files: TOML that states parameter values by their table paths (see
// docs/scenarios.md). Loading reads a file, the files it `extends`, the region presets it names and
// the `--set PATH=VALUE` overrides, checks everything against the parameter table and returns
// either a frozen scenario or every problem found, never both.
namespace kopa {

struct Scenario {
  std::string name;         // top-level `name`, else the file name without `.toml`
  std::string description;  // top-level `description` of this file (not inherited)
  std::filesystem::path file;
  ModelParameters parameters;  // every table parameter plus the region list
  // The fully resolved scenario: name, description, every table parameter's value and every
  // region, as TOML without `extends` or presets; load_scenario_text reads it back to the same
  // parameters.
  std::string resolved_toml;
};

// One problem. `line` and `column` are 1-based; 0 when the problem has no place in a file (a file
// that cannot be read, a `--set` override, a scenario without regions). `key` is the dotted path
// of the offending key ("levers.seed_funding.grant_min", "region[2].weight", "regions[1]"), empty
// for whole-file problems (syntax errors, unreadable files).
struct ScenarioIssue {
  std::string file;  // the file as named to the loader, or "--set PATH=VALUE"
  int line = 0;
  int column = 0;
  std::string key;
  std::string message;
};

// Exactly one of the two is set: a scenario when `issues` is empty.
struct ScenarioLoad {
  std::optional<Scenario> scenario;
  std::vector<ScenarioIssue> issues;  // in file order, then by line and column
};

// Whether `extends` and `regions = [...]` may read other files. The fuzz target denies it.
enum class FileAccess { allowed, denied };

// Loads a scenario file. `overrides` are "PATH=VALUE" strings (`--set`), applied after extends.
ScenarioLoad load_scenario(const std::filesystem::path& file,
                           const std::vector<std::string>& overrides = {});

// The same for text in memory. `file_label` names it in messages, gives the default scenario name,
// and anchors `extends` and region presets (they resolve against its folder).
ScenarioLoad load_scenario_text(std::string_view toml, std::string_view file_label,
                                const std::vector<std::string>& overrides = {},
                                FileAccess access = FileAccess::allowed);

// `base` with "PATH=VALUE" `overrides` applied and every cross-field rule checked, as
// load_scenario_text(base.resolved_toml, ..., overrides) would, without parsing and writing TOML
// again: a sweep builds its design points this way, thousands a second. The base's targeting
// lists stand unless an override states one; a date resolves against the base's
// simulation.start (or one stated among the overrides; months the base stated stay as they
// are). The result's resolved_toml is empty.
ScenarioLoad apply_overrides(const Scenario& base, const std::vector<std::string>& overrides);

// "levers.<lever>.regions" or "levers.<lever>.groups": a lever's targeting list, which a
// scenario and `--set` state as a list of names (docs/scenarios.md).
bool is_targeting_path(std::string_view path);

// A parameter that holds a month of the run (start_month, end_month, ...): it also takes a date
// "YYYY-MM", counted from simulation.start.
bool is_date_path(std::string_view path);

// "<file>:<line>:<col>: error: <key>: <message>"; ":<line>:<col>" is left out when line is 0 and
// "<key>: " when key is empty.
std::string format_issue(const ScenarioIssue& issue);

// The resolved TOML of a parameter set (what Scenario::resolved_toml holds).
std::string write_resolved_toml(std::string_view name, std::string_view description,
                                const ModelParameters& parameters);

// Scenario and region names: letters, digits, '_' and '-', not empty.
bool is_valid_name(std::string_view name);

}  // namespace kopa
