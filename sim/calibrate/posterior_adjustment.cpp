#include "calibrate/posterior_adjustment.hpp"

#include <limits>

#include "calibrate/regression_adjustment.hpp"
#include "calibrate/target_value.hpp"

namespace kopa::calibrate {

Expected<std::optional<AdjustmentRecord>> adjust_last_generation(const Targets& targets,
                                                                 SmcResult& result) {
  if (targets.sampler.adjustment == Adjustment::none) return std::optional<AdjustmentRecord>{};
  std::vector<std::vector<double>> misses;
  for (const auto& p : result.particles) misses.push_back(fitted_misses(targets, p.kept));
  std::vector<PriorRange> ranges;
  for (const auto& p : targets.priors) ranges.push_back({p.min, p.max, p.log});
  auto adjusted =
      adjust_local_linear(ranges, result.particles, misses, result.generations.back().tolerance);
  if (!adjusted) return adjusted.error();
  AdjustmentRecord record{result.particles, {}};
  for (std::size_t j = 0; j < targets.priors.size(); ++j) {
    std::size_t fitted = 0;
    for (const auto& target : targets.targets) {
      record.slope.push_back(target.use == TargetUse::fit
                                 ? adjusted->slope[j][fitted++]
                                 : std::numeric_limits<double>::quiet_NaN());
    }
  }
  for (std::size_t i = 0; i < result.particles.size(); ++i) {
    result.particles[i].theta = adjusted->theta[i];
    result.particles[i].weight = adjusted->weight[i];
  }
  return std::optional<AdjustmentRecord>(std::move(record));
}

}  // namespace kopa::calibrate
