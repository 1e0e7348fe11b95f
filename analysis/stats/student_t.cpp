#include "stats/student_t.hpp"

#include <cassert>
#include <cmath>
#include <limits>

namespace kopa::stats {
namespace {

// Continued fraction for I_x(a, b), modified Lentz method (Numerical Recipes 3rd ed., 6.4 betacf).
// Converges fast for x < (a + 1) / (a + b + 2); incomplete_beta uses the symmetry otherwise.
double beta_continued_fraction(double a, double b, double x) {
  constexpr double tiny = 1e-300;
  constexpr double epsilon = 1e-16;
  const double qab = a + b;
  const double qap = a + 1.0;
  const double qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < epsilon) break;
  }
  return h;
}

// x^a (1-x)^b / (a B(a, b)), the prefactor of the continued fraction, in logs to avoid overflow.
double beta_prefactor(double a, double b, double x, double one_minus_x) {
  const double log_beta = std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
  return std::exp(a * std::log(x) + b * std::log(one_minus_x) - log_beta) / a;
}

// I_x(a, b) with 1 - x passed in separately, so callers that know it exactly lose no digits.
double incomplete_beta_complement_known(double a, double b, double x, double one_minus_x) {
  if (x <= 0.0) return 0.0;
  if (one_minus_x <= 0.0) return 1.0;
  if (x < (a + 1.0) / (a + b + 2.0)) {
    return beta_prefactor(a, b, x, one_minus_x) * beta_continued_fraction(a, b, x);
  }
  return 1.0 - beta_prefactor(b, a, one_minus_x, x) * beta_continued_fraction(b, a, one_minus_x);
}

// P(T > t) for t >= 0: 0.5 I_{df/(df+t^2)}(df/2, 1/2). Computed directly (not as 1 - cdf) so the
// upper quantiles that confidence intervals need keep their relative precision.
double upper_tail(double t, double df) {
  const double t2 = t * t;
  return 0.5 * incomplete_beta_complement_known(0.5 * df, 0.5, df / (df + t2), t2 / (df + t2));
}

}  // namespace

double incomplete_beta(double a, double b, double x) {
  assert(a > 0.0 && b > 0.0 && x >= 0.0 && x <= 1.0);
  return incomplete_beta_complement_known(a, b, x, 1.0 - x);
}

double student_t_cdf(double t, double df) {
  assert(df > 0.0);
  if (std::isnan(t)) return t;
  return t >= 0.0 ? 1.0 - upper_tail(t, df) : upper_tail(-t, df);
}

double student_t_quantile(double p, double df) {
  assert(p > 0.0 && p < 1.0 && df > 0.0);
  if (p == 0.5) return 0.0;
  // By symmetry solve upper_tail(t) = tail for t > 0; the tail is decreasing in t.
  const double tail = p > 0.5 ? 1.0 - p : p;
  double low = 0.0;
  double high = 1.0;
  while (upper_tail(high, df) > tail) {
    low = high;
    high *= 2.0;
    if (!std::isfinite(high)) return p > 0.5 ? high : -high;
  }
  // Halve until the bracket can shrink no further in double precision (at most ~1100 steps).
  for (;;) {
    const double middle = low + 0.5 * (high - low);
    if (middle <= low || middle >= high) break;
    if (upper_tail(middle, df) > tail) {
      low = middle;
    } else {
      high = middle;
    }
  }
  const double t = low + 0.5 * (high - low);
  return p > 0.5 ? t : -t;
}

}  // namespace kopa::stats
