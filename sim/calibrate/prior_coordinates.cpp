#include "calibrate/prior_coordinates.hpp"

#include <boost/math/special_functions/erf.hpp>

#include <algorithm>
#include <cmath>

namespace kopa::calibrate {

double to_internal(const PriorRange& prior, double value) {
  return prior.log ? std::log(value) : value;
}

double from_internal(const PriorRange& prior, double x) {
  return prior.log ? std::clamp(std::exp(x), prior.min, prior.max) : x;
}

// Not the logit: its prior density in y, s (1 - s), has exponential tails that a Gaussian kernel's
// cannot cover, and the importance weights of loosely fitted parameters blow up
// (docs/calibration.md: the fifth calibration's first try).
double to_probit(double low, double high, double x) {
  const double place = std::clamp((x - low) / (high - low), 0x1.0p-60, 1.0 - 0x1.0p-53);
  return -std::sqrt(2.0) * boost::math::erfc_inv(2.0 * place);
}

double from_probit(double low, double high, double y) {
  const double place = 0.5 * std::erfc(-y / std::sqrt(2.0));
  return std::clamp(low + place * (high - low), low, high);
}

std::optional<std::vector<double>> cholesky(const std::vector<double>& a, std::size_t d) {
  std::vector<double> l(d * d, 0.0);
  for (std::size_t i = 0; i < d; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      double sum = a[i * d + j];
      for (std::size_t k = 0; k < j; ++k) sum -= l[i * d + k] * l[j * d + k];
      if (i == j) {
        if (!(sum > 0) || !std::isfinite(sum)) return std::nullopt;
        l[i * d + i] = std::sqrt(sum);
      } else {
        l[i * d + j] = sum / l[j * d + j];
      }
    }
  }
  return l;
}

std::vector<double> factor_with_jitter(std::vector<double> a, std::size_t d) {
  double trace = 0;
  for (std::size_t j = 0; j < d; ++j) trace += a[j * d + j];
  const double scale = std::max(trace / static_cast<double>(d), 1e-12);
  if (auto l = cholesky(a, d)) return *l;
  for (double jitter = 1e-10; jitter <= 1.0; jitter *= 10) {
    std::vector<double> b = a;
    for (std::size_t j = 0; j < d; ++j) b[j * d + j] += jitter * scale;
    if (auto l = cholesky(b, d)) return *l;
  }
  std::vector<double> l(d * d, 0.0);  // not reached for a finite matrix
  for (std::size_t j = 0; j < d; ++j) l[j * d + j] = std::sqrt(scale);
  return l;
}

}  // namespace kopa::calibrate
