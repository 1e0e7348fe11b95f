#include "stats/cost_effectiveness.hpp"

#include <cstdio>
#include <string>

#include "stats/paired.hpp"

namespace kopa::stats {

Expected<RatioInterval> cost_per_additional(PairedSample cost, PairedSample outcome,
                                            std::string_view scenario_name,
                                            std::string_view outcome_name,
                                            const BootstrapOptions& options) {
  const std::size_t n = outcome.scenario.size();
  if (cost.scenario.size() != n || cost.baseline.size() != n || outcome.baseline.size() != n) {
    return Error{"scenario '" + std::string(scenario_name) + "': cost and " +
                 std::string(outcome_name) + " have different replicate counts"};
  }
  const auto outcome_difference =
      paired_difference(outcome.scenario, outcome.baseline, scenario_name, options.confidence);
  if (!outcome_difference) return outcome_difference.error();
  if (!outcome_difference->excludes_zero()) {
    char interval[96];
    std::snprintf(interval, sizeof interval, "[%.4g, %.4g]", outcome_difference->ci_low,
                  outcome_difference->ci_high);
    return Error{"the " + std::to_string(static_cast<int>(options.confidence * 100.0 + 0.5)) +
                 "% interval of additional " + std::string(outcome_name) + " in '" +
                 std::string(scenario_name) + "', " + interval +
                 ", includes zero, so the cost per additional one is unbounded"};
  }
  return bootstrap_ratio_of_differences(cost, outcome, options);
}

}  // namespace kopa::stats
