#include "stats/marginal_trend.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace kopa::analysis {
namespace {

struct Point {
  double factor;
  double output;
};

TrendPoint average(std::span<const Point> group) {
  TrendPoint trend;
  for (const Point& p : group) {
    trend.factor += p.factor;
    trend.mean += p.output;
  }
  trend.points = group.size();
  trend.factor /= static_cast<double>(group.size());
  trend.mean /= static_cast<double>(group.size());
  return trend;
}

}  // namespace

std::vector<TrendPoint> marginal_trend(std::span<const double> factor,
                                       std::span<const double> output, std::size_t groups) {
  assert(factor.size() == output.size() && groups > 0);
  std::vector<Point> points;
  for (std::size_t i = 0; i < factor.size(); ++i) {
    if (!std::isnan(output[i])) points.push_back({factor[i], output[i]});
  }
  // Stable, so equal factor values keep the design's order: the same input, the same groups.
  std::stable_sort(points.begin(), points.end(),
                   [](const Point& a, const Point& b) { return a.factor < b.factor; });
  std::vector<std::size_t> starts;  // where each group begins
  std::size_t distinct = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i == 0 || points[i].factor != points[i - 1].factor) {
      ++distinct;
      starts.push_back(i);
    }
  }
  if (distinct > groups) {
    starts.clear();
    for (std::size_t g = 0; g < groups; ++g) starts.push_back(g * points.size() / groups);
  }
  std::vector<TrendPoint> trend;
  for (std::size_t g = 0; g < starts.size(); ++g) {
    const std::size_t end = g + 1 < starts.size() ? starts[g + 1] : points.size();
    trend.push_back(average(std::span<const Point>(points).subspan(starts[g], end - starts[g])));
  }
  return trend;
}

}  // namespace kopa::analysis
