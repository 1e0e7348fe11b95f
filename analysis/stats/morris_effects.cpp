#include "stats/morris_effects.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <string>

namespace kopa::stats {
namespace {

// The points of each trajectory, in design order.
std::map<int, std::vector<std::size_t>> points_by_trajectory(std::span<const MorrisMove> moves) {
  std::map<int, std::vector<std::size_t>> points;
  for (std::size_t p = 0; p < moves.size(); ++p) points[moves[p].trajectory].push_back(p);
  return points;
}

// The trajectory's effects, one per factor; an error when it is not a Morris trajectory.
Expected<std::vector<double>> trajectory_effects(std::span<const MorrisMove> moves,
                                                 const std::vector<std::size_t>& points,
                                                 double delta, std::size_t factors,
                                                 std::span<const double> y) {
  const std::string where = "trajectory " + std::to_string(moves[points.front()].trajectory);
  if (points.size() != factors + 1 || moves[points.front()].factor != -1) {
    return Error{where + " does not start at a first point and move each of the " +
                 std::to_string(factors) + " factors once"};
  }
  std::vector<double> effects(factors, std::numeric_limits<double>::quiet_NaN());
  std::vector<bool> moved(factors, false);
  for (std::size_t j = 1; j < points.size(); ++j) {
    const MorrisMove& move = moves[points[j]];
    if (move.factor < 0 || static_cast<std::size_t>(move.factor) >= factors ||
        moved[static_cast<std::size_t>(move.factor)] || std::abs(move.direction) != 1) {
      return Error{where + " has a step that is not a move of a new factor by +-delta"};
    }
    const auto i = static_cast<std::size_t>(move.factor);
    moved[i] = true;
    effects[i] = (y[points[j]] - y[points[j - 1]]) / (move.direction * delta);
  }
  return effects;
}

double mean_abs(const std::vector<std::vector<double>>& effects, std::size_t i,
                const std::vector<std::size_t>& rows) {
  double sum = 0.0;
  for (const std::size_t t : rows) sum += std::abs(effects[t][i]);
  return sum / static_cast<double>(rows.size());
}

}  // namespace

Expected<ElementaryEffects> elementary_effects(std::span<const MorrisMove> moves, double delta,
                                               std::size_t factors, std::span<const double> y) {
  if (moves.size() != y.size()) {
    return Error{"the design has " + std::to_string(moves.size()) + " points but there are " +
                 std::to_string(y.size()) + " outputs"};
  }
  if (!(delta > 0.0)) return Error{"the Morris design's delta is not positive"};
  ElementaryEffects out;
  for (const auto& [trajectory, points] : points_by_trajectory(moves)) {
    ++out.design_trajectories;
    auto effects = trajectory_effects(moves, points, delta, factors, y);
    if (!effects) return effects.error();
    const bool complete = std::all_of(points.begin(), points.end(),
                                      [&](std::size_t p) { return std::isfinite(y[p]); });
    if (!complete) continue;
    out.effects.push_back(std::move(*effects));
    out.trajectories.push_back(trajectory);
  }
  return out;
}

Expected<MorrisStatistics> morris_statistics(const ElementaryEffects& effects,
                                             const BootstrapOptions& options) {
  const std::size_t r = effects.effects.size();
  if (r == 0) return Error{"a Morris analysis needs at least one complete trajectory"};
  const std::size_t k = effects.effects.front().size();
  for (const auto& row : effects.effects) {
    if (row.size() != k) return Error{"trajectories have different numbers of effects"};
    for (const double ee : row) {
      if (!std::isfinite(ee)) return Error{"an elementary effect is not a finite number"};
    }
  }
  MorrisStatistics m;
  m.trajectories = r;
  std::vector<std::size_t> all(r);
  std::iota(all.begin(), all.end(), 0);
  for (std::size_t i = 0; i < k; ++i) {
    MorrisFactorStatistics f;
    double sum = 0.0;
    for (const auto& row : effects.effects) sum += row[i];
    f.mu = sum / static_cast<double>(r);
    double squares = 0.0;
    for (const auto& row : effects.effects) squares += (row[i] - f.mu) * (row[i] - f.mu);
    f.sigma = r > 1 ? std::sqrt(squares / static_cast<double>(r - 1))
                    : std::numeric_limits<double>::quiet_NaN();
    f.mu_star.value = mean_abs(effects.effects, i, all);
    m.factors.push_back(f);
  }

  std::vector<std::vector<double>> draws(k);
  const ResampleIndices index(options.seed, r);
  std::vector<std::size_t> rows(r);
  for (std::uint32_t draw = 0; draw < options.draws; ++draw) {
    for (std::size_t j = 0; j < r; ++j) rows[j] = index(draw, static_cast<std::uint32_t>(j));
    for (std::size_t i = 0; i < k; ++i) draws[i].push_back(mean_abs(effects.effects, i, rows));
  }
  m.draws = options.draws;
  for (std::size_t i = 0; i < k; ++i) {
    const PercentileInterval interval = percentile_interval(draws[i], options.confidence);
    m.factors[i].mu_star.low = interval.low;
    m.factors[i].mu_star.high = interval.high;
  }

  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return m.factors[x].mu_star.value > m.factors[y].mu_star.value;
  });
  for (std::size_t place = 0; place < k; ++place) m.factors[order[place]].rank = place + 1;
  return m;
}

}  // namespace kopa::stats
