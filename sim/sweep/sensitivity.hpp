#pragma once
#include <span>
#include <vector>

#include "sweep/design.hpp"
#include "util/expected.hpp"

namespace kopa::sweep {

// Sobol' sensitivity indices of one output, per factor (in the design's factor order).
struct SobolIndices {
  std::vector<double> first_order;  // S_i, Saltelli et al. (2010) estimator
  std::vector<double> total_order;  // S_Ti, Jansen (1999) estimator
};

// From the outputs y of a sobol design, one per point in the design's order (A, B, AB_1..AB_k).
// V is the variance of the A and B outputs together; S_i = mean(y_B (y_ABi - y_A)) / V and
// S_Ti = mean((y_A - y_ABi)^2) / (2 V) (Saltelli et al. 2010, Comput. Phys. Commun. 181,
// Table 2 (b) and (f)). An error for another design, a wrong count, non-finite or constant y.
Expected<SobolIndices> sobol_indices(const Design& design, std::span<const double> y);

// Morris elementary-effect statistics of one output, per factor.
struct MorrisStatistics {
  std::vector<double> mu_star;  // mean |EE| (Campolongo et al. 2007)
  std::vector<double> mu;       // mean EE
  std::vector<double> sigma;    // standard deviation of EE (divisor r - 1; NaN when r = 1)
};

// From the outputs y of a morris design, one per point in the design's order. An elementary
// effect is measured in unit space, EE = (y_after - y_before) / (+-delta): for a range factor it
// is the change of y per whole range (y = c x on [min, max] gives EE = c (max - min)).
Expected<MorrisStatistics> morris_statistics(const Design& design, std::span<const double> y);

}  // namespace kopa::sweep
