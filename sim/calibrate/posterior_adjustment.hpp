#pragma once
// The targets file's `adjustment` applied to a calibration's last generation
// (calibrate/regression_adjustment.hpp): the particles moved, the sampler's own kept beside them.
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

// Adjusts `result`'s last generation in place (theta and weight; its distances and kept values
// stay those of the particles the sampler accepted); nothing for adjustment "none". Errors: the
// adjustment's (too few particles for its coefficients).
Expected<std::optional<AdjustmentRecord>> adjust_last_generation(const Targets& targets,
                                                                 SmcResult& result);

}  // namespace kopa::calibrate
