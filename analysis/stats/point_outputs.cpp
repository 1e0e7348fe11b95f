#include "stats/point_outputs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kopa::stats {

PointOutputs point_outputs(const std::vector<std::vector<double>>& runs) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  PointOutputs out;
  std::vector<std::vector<double>> defined(runs.size());
  double grand_sum = 0.0;
  std::size_t grand_count = 0;
  for (std::size_t p = 0; p < runs.size(); ++p) {
    for (const double y : runs[p]) {
      if (std::isfinite(y)) {
        defined[p].push_back(y);
        grand_sum += y;
      } else {
        ++out.undefined_runs;
      }
    }
    grand_count += defined[p].size();
    double sum = 0.0;
    for (const double y : defined[p]) sum += y;
    out.runs.push_back(defined[p].size());
    out.mean.push_back(defined[p].empty() ? nan : sum / static_cast<double>(defined[p].size()));
  }

  const double grand_mean = grand_count ? grand_sum / static_cast<double>(grand_count) : nan;
  double within = 0.0, total = 0.0, inverse_runs = 0.0, means_sum = 0.0;
  std::size_t within_df = 0, noisy_points = 0, means = 0;
  for (std::size_t p = 0; p < runs.size(); ++p) {
    for (const double y : defined[p]) {
      within += (y - out.mean[p]) * (y - out.mean[p]);
      total += (y - grand_mean) * (y - grand_mean);
    }
    if (defined[p].empty()) continue;
    within_df += defined[p].size() - 1;
    noisy_points += defined[p].size() > 1 ? 1 : 0;
    inverse_runs += 1.0 / static_cast<double>(defined[p].size());
    means_sum += out.mean[p];
    ++means;
  }
  if (noisy_points == 0 || !(total > 0.0)) {
    out.noise_share = out.noise_share_of_means = nan;
    return out;
  }
  out.noise_share = within / total;
  double means_squares = 0.0;
  const double mean_of_means = means_sum / static_cast<double>(means);
  for (std::size_t p = 0; p < runs.size(); ++p) {
    if (!defined[p].empty()) {
      means_squares += (out.mean[p] - mean_of_means) * (out.mean[p] - mean_of_means);
    }
  }
  const double noise_of_a_mean =
      within / static_cast<double>(within_df) * inverse_runs / static_cast<double>(means);
  if (means < 2) {
    out.noise_share_of_means = nan;
  } else {
    // Means that do not vary at all, while runs do, are all noise.
    const double means_variance = means_squares / static_cast<double>(means - 1);
    out.noise_share_of_means =
        means_variance > 0.0 ? std::min(1.0, noise_of_a_mean / means_variance) : 1.0;
  }
  return out;
}

}  // namespace kopa::stats
