#pragma once
#include <gtest/gtest.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/run.hpp"
#include "model/metrics.hpp"
#include "model/model.hpp"
#include "stats/descriptive.hpp"
#include "stats/metric_definition.hpp"
#include "stats/paired.hpp"

// Small helpers for the whole-model tests: ensembles of replicates, sums over months, paired
// intervals printed in one format (docs/ODD.md quotes these lines).
namespace kopa::testing {

// Replicates 0..n-1 of one model, run in parallel (each run's numbers depend only on its seed).
inline std::vector<RunSeries> run_ensemble(const Model& model, std::uint64_t base_seed,
                                           int replicates,
                                           Scheduling scheduling = Scheduling::events) {
  std::vector<RunSeries> runs(static_cast<std::size_t>(replicates));
  tbb::parallel_for(0, replicates, [&](int r) {
    runs[static_cast<std::size_t>(r)] =
        run_replicate(model, base_seed, r, Parallelism::blocks, scheduling);
  });
  return runs;
}

// Sum of a metric over months [from, to) and over all its labels.
inline double sum_over(const RunSeries& s, Metric metric, int from, int to) {
  double total = 0.0;
  for (int m = from; m < to; ++m) {
    for (std::size_t k = 0; k < s.width(metric); ++k) total += s.at(metric, m, k);
  }
  return total;
}
inline double sum_over(const RunSeries& s, Metric metric) {
  return sum_over(s, metric, 0, s.months);
}

// Sum over the run of one label of a broken-down metric.
inline double sum_label(const RunSeries& s, Metric metric, std::size_t label) {
  double total = 0.0;
  for (int m = 0; m < s.months; ++m) total += s.at(metric, m, label);
  return total;
}

inline double at_end(const RunSeries& s, Metric metric, std::size_t label = 0) {
  return s.at(metric, s.months - 1, label);
}

// One number per replicate.
template <class Measure>
std::vector<double> per_replicate(const std::vector<RunSeries>& runs, Measure measure) {
  std::vector<double> values;
  values.reserve(runs.size());
  for (const RunSeries& s : runs) values.push_back(measure(s));
  return values;
}

// One number per run for a headline metric, as `kopa compare` makes it at the last month.
inline double headline_value(std::string_view name, const RunSeries& s) {
  const int last = s.months - 1;
  if (name == analysis::money_share_disadvantaged) {
    const double money = sum_over(s, Metric::money_awarded);
    return money > 0 ? sum_over(s, Metric::money_awarded_disadvantaged) / money : 0.0;
  }
  const int id = find_metric(name);
  EXPECT_GE(id, 0) << name;
  const auto metric = static_cast<Metric>(id);
  return metric_spec(metric).accumulation == Accumulation::flow ? sum_over(s, metric)
                                                                : s.at(metric, last);
}

struct Estimate {
  double mean = 0.0;
  double se = 0.0;  // standard error of the mean
  double n = 0.0;
};

inline Estimate estimate(const std::vector<double>& values) {
  const auto d = stats::describe(values);
  return {d.mean, d.sd / std::sqrt(static_cast<double>(d.n)), static_cast<double>(d.n)};
}

// Welch's t for two independent means and its degrees of freedom.
struct Welch {
  double t;
  double df;
};
inline Welch welch(const Estimate& a, const Estimate& b) {
  const double va = a.se * a.se, vb = b.se * b.se;
  const double v = va + vb;
  if (v == 0.0) return {a.mean == b.mean ? 0.0 : INFINITY, 1.0};
  const double df = v * v / (va * va / (a.n - 1) + vb * vb / (b.n - 1));
  return {(a.mean - b.mean) / std::sqrt(v), std::max(1.0, df)};
}

// The paired difference (scenario - baseline) with its 95 % t interval, printed as one line.
inline stats::PairedDifference paired(const std::string& name, const std::vector<double>& scenario,
                                      const std::vector<double>& baseline) {
  const auto d = stats::paired_difference(scenario, baseline, name);
  EXPECT_TRUE(d.has_value()) << (d ? "" : d.error().message);
  if (!d) return {};
  std::printf("[pattern] %-48s n=%zu baseline=%.4g diff=%.4g 95%%CI=[%.4g, %.4g]\n", name.c_str(),
              d->n, d->baseline_mean, d->mean, d->ci_low, d->ci_high);
  std::fflush(stdout);
  return *d;
}

}  // namespace kopa::testing
