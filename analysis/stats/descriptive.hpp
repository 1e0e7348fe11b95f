#pragma once
#include <cstddef>
#include <span>

namespace kopa::stats {

// Arithmetic mean; NaN for an empty sample.
double mean(std::span<const double> sample);

// Sample standard deviation (divisor n - 1, numpy's ddof=1); NaN for fewer than 2 values.
double standard_deviation(std::span<const double> sample);

// What kopa compare reports for one scenario and metric over its replicates.
struct Summary {
  std::size_t n = 0;        // values with a number (NaN ones are left out and counted below)
  std::size_t missing = 0;  // NaN values: a ratio of nothing to nothing (0/0), left out
  double mean = 0.0;
  double median = 0.0;
  double p05 = 0.0;  // 5th percentile, linear interpolation
  double p95 = 0.0;  // 95th percentile, linear interpolation
  double sd = 0.0;   // sample standard deviation; NaN for n < 2
};

// Over the values that are numbers; NaN values are counted in `missing`, not averaged in (a mean
// of NaN would hide every other replicate). Defined for any n: one value gives mean = median =
// p05 = p95 = that value; none gives NaN.
Summary describe(std::span<const double> sample);

}  // namespace kopa::stats
