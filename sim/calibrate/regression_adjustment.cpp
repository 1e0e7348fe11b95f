#include "calibrate/regression_adjustment.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "calibrate/prior_coordinates.hpp"

namespace kopa::calibrate {
namespace {

// Beaumont et al. 2002's weight: the particle's importance weight times 1 - (d / bandwidth)^2,
// 0 at and beyond the bandwidth.
std::vector<double> kernel_weights(const std::vector<Particle>& particles, double bandwidth) {
  std::vector<double> k;
  for (const auto& p : particles) {
    const double r = std::isfinite(bandwidth) ? p.distance / bandwidth : 0.0;
    k.push_back(p.weight * std::max(0.0, 1.0 - r * r));
  }
  const double total = std::accumulate(k.begin(), k.end(), 0.0);
  if (total > 0) {
    for (double& v : k) v /= total;
  }
  return k;
}

// The particle's parameters in probit coordinates of the priors' internal ranges.
std::vector<double> probit_of(const std::vector<PriorRange>& priors,
                              const std::vector<double>& theta) {
  std::vector<double> y(priors.size());
  for (std::size_t j = 0; j < priors.size(); ++j) {
    y[j] = to_probit(to_internal(priors[j], priors[j].min), to_internal(priors[j], priors[j].max),
                     to_internal(priors[j], theta[j]));
  }
  return y;
}

std::vector<double> values_of(const std::vector<PriorRange>& priors, const std::vector<double>& y) {
  std::vector<double> theta(priors.size());
  for (std::size_t j = 0; j < priors.size(); ++j) {
    const double low = to_internal(priors[j], priors[j].min);
    const double high = to_internal(priors[j], priors[j].max);
    theta[j] = from_internal(priors[j], from_probit(low, high, y[j]));
  }
  return theta;
}

// Solves l l^T b = r for b, l lower triangular (row-major, d x d).
std::vector<double> solve_factored(const std::vector<double>& l, std::vector<double> r,
                                   std::size_t d) {
  for (std::size_t i = 0; i < d; ++i) {
    for (std::size_t k = 0; k < i; ++k) r[i] -= l[i * d + k] * r[k];
    r[i] /= l[i * d + i];
  }
  for (std::size_t i = d; i-- > 0;) {
    for (std::size_t k = i + 1; k < d; ++k) r[i] -= l[k * d + i] * r[k];
    r[i] /= l[i * d + i];
  }
  return r;
}

}  // namespace

Expected<AdjustedParticles> adjust_local_linear(const std::vector<PriorRange>& priors,
                                                const std::vector<Particle>& particles,
                                                const std::vector<std::vector<double>>& misses,
                                                double bandwidth,
                                                const std::vector<std::vector<double>>& points) {
  const std::size_t n = particles.size();
  const std::size_t m = misses.empty() ? 0 : misses.front().size();
  const std::size_t columns = m + 1;  // intercept, then one slope per target
  if (misses.size() != n) return Error{"regression adjustment: one row of misses per particle"};
  for (const auto& row : misses) {
    if (row.size() != m) return Error{"regression adjustment: misses of unequal length"};
  }
  if (!points.empty() && points.size() != n) {
    return Error{"regression adjustment: one point per particle"};
  }
  for (const auto& row : points) {
    if (row.size() != m) return Error{"regression adjustment: points of unequal length"};
  }
  const std::vector<double> k = kernel_weights(particles, bandwidth);
  const auto positive =
      static_cast<std::size_t>(std::count_if(k.begin(), k.end(), [](double v) { return v > 0; }));
  if (positive <= columns) {
    return Error{"regression adjustment: " + std::to_string(positive) +
                 " particles inside the kernel for " + std::to_string(columns) +
                 " coefficients per parameter; use more particles"};
  }
  // Weighted least squares, one response per parameter, all sharing the normal matrix A^T K A.
  std::vector<std::vector<double>> y;
  for (const auto& p : particles) y.push_back(probit_of(priors, p.theta));
  std::vector<double> normal(columns * columns, 0.0);
  std::vector<std::vector<double>> right(priors.size(), std::vector<double>(columns, 0.0));
  std::vector<double> row(columns);
  for (std::size_t i = 0; i < n; ++i) {
    row[0] = 1.0;
    for (std::size_t c = 0; c < m; ++c) row[c + 1] = misses[i][c];
    for (std::size_t r = 0; r < columns; ++r) {
      for (std::size_t c = 0; c < columns; ++c) normal[r * columns + c] += k[i] * row[r] * row[c];
      for (std::size_t j = 0; j < priors.size(); ++j) right[j][r] += k[i] * row[r] * y[i][j];
    }
  }
  // A target that every particle misses alike (a constant column) leaves the matrix singular:
  // the jitter keeps its slope near zero instead.
  const std::vector<double> l = factor_with_jitter(std::move(normal), columns);
  AdjustedParticles out;
  for (std::size_t j = 0; j < priors.size(); ++j) {
    std::vector<double> b = solve_factored(l, right[j], columns);
    out.slope.emplace_back(b.begin() + 1, b.end());
  }
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<double> moved = y[i];
    for (std::size_t j = 0; j < priors.size(); ++j) {
      for (std::size_t c = 0; c < m; ++c) {
        const double to = points.empty() ? 0.0 : points[i][c];
        moved[j] -= out.slope[j][c] * (misses[i][c] - to);
      }
    }
    out.theta.push_back(values_of(priors, moved));
  }
  out.weight = k;
  return out;
}

}  // namespace kopa::calibrate
