#include "calibrate/target_value.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kopa::calibrate {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

double read(const Quantity& q, const RunSeries& series) {
  const auto metric = static_cast<Metric>(q.metric);
  if (q.reduce == Reduce::last) return series.at(metric, q.to_month - 1, q.label);
  double sum = 0;
  for (int m = q.from_month; m <= q.to_month; ++m) sum += series.at(metric, m - 1, q.label);
  return q.reduce == Reduce::sum ? sum : sum / (q.to_month - q.from_month + 1);
}

double ratio(double numerator, double denominator) {
  return denominator != 0 ? numerator / denominator : nan;
}

}  // namespace

RunTargetValues target_parts(const Targets& targets, const RunSeries& series) {
  RunTargetValues values;
  for (const auto& target : targets.targets) {
    std::array<double, 4> parts{};
    if (target.survival_year > 0) {
      const auto year = static_cast<std::size_t>(target.survival_year);
      parts = {series.survival.launched[year - 1], series.survival.operating[year - 1], 0, 0};
    } else {
      const std::optional<Quantity>* quantities[4] = {
          &target.output, &target.per, &target.reference_output, &target.reference_per};
      for (std::size_t i = 0; i < 4; ++i) {
        if (*quantities[i]) parts[i] = read(**quantities[i], series);
      }
    }
    values.parts.push_back(parts);
  }
  return values;
}

std::vector<double> simulated_values(const Targets& targets,
                                     std::span<const RunTargetValues> runs) {
  std::vector<double> values;
  for (std::size_t t = 0; t < targets.targets.size(); ++t) {
    const Target& target = targets.targets[t];
    std::array<double, 4> mean{};
    for (const auto& run : runs) {
      for (std::size_t i = 0; i < 4; ++i) mean[i] += run.parts[t][i];
    }
    for (auto& m : mean) m /= static_cast<double>(runs.size());
    if (target.survival_year > 0) {
      values.push_back(ratio(mean[1], mean[0]));
      continue;
    }
    double value = mean[0];
    if (target.per) value = ratio(value, mean[1]);
    if (target.reference_output) {
      const double reference = target.reference_per ? ratio(mean[2], mean[3]) : mean[2];
      value = ratio(value, reference);
    }
    values.push_back(value);
  }
  return values;
}

std::vector<double> fitted_misses(const Targets& targets, const std::vector<double>& simulated) {
  std::vector<double> misses;
  for (std::size_t t = 0; t < targets.targets.size(); ++t) {
    const Target& target = targets.targets[t];
    if (target.use != TargetUse::fit) continue;
    misses.push_back((simulated[t] - target.observed) / target.tolerance);
  }
  return misses;
}

double distance(const Targets& targets, const std::vector<double>& simulated) {
  double sum = 0;
  double largest = 0;
  const std::vector<double> misses = fitted_misses(targets, simulated);
  for (const double z : misses) {
    if (!std::isfinite(z)) return std::numeric_limits<double>::infinity();
    sum += z * z;
    largest = std::max(largest, std::abs(z));
  }
  if (targets.sampler.distance == Distance::max) return largest;
  return misses.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(misses.size()));
}

}  // namespace kopa::calibrate
