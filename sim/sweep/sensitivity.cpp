#include "sweep/sensitivity.hpp"

#include <cmath>
#include <limits>
#include <string>

namespace kopa::sweep {
namespace {

Status check_outputs(const Design& design, DesignKind kind, std::span<const double> y) {
  if (design.kind != kind) {
    return Error{design_name(kind) + " statistics need a " + design_name(kind) +
                 " design; this one is " + design_name(design.kind)};
  }
  if (y.size() != design.points.size()) {
    return Error{"the " + design_name(kind) + " design has " +
                 std::to_string(design.points.size()) + " points but there are " +
                 std::to_string(y.size()) + " outputs"};
  }
  for (std::size_t p = 0; p < y.size(); ++p) {
    if (!std::isfinite(y[p])) {
      return Error{"the output of point " + std::to_string(p) + " is not a finite number"};
    }
  }
  return ok();
}

}  // namespace

Expected<SobolIndices> sobol_indices(const Design& design, std::span<const double> y) {
  if (Status st = check_outputs(design, DesignKind::sobol, y); !st) return st.error();
  const auto n = static_cast<std::size_t>(design.sobol_base_samples);
  const std::size_t k = design.factor_paths.size();
  if (n == 0 || n * (k + 2) != design.points.size()) {
    return Error{"the sobol design's blocks do not match its points (N = " + std::to_string(n) +
                 ", k = " + std::to_string(k) + ")"};
  }
  const auto a = y.subspan(0, n), b = y.subspan(n, n);

  double mean = 0;
  for (std::size_t r = 0; r < n; ++r) mean += a[r] + b[r];
  mean /= static_cast<double>(2 * n);
  double variance = 0;
  for (std::size_t r = 0; r < n; ++r) {
    variance += (a[r] - mean) * (a[r] - mean) + (b[r] - mean) * (b[r] - mean);
  }
  variance /= static_cast<double>(2 * n);
  if (!(variance > 0)) return Error{"the outputs do not vary; Sobol' indices are undefined"};

  SobolIndices s{std::vector<double>(k), std::vector<double>(k)};
  for (std::size_t i = 0; i < k; ++i) {
    const auto ab = y.subspan((2 + i) * n, n);
    double first = 0, total = 0;
    for (std::size_t r = 0; r < n; ++r) {
      first += b[r] * (ab[r] - a[r]);
      total += (a[r] - ab[r]) * (a[r] - ab[r]);
    }
    s.first_order[i] = first / static_cast<double>(n) / variance;
    s.total_order[i] = total / (2.0 * static_cast<double>(n)) / variance;
  }
  return s;
}

Expected<MorrisStatistics> morris_statistics(const Design& design, std::span<const double> y) {
  if (Status st = check_outputs(design, DesignKind::morris, y); !st) return st.error();
  const std::size_t k = design.factor_paths.size();
  if (design.morris_steps.size() != design.points.size()) {
    return Error{"the morris design has no step for every point"};
  }
  std::vector<std::vector<double>> effects(k);
  for (std::size_t p = 1; p < y.size(); ++p) {
    const MorrisStep& step = design.morris_steps[p];
    if (step.factor < 0) continue;  // a trajectory's first point
    const double ee = (y[p] - y[p - 1]) / (step.direction * design.morris_delta);
    effects[static_cast<std::size_t>(step.factor)].push_back(ee);
  }

  MorrisStatistics m{std::vector<double>(k), std::vector<double>(k), std::vector<double>(k)};
  for (std::size_t i = 0; i < k; ++i) {
    const auto r = static_cast<double>(effects[i].size());
    double sum = 0, sum_abs = 0;
    for (double ee : effects[i]) {
      sum += ee;
      sum_abs += std::abs(ee);
    }
    m.mu[i] = sum / r;
    m.mu_star[i] = sum_abs / r;
    double squares = 0;
    for (double ee : effects[i]) squares += (ee - m.mu[i]) * (ee - m.mu[i]);
    m.sigma[i] = effects[i].size() > 1 ? std::sqrt(squares / (r - 1))
                                       : std::numeric_limits<double>::quiet_NaN();
  }
  return m;
}

}  // namespace kopa::sweep
