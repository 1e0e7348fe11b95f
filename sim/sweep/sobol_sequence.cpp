#include "sweep/sobol_sequence.hpp"

#include <boost/random/sobol.hpp>
#include <cstdint>
#include <string>

namespace kopa::sweep {

Expected<std::vector<std::vector<double>>> sobol_points(int dimensions, std::size_t count) {
  if (dimensions < 1 || dimensions > sobol_max_dimensions) {
    return Error{"the Sobol' sequence is used with 1 to " + std::to_string(sobol_max_dimensions) +
                 " dimensions (a sobol design takes at most " +
                 std::to_string(sobol_max_dimensions / 2) + " factors); asked for " +
                 std::to_string(dimensions)};
  }
  if (count > (std::size_t{1} << 32)) {
    return Error{"the Sobol' sequence has at most 2^32 points; asked for " + std::to_string(count)};
  }
  const auto d = static_cast<std::size_t>(dimensions);
  std::vector<std::vector<double>> points(count, std::vector<double>(d, 0.0));
  // Boost's engine starts at the sequence's second point (it "skips trivial zeroes"); point 0,
  // the origin, is put back by hand: the first 2^m points are a (t,m,d)-net only with it.
  boost::random::sobol_engine<std::uint32_t, 32> engine(d);
  constexpr double scale = 1.0 / 4294967296.0;  // 2^-32
  for (std::size_t n = 1; n < count; ++n) {
    for (std::size_t j = 0; j < d; ++j) points[n][j] = engine() * scale;
  }
  return points;
}

}  // namespace kopa::sweep
