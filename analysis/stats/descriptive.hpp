#pragma once
#include <span>

namespace kopa::stats {

// Arithmetic mean; NaN for an empty sample.
double mean(std::span<const double> sample);

}  // namespace kopa::stats
