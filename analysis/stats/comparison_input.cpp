#include "stats/comparison_input.hpp"

#include <algorithm>
#include <set>

namespace kopa::analysis {
namespace {

std::size_t replicate_count(const ScenarioResults& scenario) {
  return scenario.metrics.empty() ? scenario.replicate_ids.size()
                                  : scenario.metrics.front().values.size();
}

Status validate_scenario(const ScenarioResults& scenario, int& months) {
  const std::string where = "scenario '" + scenario.name + "'";
  const std::size_t replicates = replicate_count(scenario);
  if (!scenario.replicate_ids.empty() && scenario.replicate_ids.size() != replicates) {
    return Error{where + " lists " + std::to_string(scenario.replicate_ids.size()) +
                 " replicate numbers for " + std::to_string(replicates) + " replicates"};
  }
  const std::set<std::uint32_t> unique(scenario.replicate_ids.begin(),
                                       scenario.replicate_ids.end());
  if (unique.size() != scenario.replicate_ids.size()) {
    return Error{where + " lists a replicate number twice"};
  }
  for (const RunValues& run : scenario.run_values) {
    if (run.values.size() != replicates) {
      return Error{where + ", '" + run.name + "': " + std::to_string(run.values.size()) +
                   " replicates, expected " + std::to_string(replicates)};
    }
  }
  for (const MetricSeries& metric : scenario.metrics) {
    if (metric.values.size() != replicates) {
      return Error{where + ", metric '" + metric.name +
                   "': " + std::to_string(metric.values.size()) + " replicates, expected " +
                   std::to_string(replicates)};
    }
    for (const auto& series : metric.values) {
      if (months < 0) months = static_cast<int>(series.size());
      if (series.size() != static_cast<std::size_t>(months)) {
        return Error{where + ", metric '" + metric.name + "': " + std::to_string(series.size()) +
                     " months, expected " + std::to_string(months)};
      }
    }
  }
  return ok();
}

}  // namespace

std::vector<std::uint32_t> replicate_ids(const ScenarioResults& scenario) {
  if (!scenario.replicate_ids.empty()) return scenario.replicate_ids;
  std::vector<std::uint32_t> ids(replicate_count(scenario));
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<std::uint32_t>(i);
  return ids;
}

const MetricSeries* find_metric(const ScenarioResults& scenario, std::string_view name) {
  const auto found = std::find_if(scenario.metrics.begin(), scenario.metrics.end(),
                                  [&](const MetricSeries& m) { return m.name == name; });
  return found == scenario.metrics.end() ? nullptr : &*found;
}

const RunValues* find_run_values(const ScenarioResults& scenario, std::string_view name) {
  const auto found = std::find_if(scenario.run_values.begin(), scenario.run_values.end(),
                                  [&](const RunValues& r) { return r.name == name; });
  return found == scenario.run_values.end() ? nullptr : &*found;
}

int months_of(const ComparisonInput& input) {
  for (const ScenarioResults& scenario : input.scenarios) {
    for (const MetricSeries& metric : scenario.metrics) {
      if (!metric.values.empty()) return static_cast<int>(metric.values.front().size());
    }
  }
  return 0;
}

Status validate(const ComparisonInput& input) {
  if (input.scenarios.empty()) return Error{"the results hold no scenarios to compare"};
  std::set<std::string> names;
  int months = -1;
  for (const ScenarioResults& scenario : input.scenarios) {
    if (!names.insert(scenario.name).second) {
      return Error{"scenario '" + scenario.name + "' appears twice"};
    }
    if (Status status = validate_scenario(scenario, months); !status) return status;
  }
  return ok();
}

}  // namespace kopa::analysis
