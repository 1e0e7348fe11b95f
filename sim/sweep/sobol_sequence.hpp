#pragma once
#include <cstddef>
#include <vector>

#include "util/expected.hpp"

namespace kopa::sweep {

// The unscrambled Sobol' low-discrepancy sequence in [0,1)^d, in Gray-code order (Antonov &
// Saleev 1979), with the direction numbers of Joe & Kuo (2008, new-joe-kuo-6.21201), as
// Boost.Random's sobol_engine computes it (Bratley & Fox 1988, ACM TOMS 659). Point 0 is the
// origin, which Boost's engine skips and kopa puts back; points 0 .. 2^m - 1 form a (t,m,d)-net.
// Coordinates have 32 bits.
//
// Boost's table goes to 3667 dimensions; kopa uses 40, so a sobol design takes at most 20
// factors: Saltelli's N (k + 2) runs grow quickly with k, and screening many factors is what a
// morris design is for.
inline constexpr int sobol_max_dimensions = 40;

// The first `count` points, [point][dimension]. An error when dimensions is outside
// 1 .. sobol_max_dimensions or count exceeds 2^32.
Expected<std::vector<std::vector<double>>> sobol_points(int dimensions, std::size_t count);

}  // namespace kopa::sweep
