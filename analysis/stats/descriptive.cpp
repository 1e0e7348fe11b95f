#include "stats/descriptive.hpp"

#include <limits>
#include <numeric>

namespace kopa::stats {

double mean(std::span<const double> sample) {
  if (sample.empty()) return std::numeric_limits<double>::quiet_NaN();
  return std::accumulate(sample.begin(), sample.end(), 0.0) / static_cast<double>(sample.size());
}

}  // namespace kopa::stats
