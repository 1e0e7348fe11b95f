#include "stats/student_t.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cassert>
#include <cmath>

namespace kopa::stats {

double student_t_cdf(double t, double df) {
  assert(df > 0.0);
  if (std::isnan(t)) return t;
  return boost::math::cdf(boost::math::students_t_distribution<double>(df), t);
}

double student_t_quantile(double p, double df) {
  assert(p > 0.0 && p < 1.0 && df > 0.0);
  return boost::math::quantile(boost::math::students_t_distribution<double>(df), p);
}

}  // namespace kopa::stats
