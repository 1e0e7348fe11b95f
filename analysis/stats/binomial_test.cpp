#include "stats/binomial_test.hpp"

#include <boost/math/distributions/binomial.hpp>
#include <cassert>

namespace kopa::stats {

double binomial_upper_tail(std::size_t successes, std::size_t trials, double p) {
  assert(successes <= trials && p >= 0.0 && p <= 1.0);
  if (successes == 0) return 1.0;
  // Boost's incomplete beta needs 0 < p < 1: at the ends every trial fails or every one succeeds.
  if (p <= 0.0) return 0.0;
  if (p >= 1.0) return 1.0;
  const boost::math::binomial_distribution<double> binomial(static_cast<double>(trials), p);
  return boost::math::cdf(boost::math::complement(binomial, static_cast<double>(successes - 1)));
}

}  // namespace kopa::stats
