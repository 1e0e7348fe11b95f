#pragma once
// A target's simulated value from a particle's runs, and the ABC distance over the fitted targets.
#include <span>
#include <vector>

#include "calibrate/targets.hpp"
#include "model/metrics.hpp"

namespace kopa::calibrate {

// What one run gives a target: its four quantities (output, per, reference output, reference
// per; unused ones 0), or for a survival target the cohort launched and still operating.
struct RunTargetValues {
  std::vector<std::array<double, 4>> parts;  // [target]
};

RunTargetValues target_parts(const Targets& targets, const RunSeries& series);

// Each target's value from a particle's runs (in replicate order): every quantity averaged over
// the runs, then divided (a ratio of means: a rare event does not make a ratio infinite in one
// run). NaN when a divisor is 0 (no start-up in the cohort, no application).
std::vector<double> simulated_values(const Targets& targets, std::span<const RunTargetValues> runs);

// The fitted targets' standardised misses z = (simulated - observed) / tolerance, in the targets'
// order (held-out targets left out); NaN where a fitted value is.
std::vector<double> fitted_misses(const Targets& targets, const std::vector<double>& simulated);

// The fitted targets' standardised misses folded as the targets' sampler.distance says:
// sqrt(mean z^2) ("rms": 1 means the model sits, on average, at the edge of the targets' bands) or
// max |z| ("max": 1 means every target inside its band, one on its edge); +inf when a fitted value
// is NaN.
double distance(const Targets& targets, const std::vector<double>& simulated);

}  // namespace kopa::calibrate
