#pragma once

namespace kopa::stats {

// Regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 <= x <= 1.
double incomplete_beta(double a, double b, double x);

// P(T <= t) for Student's t with df > 0 degrees of freedom.
double student_t_cdf(double t, double df);

// The p-quantile of Student's t with df > 0 degrees of freedom (0 < p < 1), to about full double
// precision: bisection on the tail probability, which is monotone, so it cannot fail to converge.
double student_t_quantile(double p, double df);

}  // namespace kopa::stats
