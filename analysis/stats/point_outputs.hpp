#pragma once
// A sweep's output per design point: the mean over the point's replicates, and how much of the
// variation is replicate noise rather than the factors' doing. Plain data in.
#include <cstddef>
#include <vector>

namespace kopa::stats {

struct PointOutputs {
  std::vector<double> mean;        // per point: mean over its defined runs; NaN when it has none
  std::vector<std::size_t> runs;   // per point: the runs averaged
  std::size_t undefined_runs = 0;  // runs whose output is NaN (a ratio of two zero sums) or inf
  // Within-point sum of squares over the total sum of squares of all defined runs (one-way
  // analysis of variance): the share of run-to-run variation that is replicate noise. NaN
  // unless some point has 2 runs and the runs vary.
  double noise_share = 0.0;
  // The replicate-noise variance of a point mean (pooled within-point variance times the mean of
  // 1 / runs) over the variance of the point means (divisor points - 1), at most 1: the share
  // of the means' spread that noise alone would produce if replicates were independent across
  // points. kopa's common random numbers make differences between points less noisy than this.
  // NaN where noise_share is, or when fewer than 2 points have a mean.
  double noise_share_of_means = 0.0;
};

// runs: [point][run], the output of each finished run of each point.
PointOutputs point_outputs(const std::vector<std::vector<double>>& runs);

}  // namespace kopa::stats
