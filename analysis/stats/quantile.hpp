#pragma once
#include <span>
#include <vector>

namespace kopa::stats {

// The sample sorted ascending (a copy; callers keep their replicate order).
std::vector<double> sorted_copy(std::span<const double> sample);

// The p-quantile (0 <= p <= 1) of an ascending sample by linear interpolation between order
// statistics, numpy's default method ("linear", Hyndman-Fan type 7): h = (n - 1) p, then
// x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]). NaN if the sample is empty or holds
// a NaN (a NaN has no place in the order, so no quantile is meaningful).
double quantile_sorted(std::span<const double> sorted, double p);

// Same on an unsorted sample.
double quantile(std::span<const double> sample, double p);

}  // namespace kopa::stats
