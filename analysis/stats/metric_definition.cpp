#include "stats/metric_definition.hpp"

#include <array>
#include <cassert>
#include <limits>
#include <numeric>

namespace kopa::analysis {
namespace {

// SEMPRE's headline outcomes: enterprises that last, start-ups, jobs and money for disadvantaged
// people, collaboration, and what it costs the public purse.
constexpr std::array<std::string_view, 6> headline{"founders_sustained", "founders_startup",
                                                   "jobs_disadvantaged", money_share_disadvantaged,
                                                   "collaborations",     "public_cost"};

// The first scenario's entry, if every scenario has one (so it can be compared at all).
template <class Find>
auto find_in_every_scenario(const ComparisonInput& input, Find find)
    -> decltype(find(input.scenarios.front())) {
  decltype(find(input.scenarios.front())) first = nullptr;
  for (const ScenarioResults& scenario : input.scenarios) {
    const auto found = find(scenario);
    if (found == nullptr) return nullptr;
    if (first == nullptr) first = found;
  }
  return first;
}

const MetricSeries* find_everywhere(const ComparisonInput& input, std::string_view name) {
  return find_in_every_scenario(
      input, [&](const ScenarioResults& scenario) { return find_metric(scenario, name); });
}

// Present in every scenario as one value per run.
const RunValues* find_run_values_everywhere(const ComparisonInput& input, std::string_view name) {
  return find_in_every_scenario(
      input, [&](const ScenarioResults& scenario) { return find_run_values(scenario, name); });
}

std::string available_metrics(const ComparisonInput& input) {
  std::string list(money_share_disadvantaged);
  for (const MetricSeries& metric : input.scenarios.front().metrics) {
    if (find_everywhere(input, metric.name) != nullptr) list += ", " + metric.name;
  }
  for (const RunValues& run : input.scenarios.front().run_values) {
    if (find_run_values_everywhere(input, run.name) != nullptr) list += ", " + run.name;
  }
  return list;
}

Expected<MetricDefinition> define_money_share(const ComparisonInput& input) {
  for (const std::string_view part : {"money_awarded_disadvantaged", "money_awarded"}) {
    if (find_everywhere(input, part) == nullptr) {
      return Error{"metric '" + std::string(money_share_disadvantaged) + "' needs '" +
                   std::string(part) + "' in every scenario"};
    }
  }
  return MetricDefinition{std::string(money_share_disadvantaged),
                          "1",
                          "share of money awarded that reached founders of disadvantaged groups",
                          Aggregation::flow_ratio,
                          "money_awarded_disadvantaged",
                          "money_awarded"};
}

double value_up_to(const std::vector<double>& series, bool is_flow, int month) {
  const auto end = series.begin() + month + 1;
  return is_flow ? std::accumulate(series.begin(), end, 0.0) : series[month];
}

std::vector<double> values_of(const ScenarioResults& scenario, const std::string& name, int month) {
  const MetricSeries* metric = find_metric(scenario, name);
  assert(metric != nullptr);
  std::vector<double> values;
  values.reserve(metric->values.size());
  for (const auto& series : metric->values) {
    values.push_back(value_up_to(series, metric->is_flow, month));
  }
  return values;
}

}  // namespace

std::string_view aggregation_name(Aggregation aggregation) {
  switch (aggregation) {
    case Aggregation::stock_at_month:
      return "stock_at_month";
    case Aggregation::flow_sum:
      return "flow_sum";
    case Aggregation::flow_ratio:
      return "flow_ratio";
    case Aggregation::per_run:
      return "per_run";
  }
  return "";
}

std::string describe_aggregation(Aggregation aggregation, int month) {
  const std::string m = std::to_string(month);
  switch (aggregation) {
    case Aggregation::stock_at_month:
      return "stock at month " + m;
    case Aggregation::flow_sum:
      return "flow summed over months 0-" + m;
    case Aggregation::flow_ratio:
      return "ratio of flows summed over months 0-" + m;
    case Aggregation::per_run:
      return "one value per run, over the whole run (not read at a month)";
  }
  return "";
}

std::string survival_metric(std::size_t year) {
  return "survival_" + std::to_string(year) + "y";
}

std::size_t survival_year(std::string_view name, std::size_t years) {
  for (std::size_t k = 1; k <= years; ++k) {
    if (name == survival_metric(k)) return k;
  }
  return 0;
}

std::span<const std::string_view> headline_metrics() {
  return headline;
}

std::string summed_units(std::string_view units) {
  constexpr std::string_view per_month = "/month";
  if (units.ends_with(per_month)) units.remove_suffix(per_month.size());
  return std::string(units);
}

Expected<MetricDefinition> define_metric(const ComparisonInput& input, std::string_view name) {
  if (name == money_share_disadvantaged) return define_money_share(input);
  if (const RunValues* run = find_run_values_everywhere(input, name)) {
    return MetricDefinition{run->name, run->units, run->long_name, Aggregation::per_run,
                            run->name, ""};
  }
  const MetricSeries* metric = find_everywhere(input, name);
  if (metric == nullptr) {
    return Error{"unknown metric '" + std::string(name) +
                 "' (not in every scenario); available: " + available_metrics(input)};
  }
  // A flow's monthly amounts are summed, so its numbers are in the unit without "/month".
  return MetricDefinition{
      metric->name,      metric->is_flow ? summed_units(metric->units) : metric->units,
      metric->long_name, metric->is_flow ? Aggregation::flow_sum : Aggregation::stock_at_month,
      metric->name,      ""};
}

std::vector<double> replicate_values(const ScenarioResults& scenario,
                                     const MetricDefinition& metric, int month) {
  if (metric.aggregation == Aggregation::per_run) {
    const RunValues* run = find_run_values(scenario, metric.numerator);
    assert(run != nullptr);
    return run->values;
  }
  std::vector<double> values = values_of(scenario, metric.numerator, month);
  if (metric.aggregation != Aggregation::flow_ratio) return values;
  const std::vector<double> denominators = values_of(scenario, metric.denominator, month);
  for (std::size_t i = 0; i < values.size(); ++i) {
    values[i] = denominators[i] == 0.0 ? std::numeric_limits<double>::quiet_NaN()
                                       : values[i] / denominators[i];
  }
  return values;
}

}  // namespace kopa::analysis
