#pragma once
// Calibration targets files (docs/calibration.md): the scenario that every particle starts from,
// the sampler's settings, a prior for each uncertain parameter (a path of the one parameter
// table) and the published figures the model's output is held against, each marked for fitting
// or held out for validation. Loading checks every key with its file, line and column, and
// returns either targets or every problem found, never both.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calibrate/abc_smc.hpp"
#include "calibrate/regression_adjustment.hpp"
#include "model/metrics.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/scenario.hpp"

namespace kopa::calibrate {

// A uniform prior over [min, max] of a parameter, or log-uniform (then min > 0).
struct Prior {
  std::string path;
  ParameterSpec spec;
  double min = 0;
  double max = 0;
  bool log = false;
  bool integer = false;  // an integer parameter: values are rounded to the nearest whole one
};

// How a quantity folds a metric's months into one number.
enum class Reduce { sum, mean, last };

// One number read from a run: a metric (one label of a breakdown), over months from..to.
struct Quantity {
  int metric = -1;         // index into metric_catalog()
  std::size_t label = 0;   // index into the breakdown's labels (0 for totals)
  std::string label_name;  // as written, for messages
  int from_month = 1;      // 1-based, inclusive
  int to_month = 0;        // 1-based, inclusive
  Reduce reduce = Reduce::sum;
};

enum class TargetUse { fit, validation };

// A target's simulated value is, by its kind:
//   survival: the share of the run's start-ups still operating `survival_year` years after
//             launch (the cohort survival the observer keeps);
//   quantity: output, divided by `per` when given, the whole divided by
//             (reference_output / reference_per) when a reference is given (a ratio of rates,
//             as the Missing Entrepreneurs' start-up rates of a group against the mainstream).
// Averaged over the particle's replicates.
struct Target {
  std::string name;
  int survival_year = 0;  // 1..5 for a survival target, else 0
  std::optional<Quantity> output, per, reference_output, reference_per;
  double observed = 0;
  double tolerance = 0;  // half-width of the band the model should hit; the distance's scale
  std::string source;
  TargetUse use = TargetUse::fit;
};

// How a particle's fitted targets' standardised misses z = (simulated - observed) / tolerance
// fold into its one distance (docs/calibration.md):
//   rms: sqrt(mean z^2): the targets on average; one may sit up to sqrt(n) times the tolerance
//        away while the others are exact;
//   max: max |z|: every fitted target within the tolerance; none can hide in the others' slack.
enum class Distance { rms, max };

struct SamplerSettings {
  int particles = 100;
  int generations = 5;  // after the prior's generation 0
  int replicates = 1;   // runs per particle, averaged
  std::uint64_t seed = 1;
  double quantile = 0.5;         // tolerance of generation t: this quantile of t-1's distances
  double min_acceptance = 0.05;  // a generation needing more proposals than particles / this ends
  Distance distance = Distance::rms;
  Kernel kernel = Kernel::componentwise;  // how a generation perturbs the previous one's particles
  // What is done to the last generation before it is written (calibrate/regression_adjustment.hpp).
  Adjustment adjustment = Adjustment::none;
};

struct Targets {
  std::filesystem::path file;
  std::string text;  // the targets file's bytes, as read
  std::string sha256;
  std::string description;
  std::filesystem::path base_file;
  std::vector<std::string> set;  // calibration.set as PATH=VALUE, in file order
  Scenario base;                 // the base scenario with calibration.set applied
  SamplerSettings sampler;
  std::vector<Prior> priors;
  std::vector<Target> targets;

  std::size_t fit_count() const;
};

struct TargetsLoad {
  std::optional<Targets> targets;
  std::vector<ScenarioIssue> issues;  // format_issue prints them
};

TargetsLoad load_targets(const std::filesystem::path& file);
TargetsLoad load_targets_text(std::string_view text, const std::filesystem::path& file_label);

// The overrides that turn the base scenario into the parameter values `theta` (one per prior,
// in parameter units): "PATH=VALUE".
std::vector<std::string> particle_overrides(const Targets& targets,
                                            const std::vector<double>& theta);

std::string_view use_name(TargetUse use);                 // "fit", "validation"
std::string_view distance_name(Distance distance);        // "rms", "max"
std::string_view kernel_name(Kernel kernel);              // "componentwise", "olcm", ...
std::string_view adjustment_name(Adjustment adjustment);  // "none", "local_linear"

}  // namespace kopa::calibrate
