#include "sweep/sobol_sequence.hpp"

#include <array>
#include <cstdint>
#include <string>

namespace kopa::sweep {
namespace {

constexpr int bits = 32;

// One row of a Joe & Kuo direction-number file: the degree s of the primitive polynomial, its
// interior coefficients a (as bits), and the initial direction numbers m_1 .. m_s.
struct DirectionRow {
  int s;
  std::uint32_t a;
  std::array<std::uint32_t, 8> m;
};

// S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better two-dimensional projections",
// SIAM J. Sci. Comput. 30 (2008) 2635-2654; data file new-joe-kuo-6.21201 from
// https://web.maths.unsw.edu.au/~fkuo/sobol/ , rows d = 2 .. 40 (dimension 1 is van der Corput).
constexpr std::array<DirectionRow, sobol_max_dimensions - 1> joe_kuo{{
    {1, 0, {1}},                              // d = 2
    {2, 1, {1, 3}},                           // d = 3
    {3, 1, {1, 3, 1}},                        // d = 4
    {3, 2, {1, 1, 1}},                        // d = 5
    {4, 1, {1, 1, 3, 3}},                     // d = 6
    {4, 4, {1, 3, 5, 13}},                    // d = 7
    {5, 2, {1, 1, 5, 5, 17}},                 // d = 8
    {5, 4, {1, 1, 5, 5, 5}},                  // d = 9
    {5, 7, {1, 1, 7, 11, 19}},                // d = 10
    {5, 11, {1, 1, 5, 1, 1}},                 // d = 11
    {5, 13, {1, 1, 1, 3, 11}},                // d = 12
    {5, 14, {1, 3, 5, 5, 31}},                // d = 13
    {6, 1, {1, 3, 3, 9, 7, 49}},              // d = 14
    {6, 13, {1, 1, 1, 15, 21, 21}},           // d = 15
    {6, 16, {1, 3, 1, 13, 27, 49}},           // d = 16
    {6, 19, {1, 1, 1, 15, 7, 5}},             // d = 17
    {6, 22, {1, 3, 1, 15, 13, 25}},           // d = 18
    {6, 25, {1, 1, 5, 5, 19, 61}},            // d = 19
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},       // d = 20
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},        // d = 21
    {7, 7, {1, 1, 3, 13, 7, 35, 63}},         // d = 22
    {7, 8, {1, 3, 5, 9, 1, 25, 53}},          // d = 23
    {7, 14, {1, 3, 1, 13, 9, 35, 107}},       // d = 24
    {7, 19, {1, 3, 1, 5, 27, 61, 31}},        // d = 25
    {7, 21, {1, 1, 5, 11, 19, 41, 61}},       // d = 26
    {7, 28, {1, 3, 5, 3, 3, 13, 69}},         // d = 27
    {7, 31, {1, 1, 7, 13, 1, 19, 1}},         // d = 28
    {7, 32, {1, 3, 7, 5, 13, 19, 59}},        // d = 29
    {7, 37, {1, 1, 3, 9, 25, 29, 41}},        // d = 30
    {7, 41, {1, 3, 5, 13, 23, 1, 55}},        // d = 31
    {7, 42, {1, 3, 7, 3, 13, 59, 17}},        // d = 32
    {7, 50, {1, 3, 1, 3, 5, 53, 69}},         // d = 33
    {7, 55, {1, 1, 5, 5, 23, 33, 13}},        // d = 34
    {7, 56, {1, 1, 7, 7, 1, 61, 123}},        // d = 35
    {7, 59, {1, 1, 7, 9, 13, 61, 49}},        // d = 36
    {7, 62, {1, 3, 3, 5, 3, 55, 33}},         // d = 37
    {8, 14, {1, 3, 1, 15, 31, 13, 49, 245}},  // d = 38
    {8, 21, {1, 3, 5, 15, 31, 59, 63, 97}},   // d = 39
    {8, 22, {1, 3, 1, 11, 11, 11, 77, 249}},  // d = 40
}};

using Directions = std::array<std::uint32_t, bits>;

// v_i = m_i / 2^i scaled by 2^32, extended by the recurrence of Bratley & Fox (1988), as in
// Joe & Kuo's sobol.cc.
Directions directions(int dimension) {
  Directions v{};
  if (dimension == 0) {
    for (int i = 0; i < bits; ++i) v[i] = std::uint32_t{1} << (bits - 1 - i);
    return v;
  }
  const DirectionRow& row = joe_kuo[static_cast<std::size_t>(dimension - 1)];
  for (int i = 0; i < row.s; ++i) v[i] = row.m[i] << (bits - 1 - i);
  for (int i = row.s; i < bits; ++i) {
    v[i] = v[i - row.s] ^ (v[i - row.s] >> row.s);
    for (int k = 1; k < row.s; ++k) {
      if ((row.a >> (row.s - 1 - k)) & 1u) v[i] ^= v[i - k];
    }
  }
  return v;
}

// Index (0-based) of the lowest zero bit of n: the direction that Gray-code order flips next.
int lowest_zero_bit(std::uint64_t n) {
  int c = 0;
  while (n & 1u) {
    n >>= 1;
    ++c;
  }
  return c;
}

}  // namespace

Expected<std::vector<std::vector<double>>> sobol_points(int dimensions, std::size_t count) {
  if (dimensions < 1 || dimensions > sobol_max_dimensions) {
    return Error{"the Sobol' sequence has 1 to " + std::to_string(sobol_max_dimensions) +
                 " dimensions (Joe & Kuo table); asked for " + std::to_string(dimensions)};
  }
  if (count > (std::size_t{1} << bits)) {
    return Error{"the Sobol' sequence has at most 2^32 points; asked for " + std::to_string(count)};
  }
  const auto d = static_cast<std::size_t>(dimensions);
  std::vector<Directions> v(d);
  for (std::size_t j = 0; j < d; ++j) v[j] = directions(static_cast<int>(j));

  constexpr double scale = 1.0 / 4294967296.0;  // 2^-32
  std::vector<std::vector<double>> points(count, std::vector<double>(d));
  std::vector<std::uint32_t> x(d, 0);
  for (std::size_t n = 0; n < count; ++n) {
    for (std::size_t j = 0; j < d; ++j) points[n][j] = x[j] * scale;
    const int c = lowest_zero_bit(n);
    if (c < bits) {
      for (std::size_t j = 0; j < d; ++j) x[j] ^= v[j][static_cast<std::size_t>(c)];
    }
  }
  return points;
}

}  // namespace kopa::sweep
