#pragma once
// The targets file's `adjustment` applied to a calibration's last generation
// (calibrate/regression_adjustment.hpp): the particles moved, the sampler's own kept beside them.
#include <cstdint>
#include <optional>
#include <vector>

#include "calibrate/abc_smc.hpp"
#include "calibrate/targets.hpp"
#include "util/expected.hpp"

namespace kopa::calibrate {

// What the adjustment changed: the sampler's own particles, and the fitted slopes.
struct AdjustmentRecord {
  std::vector<Particle> sampled;
  std::vector<double> slope;  // [parameter][target], NaN for held-out targets
};

// The point of particle `index` in the region where `distance` is at most 1, over `targets`
// fitted targets.
std::vector<double> point_in_bands(std::uint64_t seed, std::size_t index, Distance distance,
                                   std::size_t targets);

// Adjusts `result`'s last generation in place (theta and weight; its distances and kept values
// stay those of the particles the sampler accepted); nothing for adjustment "none". Each particle
// is moved to a point drawn uniformly in the targets' bands, the region where the distance is at
// most 1 (every miss within +-1 for "max", the ball of radius sqrt(targets) for "rms"): the
// adjusted sample is the ABC posterior at tolerance 1, the bands read as the figures' own
// uncertainty, not the posterior given the figures exactly. The points are Philox draws keyed by
// (the targets' seed, the particle's index). Errors: the adjustment's (too few particles for its
// coefficients).
Expected<std::optional<AdjustmentRecord>> adjust_last_generation(const Targets& targets,
                                                                 SmcResult& result);

}  // namespace kopa::calibrate
