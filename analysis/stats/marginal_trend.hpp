#pragma once
// The marginal trend of a sweep's output over one factor: the design points' outputs averaged by
// the factor's value. A first look at partial dependence: it averages over the other factors as
// the design sampled them, so for a grid, LHS or Sobol' design (factors sampled independently)
// it is the factor's main effect; it says nothing of interactions.
#include <cstddef>
#include <span>
#include <vector>

namespace kopa::analysis {

struct TrendPoint {
  double factor = 0;       // the group's mean factor value
  double mean = 0;         // the mean output of its points
  std::size_t points = 0;  // how many points it averages
};

// `factor` and `output` per design point (same length). Points whose output is NaN (no finished
// replicate) are left out. With at most `groups` distinct factor values, one group per value;
// otherwise `groups` groups of consecutive points in factor order, their sizes differing by at
// most one. In increasing factor order; empty when no point has an output.
std::vector<TrendPoint> marginal_trend(std::span<const double> factor,
                                       std::span<const double> output, std::size_t groups = 10);

}  // namespace kopa::analysis
