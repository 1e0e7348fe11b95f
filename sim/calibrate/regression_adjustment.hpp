#pragma once
// Local-linear regression adjustment of an ABC posterior (Beaumont, Zhang & Balding 2002,
// Genetics 162:2025; the "loclinear" method of Csilléry et al.'s R package abc). An ABC sample
// accepted at tolerance eps is the posterior given that the simulated targets lie within eps of
// the figures, not at them: where a target is noisy and moves slowly with its parameter, eps
// spans much of the prior and the sample's marginals stay near the prior's. The adjustment fits,
// over the accepted particles, each parameter as a linear function of the particles' standardised
// misses (weights: the particle's importance weight times the Epanechnikov kernel of its
// distance), and moves every particle along that line to where its misses would be u_i:
//   y*_i = y_i - B (z_i - u_i),
// u_i = 0 for the posterior given the figures exactly, or a point of the targets' bands
// (calibrate/posterior_adjustment.hpp) for the posterior at tolerance 1,
// y in probit coordinates of the prior's range (calibrate/prior_coordinates.hpp), so an adjusted
// particle never leaves its prior (the logit transform of the abc package, with the probit's
// lighter tails). It assumes the relation is close to linear, with a spread that does not depend
// on the misses, over the accepted region; docs/calibration.md says how the shipped calibration
// checks that (the adjusted particles' own runs, the posterior predictive).
#include <vector>

#include "calibrate/abc_smc.hpp"
#include "util/expected.hpp"

namespace kopa::calibrate {

enum class Adjustment { none, local_linear };

struct AdjustedParticles {
  std::vector<std::vector<double>> theta;  // per particle: parameter values, inside the priors
  std::vector<double> weight;              // importance weight x Epanechnikov kernel, sums to 1
  // Per parameter, the fitted change of its probit coordinate per unit of each target's miss.
  std::vector<std::vector<double>> slope;
};

// `misses[i][k]`: particle i's standardised miss on fitted target k, (simulated - observed) /
// tolerance. `bandwidth`: the Epanechnikov kernel's half-width in distance (the generation's
// tolerance; infinite: every particle weighs its importance weight alone). `points[i]`: the misses
// particle i is moved to (empty: zero for every particle). Errors: no more particles of positive
// weight than the regression has coefficients (targets + 1), misses or points of unequal length.
Expected<AdjustedParticles> adjust_local_linear(
    const std::vector<PriorRange>& priors, const std::vector<Particle>& particles,
    const std::vector<std::vector<double>>& misses, double bandwidth,
    const std::vector<std::vector<double>>& points = {});

}  // namespace kopa::calibrate
