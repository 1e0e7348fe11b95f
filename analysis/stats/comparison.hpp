#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stats/bootstrap.hpp"
#include "stats/comparison_input.hpp"
#include "stats/descriptive.hpp"
#include "stats/metric_definition.hpp"
#include "stats/paired.hpp"
#include "util/expected.hpp"

namespace kopa::analysis {

struct CompareOptions {
  std::optional<std::string> baseline{};  // default: the scenario named "baseline", else the first
  std::vector<std::string> metrics{};     // default: headline_metrics()
  std::optional<int> month{};             // M; default: the last month
  // Calendar month of month 0 (util/year_month.hpp) when the scenarios set simulation.start: the
  // preamble then names months by date too.
  std::optional<std::int64_t> start{};
  bool cost_effectiveness = true;  // public cost per additional enterprise and job
  double confidence = 0.95;        // of the paired-difference intervals
  stats::BootstrapOptions bootstrap{};
};

// One scenario, one metric.
struct MetricResult {
  std::vector<double> values;  // one per replicate, in the scenario's replicate order
  stats::Summary summary;      // over all of the scenario's replicates
  // Against the baseline, over the replicates both have; nullopt for the baseline itself; an
  // error (scenario and count) when fewer than 2 replicates pair.
  std::optional<Expected<stats::PairedDifference>> difference;
};

// What a cost-effectiveness ratio means, from the signs of the paired mean differences of cost
// and outcome (the outcome's is known to be non-zero: its interval excludes 0, or there is no
// ratio at all). A negative ratio is no price: it is one of the two dominance cases.
enum class CostVerdict {
  cost_per_additional,   // more outcome for more money: EUR per additional unit
  dominant,              // more outcome for less money: better on both counts
  dominated,             // less outcome for more money: worse on both counts
  saving_per_unit_lost,  // less outcome for less money: EUR saved per unit given up
};
std::string_view verdict_name(CostVerdict verdict);  // "cost_per_additional", "dominant", ...

// Additional public cost per additional unit of `outcome`, against the baseline.
struct CostEffectiveness {
  std::string outcome;                   // "founders_sustained" or "jobs_disadvantaged"
  Expected<stats::RatioInterval> ratio;  // error: why it is n/a
  CostVerdict verdict = CostVerdict::cost_per_additional;  // when there is a ratio
  double cost_difference = 0.0;     // paired mean of scenario - baseline public cost
  double outcome_difference = 0.0;  // paired mean of scenario - baseline outcome
};

struct ScenarioComparison {
  std::string name;
  bool is_baseline = false;
  std::vector<std::uint32_t> replicate_ids;
  std::size_t paired_replicates = 0;    // replicate numbers shared with the baseline
  std::vector<MetricResult> metrics;    // parallel to Comparison::metrics
  std::vector<CostEffectiveness> cost;  // empty for the baseline or when not asked for
};

struct Comparison {
  bool interrupted = false;
  std::string parameter_uncertainty;  // as in ComparisonInput
  std::string baseline;
  int month = 0;                      // M
  int months = 0;                     // in the input
  std::optional<std::int64_t> start;  // CompareOptions::start
  double confidence = 0.95;
  bool cost_effectiveness = false;
  stats::BootstrapOptions bootstrap{};
  std::vector<MetricDefinition> metrics;
  std::vector<ScenarioComparison> scenarios;  // the input's order, baseline included
};

// Every scenario against the baseline. Errors (values, not exceptions) for input that cannot be
// compared: invalid input, an unknown baseline or metric, a month out of range. Too few
// replicates is not such an error: descriptive statistics are still given, and the intervals
// that cannot be computed hold the error instead.
Expected<Comparison> compare(const ComparisonInput& input, const CompareOptions& options = {});

// The baseline's index: the option's name, else "baseline", else 0; an error lists the scenarios.
Expected<std::size_t> find_baseline(const ComparisonInput& input,
                                    const std::optional<std::string>& name);

// The metrics to compare: the option's names, or the headline set.
Expected<std::vector<MetricDefinition>> define_metrics(const ComparisonInput& input,
                                                       const std::vector<std::string>& names);

// M: the option's month or the last one, checked against the months in the input.
Expected<int> resolve_month(const ComparisonInput& input, const std::optional<int>& month);

}  // namespace kopa::analysis
