#include "stats/descriptive.hpp"

#include <cmath>
#include <limits>
#include <numeric>

#include "stats/quantile.hpp"

namespace kopa::stats {

double mean(std::span<const double> sample) {
  if (sample.empty()) return std::numeric_limits<double>::quiet_NaN();
  return std::accumulate(sample.begin(), sample.end(), 0.0) / static_cast<double>(sample.size());
}

double standard_deviation(std::span<const double> sample) {
  if (sample.size() < 2) return std::numeric_limits<double>::quiet_NaN();
  const double m = mean(sample);
  double squares = 0.0;
  for (const double x : sample) squares += (x - m) * (x - m);
  return std::sqrt(squares / static_cast<double>(sample.size() - 1));
}

Summary describe(std::span<const double> values) {
  std::vector<double> sample;
  sample.reserve(values.size());
  for (const double x : values) {
    if (!std::isnan(x)) sample.push_back(x);
  }
  Summary summary;
  summary.n = sample.size();
  summary.missing = values.size() - sample.size();
  summary.mean = mean(sample);
  summary.sd = standard_deviation(sample);
  const std::vector<double> sorted = sorted_copy(sample);
  summary.median = quantile_sorted(sorted, 0.5);
  summary.p05 = quantile_sorted(sorted, 0.05);
  summary.p95 = quantile_sorted(sorted, 0.95);
  return summary;
}

}  // namespace kopa::stats
