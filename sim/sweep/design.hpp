#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/expected.hpp"

namespace kopa::sweep {

// One swept parameter: either a list of values or a range [min, max].
struct Factor {
  std::string path;  // the parameter's path in the scenario, e.g. "funders.seed.budget"
  std::optional<std::vector<double>> values;  // a list factor when given (then not empty)
  double min = 0;                             // a range factor otherwise
  double max = 0;
  bool log = false;  // log-uniform range (needs min > 0)
  int levels = 0;    // grid designs only: evenly (or log-) spaced values from min to max, >= 2
};

enum class DesignKind { grid, lhs, sobol, morris };

struct DesignSettings {
  DesignKind kind = DesignKind::grid;
  int samples = 0;       // lhs: points; sobol: base sample N
  int trajectories = 0;  // morris: r
  int levels = 4;        // morris: p, even
  std::uint64_t seed = 1;
};

// The most points a design may have: a sweep runs the model once per point and replicate.
inline constexpr std::size_t max_design_points = 1'000'000;

// A Morris step: the point's trajectory, the factor that changed from the previous point of the
// same trajectory (-1 for a trajectory's first point) and the direction of that change in unit
// space (+1: +delta, -1: -delta, 0 for a first point).
struct MorrisStep {
  int trajectory = 0;
  int factor = -1;
  int direction = 0;
};

// Sobol (Saltelli) blocks: 0 = A, 1 = B, 2 + i = AB_i (A with column i from B, 0-based i).
inline constexpr int sobol_block_a = 0;
inline constexpr int sobol_block_b = 1;
inline constexpr int sobol_block_ab(int factor) {
  return 2 + factor;
}

struct Design {
  DesignKind kind = DesignKind::grid;
  std::vector<std::string> factor_paths;
  std::vector<std::vector<double>> points;  // [point][factor], in parameter units
  std::vector<std::string> notes;           // advice that is not an error, for the user

  // sobol only: N, and the block of every point (points come block by block, N rows each).
  int sobol_base_samples = 0;
  std::vector<int> sobol_block;

  // morris only: delta in unit space, and the step of every point.
  double morris_delta = 0;
  std::vector<MorrisStep> morris_steps;
};

// Builds the design's points; the same factors and settings give the same design bit for bit.
//
// Point order and randomness, per design:
// - grid: the full factorial, the LAST factor varying fastest (like nested loops with the first
//   factor outermost). List values in their listed order, ranges from min to max. Seed unused.
// - lhs: `samples` points in sample order; each factor's [0,1) is cut into `samples` strata with
//   exactly one point in each; the stratum order and the jitter within a stratum come from
//   Philox4x32 keyed by the seed.
// - sobol: N (k + 2) points for k factors, the Saltelli (2010) scheme: block A (N rows), block B,
//   then AB_1 .. AB_k. A and B are the first N points of a 2k-dimensional Sobol' sequence
//   (dimensions 1..k and k+1..2k), point 0 (the origin) included: for N a power of two the
//   first N points are a balanced net, and dropping the first point breaks that (Owen 2022, "On
//   dropping the first Sobol' point"). The sequence is not scrambled, as in SALib: the seed is
//   unused. Unscrambled, rows 0 and 1 of A equal those of B (every dimension starts 0, 1/2), so
//   they add nothing to the estimators; choose N large enough. At most 20 factors (a
//   40-dimensional sequence, sweep/sobol_sequence.hpp: Boost.Random's). N not a power of two
//   adds a note.
// - morris: `trajectories` r trajectories of k + 1 points each, trajectory by trajectory (Morris
//   1991). Each starts at a random point of the p-level grid {0, 1/(p-1), .., 1} and moves one
//   factor at a time, in a random order, by +delta or -delta, delta = p / (2 (p - 1)).
//
// Unit values u map to parameters by to_parameter(). Errors name the factor path.
Expected<Design> make_design(const std::vector<Factor>& factors, const DesignSettings& settings);

// Maps u in [0,1] to the factor's value: a list factor gives values[floor(u n)] (u = 1 gives the
// last value), a range min + u (max - min), or exp(log min + u (log max - log min)) when log;
// u = 0 and u = 1 give min and max exactly.
double to_parameter(const Factor& factor, double u);

std::string design_name(DesignKind kind);  // "grid", "lhs", "sobol", "morris"

}  // namespace kopa::sweep
