#pragma once
// Sweep files (docs/sweeps.md): a base scenario, fixed overrides, factors and a design. Loading
// reads and checks the file, loads the base scenario, builds the design and then every design
// point as a scenario of its own (base + sweep.set + the point's factor values, through the
// scenario loader, so every cross-field rule holds at every point). Either a sweep comes back or
// every problem found, never both, as for scenarios.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/parameters.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_arguments.hpp"
#include "sweep/design.hpp"

namespace kopa::sweep {

struct SweepFactor {
  Factor factor;         // as given to make_design
  ParameterSpec spec;    // type, range and formatting of the swept parameter
  bool rounded = false;  // an integer range: design values are rounded to the nearest integer
};

struct Sweep {
  std::filesystem::path file;
  std::string text;    // the sweep file's bytes, as read
  std::string sha256;  // of `text`
  std::string description;
  std::filesystem::path base_file;  // resolved against the sweep file's folder
  std::vector<std::string> set;     // sweep.set as PATH=VALUE overrides, in file order
  Scenario base;  // the base scenario with sweep.set and the command line's --set applied
  int replicates = 0;
  DesignSettings settings;
  std::vector<SweepFactor> factors;
  Design design;  // points in parameter units, integer factors already rounded
  // Common random numbers: every point uses the base scenario's simulation.seed, so replicate r
  // draws the same numbers at every point.
  std::uint64_t base_seed = 0;
  std::vector<ModelParameters> points;  // one frozen parameter set per design point

  std::size_t point_count() const { return design.points.size(); }
};

struct SweepLoad {
  std::optional<Sweep> sweep;
  std::vector<ScenarioIssue> issues;  // same shape as scenario issues (format_issue)
};

struct SweepLoadOptions {
  // Keep every point's parameters (Sweep::points); `kopa validate` only needs the issues, and a
  // design of a million points would hold gigabytes.
  bool keep_points = true;
  // Called every few thousand design points while they are checked, with (checked, total).
  std::function<void(std::size_t, std::size_t)> progress;
  // The command line's say over the base scenario, as kopa run's over its scenarios
  // (scenario_arguments.hpp): `base` ("[NAME=]FILE", relative to the working folder) instead of
  // sweep.base, and `overrides` ("[NAME:]PATH=VALUE") applied after sweep.set, a qualified one
  // only when NAME is one the base answers to.
  std::optional<ScenarioArgument> base;
  std::vector<std::string> overrides;
  // Where the base's names are added when several files share the overrides (kopa validate,
  // which then reports the qualifiers nothing answered); when null the sweep reports them.
  std::set<std::string>* answered = nullptr;
};

SweepLoad load_sweep(const std::filesystem::path& file, const SweepLoadOptions& options = {});
// The same for text in memory; `file_label` names it in messages and anchors `base`.
SweepLoad load_sweep_text(std::string_view text, const std::filesystem::path& file_label,
                          const SweepLoadOptions& options = {});

// The parameter a varied path names: a table parameter, or a field of one of the base
// scenario's regions ("regions.<name>.<field>"); nullopt with `problem` saying why not.
std::optional<ParameterSpec> parameter_spec_for(const std::string& path, const Scenario& base,
                                                std::string& problem);

// The overrides that turn the base scenario into design point `point`, "PATH=VALUE" in factor
// order (sweep.set comes before them and is already in Sweep::base).
std::vector<std::string> point_overrides(const Sweep& sweep, std::size_t point);

}  // namespace kopa::sweep
