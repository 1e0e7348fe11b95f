#include "stats/sobol_indices.hpp"

#include <cmath>
#include <numeric>
#include <string>

namespace kopa::stats {
namespace {

// The indices of one set of rows (the sample itself, or one bootstrap resample).
struct RowIndices {
  double mean = 0.0;
  double variance = 0.0;
  std::vector<double> first_order;
  std::vector<double> total_order;
};

// `rows`: the rows of the (re)sample, each a row of `outputs`, as many as it has.
RowIndices indices_of(const SaltelliOutputs& outputs, const std::vector<std::size_t>& rows) {
  const std::size_t n = rows.size();
  const std::size_t k = outputs.ab.size();
  RowIndices s{0.0, 0.0, std::vector<double>(k), std::vector<double>(k)};
  for (const std::size_t r : rows) s.mean += outputs.a[r] + outputs.b[r];
  s.mean /= static_cast<double>(2 * n);
  for (const std::size_t r : rows) {
    const double a = outputs.a[r] - s.mean, b = outputs.b[r] - s.mean;
    s.variance += a * a + b * b;
  }
  s.variance /= static_cast<double>(2 * n);
  if (!(s.variance > 0.0)) return s;
  for (std::size_t i = 0; i < k; ++i) {
    double first = 0.0, total = 0.0;
    for (const std::size_t r : rows) {
      const double a = outputs.a[r], ab = outputs.ab[i][r];
      first += (outputs.b[r] - s.mean) * (ab - a);
      total += (a - ab) * (a - ab);
    }
    s.first_order[i] = first / static_cast<double>(n) / s.variance;
    s.total_order[i] = total / (2.0 * static_cast<double>(n)) / s.variance;
  }
  return s;
}

double sum(const std::vector<double>& values) {
  double total = 0.0;
  for (const double v : values) total += v;
  return total;
}

Status check(const SaltelliOutputs& outputs) {
  const std::size_t n = outputs.a.size();
  if (outputs.b.size() != n) return Error{"the A and B blocks have different lengths"};
  for (const auto& column : outputs.ab) {
    if (column.size() != n) return Error{"an AB block has a different length from A"};
  }
  if (outputs.ab.empty()) return Error{"a Sobol' analysis needs at least one factor"};
  if (n < 2) {
    return Error{"a Sobol' analysis needs at least 2 complete base rows; there are " +
                 std::to_string(n)};
  }
  auto finite = [](const std::vector<double>& v) {
    for (const double x : v) {
      if (!std::isfinite(x)) return false;
    }
    return true;
  };
  bool all_finite = finite(outputs.a) && finite(outputs.b);
  for (const auto& column : outputs.ab) all_finite = all_finite && finite(column);
  if (!all_finite) return Error{"an output of a complete base row is not a finite number"};
  return ok();
}

}  // namespace

Expected<SaltelliOutputs> saltelli_outputs(std::span<const std::int32_t> block, std::size_t factors,
                                           std::span<const double> y) {
  if (block.size() != y.size()) {
    return Error{"the design has " + std::to_string(block.size()) + " points but there are " +
                 std::to_string(y.size()) + " outputs"};
  }
  const std::size_t blocks = factors + 2;
  std::vector<std::vector<double>> by_block(blocks);
  for (std::size_t p = 0; p < block.size(); ++p) {
    if (block[p] < 0 || static_cast<std::size_t>(block[p]) >= blocks) {
      return Error{"point " + std::to_string(p) + " is in block " + std::to_string(block[p]) +
                   "; a Sobol' design of " + std::to_string(factors) + " factors has blocks 0.." +
                   std::to_string(blocks - 1)};
    }
    by_block[static_cast<std::size_t>(block[p])].push_back(y[p]);
  }
  const std::size_t n = by_block.front().size();
  for (const auto& points : by_block) {
    if (points.size() != n) return Error{"the Sobol' design's blocks have unequal lengths"};
  }
  SaltelliOutputs out;
  out.design_rows = n;
  out.ab.resize(factors);
  for (std::size_t r = 0; r < n; ++r) {
    bool complete = true;
    for (const auto& points : by_block) complete = complete && std::isfinite(points[r]);
    if (!complete) continue;
    out.rows.push_back(r);
    out.a.push_back(by_block[0][r]);
    out.b.push_back(by_block[1][r]);
    for (std::size_t i = 0; i < factors; ++i) out.ab[i].push_back(by_block[2 + i][r]);
  }
  return out;
}

Expected<SobolIndices> sobol_indices(const SaltelliOutputs& outputs,
                                     const BootstrapOptions& options) {
  if (Status valid = check(outputs); !valid) return valid.error();
  const std::size_t n = outputs.a.size(), k = outputs.ab.size();
  std::vector<std::size_t> rows(n);
  std::iota(rows.begin(), rows.end(), 0);
  const RowIndices estimate = indices_of(outputs, rows);
  if (!(estimate.variance > 0.0)) {
    return Error{"the outputs do not vary; Sobol' indices are undefined"};
  }

  // Per draw: S1 and ST of every factor, S1 - ST, and the sum of S1.
  std::vector<std::vector<double>> first(k), total(k), excess(k);
  std::vector<double> first_sum;
  SobolIndices result;
  const ResampleIndices index(options.seed, n);
  for (std::uint32_t draw = 0; draw < options.draws; ++draw) {
    for (std::size_t j = 0; j < n; ++j) rows[j] = index(draw, static_cast<std::uint32_t>(j));
    const RowIndices s = indices_of(outputs, rows);
    if (!(s.variance > 0.0)) {
      ++result.draws_dropped;
      continue;
    }
    for (std::size_t i = 0; i < k; ++i) {
      first[i].push_back(s.first_order[i]);
      total[i].push_back(s.total_order[i]);
      excess[i].push_back(s.first_order[i] - s.total_order[i]);
    }
    first_sum.push_back(sum(s.first_order));
  }
  result.draws = static_cast<std::uint32_t>(first_sum.size());
  result.rows = n;
  result.mean = estimate.mean;
  result.variance = estimate.variance;
  auto with_interval = [&](double value, const std::vector<double>& draws) {
    const PercentileInterval interval = percentile_interval(draws, options.confidence);
    return IntervalEstimate{value, interval.low, interval.high};
  };
  for (std::size_t i = 0; i < k; ++i) {
    SobolFactorIndices f;
    f.first_order = with_interval(estimate.first_order[i], first[i]);
    f.total_order = with_interval(estimate.total_order[i], total[i]);
    f.first_exceeds_total = percentile_interval(excess[i], options.confidence).low > 0.0;
    result.factors.push_back(f);
  }
  result.first_order_sum = with_interval(sum(estimate.first_order), first_sum);
  return result;
}

}  // namespace kopa::stats
