#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "stats/comparison_input.hpp"
#include "util/expected.hpp"

namespace kopa::analysis {

// How one number per replicate is made from a metric's monthly series, up to month M.
enum class Aggregation {
  stock_at_month,  // the value at month M
  flow_sum,        // the sum over months 0..M
  flow_ratio,      // sum of one flow over 0..M divided by the sum of another (NaN if that is 0)
  per_run,         // one value per run, not read at a month (cohort survival)
};

std::string_view aggregation_name(Aggregation aggregation);  // "stock_at_month", ...
// For people: "stock at month 119", "flow summed over months 0-119", ...
std::string describe_aggregation(Aggregation aggregation, int month);

struct MetricDefinition {
  std::string name;
  std::string units;  // of the numbers reported: a flow summed over months loses its "/month"
  std::string long_name;
  Aggregation aggregation = Aggregation::stock_at_month;
  std::string numerator;    // the input metric read (flow_ratio: the one divided)
  std::string denominator;  // flow_ratio only
};

// The derived share of money awarded that reaches founders of disadvantaged groups.
inline constexpr std::string_view money_share_disadvantaged = "money_share_disadvantaged";

// Cohort survival k years after launch, compared as one value per run: "survival_1y" ..
// "survival_5y" (the results file's `survival` dataset, year k).
std::string survival_metric(std::size_t year);
// The k of a "survival_<k>y" name, or 0 when `name` is not one.
std::size_t survival_year(std::string_view name, std::size_t years);

// The headline set compared by default (cost per additional enterprise is reported separately,
// see CostEffectiveness, because it exists only against the baseline).
std::span<const std::string_view> headline_metrics();

// The unit of a flow summed over months: "EUR/month" gives "EUR".
std::string summed_units(std::string_view units);

// Resolves `name` against the metrics every scenario of the input holds; an error names the
// metric and lists the available ones.
Expected<MetricDefinition> define_metric(const ComparisonInput& input, std::string_view name);

// One value per replicate (rows in the scenario's order) at month M.
std::vector<double> replicate_values(const ScenarioResults& scenario,
                                     const MetricDefinition& metric, int month);

}  // namespace kopa::analysis
