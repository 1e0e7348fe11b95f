#pragma once

namespace kopa::stats {

// Student's t distribution with df > 0 degrees of freedom, from Boost.Math (students_t, whose
// quantile inverts the regularised incomplete beta function to about full double precision).

// P(T <= t).
double student_t_cdf(double t, double df);

// The p-quantile, 0 < p < 1.
double student_t_quantile(double p, double df);

}  // namespace kopa::stats
