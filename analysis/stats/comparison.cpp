#include "stats/comparison.hpp"

#include <algorithm>

#include "stats/cost_effectiveness.hpp"

namespace kopa::analysis {
namespace {

// Scenario and baseline values on the replicate numbers both have, in the scenario's order:
// only runs that shared random numbers are compared.
struct Pairs {
  std::vector<double> scenario;
  std::vector<double> baseline;
};

Pairs pair_by_replicate(const std::vector<std::uint32_t>& scenario_ids,
                        const std::vector<double>& scenario_values,
                        const std::vector<std::uint32_t>& baseline_ids,
                        const std::vector<double>& baseline_values) {
  Pairs pairs;
  for (std::size_t i = 0; i < scenario_ids.size(); ++i) {
    const auto found = std::find(baseline_ids.begin(), baseline_ids.end(), scenario_ids[i]);
    if (found == baseline_ids.end()) continue;
    pairs.scenario.push_back(scenario_values[i]);
    pairs.baseline.push_back(baseline_values[found - baseline_ids.begin()]);
  }
  return pairs;
}

stats::PairedSample as_sample(const Pairs& pairs) {
  return {pairs.scenario, pairs.baseline};
}

// Cost and outcomes for the cost-effectiveness ratios: public cost summed to M, outcomes at M.
struct CostParts {
  MetricDefinition cost;
  std::vector<MetricDefinition> outcomes;
};

Expected<CostParts> define_cost_parts(const ComparisonInput& input) {
  auto cost = define_metric(input, "public_cost");
  if (!cost) return Error{"cost-effectiveness needs public_cost: " + cost.error().message};
  CostParts parts{*cost, {}};
  for (const char* outcome : {"founders_sustained", "jobs_disadvantaged"}) {
    auto definition = define_metric(input, outcome);
    if (!definition) {
      return Error{"cost-effectiveness needs " + std::string(outcome) + ": " +
                   definition.error().message};
    }
    parts.outcomes.push_back(*definition);
  }
  return parts;
}

CostVerdict verdict_of(double cost_difference, double outcome_difference) {
  if (outcome_difference > 0.0) {
    return cost_difference < 0.0 ? CostVerdict::dominant : CostVerdict::cost_per_additional;
  }
  return cost_difference > 0.0 ? CostVerdict::dominated : CostVerdict::saving_per_unit_lost;
}

std::vector<CostEffectiveness> cost_effectiveness(const ScenarioResults& scenario,
                                                  const ScenarioResults& baseline,
                                                  const CostParts& parts, int month,
                                                  const stats::BootstrapOptions& options) {
  const auto ids = replicate_ids(scenario);
  const auto baseline_ids = replicate_ids(baseline);
  const auto pair = [&](const MetricDefinition& metric) {
    return pair_by_replicate(ids, replicate_values(scenario, metric, month), baseline_ids,
                             replicate_values(baseline, metric, month));
  };
  const Pairs cost = pair(parts.cost);
  std::vector<CostEffectiveness> results;
  for (const MetricDefinition& outcome : parts.outcomes) {
    const Pairs outcome_pairs = pair(outcome);
    CostEffectiveness result{outcome.name,
                             stats::cost_per_additional(as_sample(cost), as_sample(outcome_pairs),
                                                        scenario.name, outcome.name, options)};
    result.cost_difference = stats::mean(cost.scenario) - stats::mean(cost.baseline);
    result.outcome_difference =
        stats::mean(outcome_pairs.scenario) - stats::mean(outcome_pairs.baseline);
    result.verdict = verdict_of(result.cost_difference, result.outcome_difference);
    results.push_back(std::move(result));
  }
  return results;
}

MetricResult compare_metric(const ScenarioResults& scenario, const ScenarioResults& baseline,
                            bool is_baseline, const MetricDefinition& metric, int month,
                            double confidence) {
  MetricResult result;
  result.values = replicate_values(scenario, metric, month);
  result.summary = stats::describe(result.values);
  if (is_baseline) return result;
  const Pairs pairs =
      pair_by_replicate(replicate_ids(scenario), result.values, replicate_ids(baseline),
                        replicate_values(baseline, metric, month));
  result.difference =
      stats::paired_difference(pairs.scenario, pairs.baseline, scenario.name, confidence);
  return result;
}

std::size_t count_shared(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  return static_cast<std::size_t>(std::count_if(a.begin(), a.end(), [&](std::uint32_t id) {
    return std::find(b.begin(), b.end(), id) != b.end();
  }));
}

}  // namespace

std::string_view verdict_name(CostVerdict verdict) {
  switch (verdict) {
    case CostVerdict::cost_per_additional:
      return "cost_per_additional";
    case CostVerdict::dominant:
      return "dominant";
    case CostVerdict::dominated:
      return "dominated";
    case CostVerdict::saving_per_unit_lost:
      return "saving_per_unit_lost";
  }
  return "";
}

Expected<std::size_t> find_baseline(const ComparisonInput& input,
                                    const std::optional<std::string>& name) {
  const std::string wanted = name.value_or("baseline");
  for (std::size_t i = 0; i < input.scenarios.size(); ++i) {
    if (input.scenarios[i].name == wanted) return i;
  }
  if (!name) return std::size_t{0};
  std::string list;
  for (const ScenarioResults& scenario : input.scenarios) {
    list += (list.empty() ? "" : ", ") + scenario.name;
  }
  return Error{"unknown baseline scenario '" + wanted + "'; the scenarios are: " + list};
}

Expected<std::vector<MetricDefinition>> define_metrics(const ComparisonInput& input,
                                                       const std::vector<std::string>& names) {
  std::vector<std::string> wanted = names;
  if (wanted.empty()) {
    for (const std::string_view name : headline_metrics()) wanted.emplace_back(name);
  }
  std::vector<MetricDefinition> metrics;
  for (const std::string& name : wanted) {
    auto definition = define_metric(input, name);
    if (!definition) return definition.error();
    metrics.push_back(std::move(*definition));
  }
  return metrics;
}

Expected<int> resolve_month(const ComparisonInput& input, const std::optional<int>& month) {
  const int months = months_of(input);
  if (months == 0) return Error{"the results hold no months (no finished replicates?)"};
  const int m = month.value_or(months - 1);
  if (m < 0 || m >= months) {
    return Error{"month " + std::to_string(m) + " is out of range; the results hold months 0-" +
                 std::to_string(months - 1)};
  }
  return m;
}

Expected<Comparison> compare(const ComparisonInput& input, const CompareOptions& options) {
  if (Status status = validate(input); !status) return status.error();
  const auto baseline_index = find_baseline(input, options.baseline);
  if (!baseline_index) return baseline_index.error();
  auto metrics = define_metrics(input, options.metrics);
  if (!metrics) return metrics.error();
  const auto month = resolve_month(input, options.month);
  if (!month) return month.error();
  std::optional<CostParts> cost_parts;
  if (options.cost_effectiveness) {
    auto parts = define_cost_parts(input);
    if (!parts) return parts.error();
    cost_parts = std::move(*parts);
  }

  const ScenarioResults& baseline = input.scenarios[*baseline_index];
  Comparison comparison;
  comparison.interrupted = input.interrupted;
  comparison.parameter_uncertainty = input.parameter_uncertainty;
  comparison.baseline = baseline.name;
  comparison.month = *month;
  comparison.months = months_of(input);
  comparison.start = options.start;
  comparison.confidence = options.confidence;
  comparison.cost_effectiveness = options.cost_effectiveness;
  comparison.bootstrap = options.bootstrap;
  comparison.metrics = std::move(*metrics);
  for (const ScenarioResults& scenario : input.scenarios) {
    ScenarioComparison result;
    result.name = scenario.name;
    result.is_baseline = &scenario == &baseline;
    result.replicate_ids = replicate_ids(scenario);
    result.paired_replicates = count_shared(result.replicate_ids, replicate_ids(baseline));
    for (const MetricDefinition& metric : comparison.metrics) {
      result.metrics.push_back(compare_metric(scenario, baseline, result.is_baseline, metric,
                                              *month, options.confidence));
    }
    if (cost_parts && !result.is_baseline) {
      result.cost = cost_effectiveness(scenario, baseline, *cost_parts, *month, options.bootstrap);
    }
    comparison.scenarios.push_back(std::move(result));
  }
  return comparison;
}

}  // namespace kopa::analysis
