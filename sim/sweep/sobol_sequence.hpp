#pragma once
#include <cstddef>
#include <vector>

#include "util/expected.hpp"

namespace kopa::sweep {

// The unscrambled Sobol' low-discrepancy sequence in [0,1)^d, in Gray-code order (Antonov &
// Saltykov 1979), with the direction numbers of Joe & Kuo (2008), file new-joe-kuo-6.21201.
// Point 0 is the origin; points 0 .. 2^m - 1 form a (t,m,d)-net. Coordinates have 32 bits.
inline constexpr int sobol_max_dimensions = 40;

// The first `count` points, [point][dimension]. An error when dimensions is outside
// 1 .. sobol_max_dimensions or count exceeds 2^32.
Expected<std::vector<std::vector<double>>> sobol_points(int dimensions, std::size_t count);

}  // namespace kopa::sweep
