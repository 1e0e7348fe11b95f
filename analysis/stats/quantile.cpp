#include "stats/quantile.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace kopa::stats {
namespace {

// numpy's _lerp: from the nearer end, so that t = 1 gives b exactly and the result is monotone.
double lerp(double a, double b, double t) {
  const double difference = b - a;
  return t < 0.5 ? a + difference * t : b - difference * (1.0 - t);
}

}  // namespace

std::vector<double> sorted_copy(std::span<const double> sample) {
  std::vector<double> sorted(sample.begin(), sample.end());
  // NaNs go last so std::sort sees a strict weak order; quantile_sorted then reports NaN.
  const auto numbers_end =
      std::partition(sorted.begin(), sorted.end(), [](double x) { return !std::isnan(x); });
  std::sort(sorted.begin(), numbers_end);
  return sorted;
}

double quantile_sorted(std::span<const double> sorted, double p) {
  assert(p >= 0.0 && p <= 1.0);
  if (sorted.empty() || std::isnan(sorted.back())) return std::numeric_limits<double>::quiet_NaN();
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const double below = std::floor(h);
  const auto i = static_cast<std::size_t>(below);
  if (i + 1 >= sorted.size()) return sorted.back();
  return lerp(sorted[i], sorted[i + 1], h - below);
}

double quantile(std::span<const double> sample, double p) {
  return quantile_sorted(sorted_copy(sample), p);
}

}  // namespace kopa::stats
