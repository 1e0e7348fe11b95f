#include "stats/paired.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "stats/descriptive.hpp"
#include "stats/student_t.hpp"

namespace kopa::stats {
namespace {

void count_wins(std::span<const double> scenario, std::span<const double> baseline,
                PairedDifference& result) {
  std::size_t greater = 0;
  std::size_t equal = 0;
  for (std::size_t i = 0; i < scenario.size(); ++i) {
    if (scenario[i] > baseline[i]) ++greater;
    if (scenario[i] == baseline[i]) ++equal;
  }
  const auto n = static_cast<double>(scenario.size());
  result.share_greater = static_cast<double>(greater) / n;
  result.share_equal = static_cast<double>(equal) / n;
  result.share_less = static_cast<double>(scenario.size() - greater - equal) / n;
}

}  // namespace

Expected<PairedDifference> paired_difference(std::span<const double> scenario,
                                             std::span<const double> baseline,
                                             std::string_view scenario_name, double confidence) {
  const std::string name(scenario_name);
  if (scenario.size() != baseline.size()) {
    return Error{"scenario '" + name + "' has " + std::to_string(scenario.size()) +
                 " replicates to pair with the baseline's " + std::to_string(baseline.size())};
  }
  std::vector<double> kept_scenario, kept_baseline, differences;
  for (std::size_t i = 0; i < scenario.size(); ++i) {
    if (std::isnan(scenario[i]) || std::isnan(baseline[i])) continue;
    kept_scenario.push_back(scenario[i]);
    kept_baseline.push_back(baseline[i]);
    differences.push_back(scenario[i] - baseline[i]);
  }
  const std::size_t excluded = scenario.size() - differences.size();
  if (differences.size() < 2) {
    return Error{"scenario '" + name + "' has " + std::to_string(differences.size()) +
                 " replicate(s) paired with the baseline" +
                 (excluded > 0 ? " with a value on both sides (" + std::to_string(excluded) +
                                     " pairs have none: 0/0)"
                               : std::string()) +
                 "; an interval needs at least 2"};
  }

  PairedDifference result;
  result.n = differences.size();
  result.excluded = excluded;
  result.mean = mean(differences);
  result.sd = standard_deviation(differences);
  result.t_quantile = student_t_quantile(0.5 + 0.5 * confidence, static_cast<double>(result.n - 1));
  const double half_width =
      result.t_quantile * result.sd / std::sqrt(static_cast<double>(result.n));
  result.ci_low = result.mean - half_width;
  result.ci_high = result.mean + half_width;
  result.baseline_mean = mean(kept_baseline);
  result.relative_change = result.baseline_mean == 0.0 ? std::numeric_limits<double>::quiet_NaN()
                                                       : result.mean / result.baseline_mean;
  count_wins(kept_scenario, kept_baseline, result);
  return result;
}

}  // namespace kopa::stats
