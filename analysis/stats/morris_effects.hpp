#pragma once
// Morris (1991) elementary-effects screening: mu* (Campolongo et al. 2007), mu and sigma per
// factor, with percentile bootstrap intervals of mu* over trajectories. Plain data in.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "stats/bootstrap.hpp"
#include "util/expected.hpp"

namespace kopa::stats {

// One point of a Morris design: its trajectory, the factor that changed from the trajectory's
// previous point (-1 for the first point) and the direction of the change in unit space (+1 or
// -1; 0 for a first point). `kopa sweep` writes them as morris_trajectory, _factor, _direction.
struct MorrisMove {
  int trajectory = 0;
  int factor = -1;
  int direction = 0;
};

// Elementary effects, one per factor and complete trajectory:
// EE = (y_after - y_before) / (direction delta), in y's units per the factor's whole range (a
// unit-space step of delta). A trajectory with a point without output (NaN) is dropped whole,
// so every trajectory kept has one effect per factor.
struct ElementaryEffects {
  std::vector<std::vector<double>> effects;  // [trajectory kept][factor]
  std::vector<int> trajectories;             // the design's number of each trajectory kept
  std::size_t design_trajectories = 0;
};

// Errors: sizes that disagree, a trajectory that does not move each factor exactly once, a
// factor outside 0 .. factors - 1, delta not positive.
Expected<ElementaryEffects> elementary_effects(std::span<const MorrisMove> moves, double delta,
                                               std::size_t factors, std::span<const double> y);

struct MorrisFactorStatistics {
  IntervalEstimate mu_star;  // mean |EE|; interval over resampled trajectories
  double mu = 0.0;           // mean EE
  double sigma = 0.0;        // standard deviation of EE (divisor r - 1); NaN when r = 1
  std::size_t rank = 0;      // 1 = largest mu*
};

struct MorrisStatistics {
  std::size_t trajectories = 0;  // r used
  std::vector<MorrisFactorStatistics> factors;
  std::uint32_t draws = 0;
};

// Each bootstrap draw resamples whole trajectories with replacement (a trajectory's effects stay
// together) and recomputes mu* of every factor; fixed seed. Ranks break ties by factor order.
// Errors: no trajectory, non-finite effects.
Expected<MorrisStatistics> morris_statistics(const ElementaryEffects& effects,
                                             const BootstrapOptions& options = {});

}  // namespace kopa::stats
