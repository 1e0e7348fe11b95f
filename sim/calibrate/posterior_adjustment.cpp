#include "calibrate/posterior_adjustment.hpp"

#include <Random123/philox.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "calibrate/regression_adjustment.hpp"
#include "calibrate/target_value.hpp"
#include "model/random.hpp"

namespace kopa::calibrate {
namespace {

// Key of the adjustment's own Philox stream, beside the seed (the sampler's is 0xABC5A3C).
constexpr std::uint64_t adjustment_stream = 0xAD7057;

// Uniforms in [0, 1) for particle `index`: draw k gives uniforms 4k .. 4k+3.
class ParticleUniforms {
 public:
  ParticleUniforms(std::uint64_t seed, std::size_t index) : seed_(seed), index_(index) {}
  double next() {
    if (used_ == 4) {
      r123::Philox4x64 philox;
      const r123::Philox4x64::ctr_type counter{{index_, draw_++, 0, 0}};
      const r123::Philox4x64::key_type key{{seed_, adjustment_stream}};
      const auto bits = philox(counter, key);
      for (std::size_t i = 0; i < 4; ++i)
        block_[i] = static_cast<double>(bits[i] >> 11) * 0x1.0p-53;
      used_ = 0;
    }
    return block_[used_++];
  }

 private:
  std::uint64_t seed_, index_;
  std::uint64_t draw_ = 0;
  std::array<double, 4> block_{};
  std::size_t used_ = 4;
};

}  // namespace

std::vector<double> point_in_bands(std::uint64_t seed, std::size_t index, Distance distance,
                                   std::size_t targets) {
  ParticleUniforms u(seed, index);
  std::vector<double> point(targets);
  if (distance == Distance::max) {
    for (double& v : point) v = 2.0 * u.next() - 1.0;
    return point;
  }
  // Uniform in the ball of radius sqrt(targets): a normal direction, radius sqrt(targets) U^(1/n).
  double squares = 0;
  for (double& v : point) {
    const double u1 = u.next();
    const double u2 = u.next();
    v = standard_normal(u1, u2);
    squares += v * v;
  }
  const double radius = std::sqrt(static_cast<double>(targets)) *
                        std::pow(u.next(), 1.0 / static_cast<double>(targets));
  const double scale = squares > 0 ? radius / std::sqrt(squares) : 0.0;
  for (double& v : point) v *= scale;
  return point;
}

Expected<std::optional<AdjustmentRecord>> adjust_last_generation(const Targets& targets,
                                                                 SmcResult& result) {
  if (targets.sampler.adjustment == Adjustment::none) return std::optional<AdjustmentRecord>{};
  std::vector<std::vector<double>> misses;
  for (const auto& p : result.particles) misses.push_back(fitted_misses(targets, p.kept));
  std::vector<PriorRange> ranges;
  for (const auto& p : targets.priors) ranges.push_back({p.min, p.max, p.log});
  std::vector<std::vector<double>> points;
  for (std::size_t i = 0; i < result.particles.size(); ++i) {
    points.push_back(
        point_in_bands(targets.sampler.seed, i, targets.sampler.distance, targets.fit_count()));
  }
  auto adjusted = adjust_local_linear(ranges, result.particles, misses,
                                      result.generations.back().tolerance, points);
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
