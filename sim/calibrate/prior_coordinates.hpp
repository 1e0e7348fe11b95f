#pragma once
// The coordinates the sampler and the regression adjustment work in. A prior is flat in its
// internal coordinate x (the value, or its log for a log-uniform prior); y = probit of x's place
// in the prior's range maps that range one-to-one onto the real line, so a move in y never leaves
// the prior, and the flat prior becomes the standard normal in y.
#include <optional>
#include <vector>

#include "calibrate/abc_smc.hpp"

namespace kopa::calibrate {

double to_internal(const PriorRange& prior, double value);
// Back to a value, clamped into [min, max] against the rounding of exp(log(max)).
double from_internal(const PriorRange& prior, double x);

// The standard normal's quantile of x's place in [low, high], the place kept off 0 and 1 (by 2^-60
// and 2^-53) so that y stays finite (|y| < 9).
double to_probit(double low, double high, double x);
double from_probit(double low, double high, double y);

// The lower Cholesky factor of the d x d symmetric matrix a (row-major), or nothing when a is not
// positive definite.
std::optional<std::vector<double>> cholesky(const std::vector<double>& a, std::size_t d);
// The same for a matrix that may be only semi-definite (fewer points than dimensions, a collapsed
// one): a jitter on its diagonal, from 1e-10 of its mean diagonal up by tens, until it factors.
std::vector<double> factor_with_jitter(std::vector<double> a, std::size_t d);

}  // namespace kopa::calibrate
