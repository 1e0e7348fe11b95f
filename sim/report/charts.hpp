#pragma once
// The charts kopa draws from its own statistics (analysis/stats), as Vega-Lite specifications
// with their data inline: the same specs a `kopa report` page renders, the workshop page can
// render, and Altair (Python) or vegawidget (R) open. Plain data in, Chart out; no file is read.
#include <optional>
#include <string>
#include <vector>

#include "report/chart.hpp"
#include "stats/comparison.hpp"
#include "stats/descriptive.hpp"
#include "stats/sensitivity_report.hpp"
#include "stats/series.hpp"
#include "stats/sweep_summary.hpp"

namespace kopa::report {

// The names of `scenarios` (a comparison's or a series'), in their order.
template <class Scenarios>
std::vector<std::string> scenario_names(const Scenarios& scenarios) {
  std::vector<std::string> names;
  for (const auto& scenario : scenarios) names.push_back(scenario.name);
  return names;
}

// One fan chart per metric of `series`: a panel per scenario other than `baseline`, each showing
// the baseline's and that scenario's median and 5-95 % band month by month (a file with only
// the baseline gets one panel of it alone).
std::vector<Chart> fan_charts(const analysis::SeriesComparison& series,
                              const std::string& baseline);

// The paired mean difference from the baseline with its interval, a panel per metric, a row
// per scenario. Scenarios whose difference could not be computed are left out (the table says
// why); nullopt when that is all of them, or there is no scenario but the baseline.
std::optional<Chart> difference_chart(const analysis::Comparison& comparison);

// Additional public cost per additional sustained enterprise and per additional job, with the
// bootstrap intervals; nullopt when no scenario has a defined ratio (the table says why).
std::optional<Chart> cost_ratio_chart(const analysis::Comparison& comparison);

// The cost-effectiveness plane: per replicate, the difference from the baseline's run with the
// same random numbers in public cost (y) against that in the outcome (x), a panel per outcome.
// Needs public_cost and an outcome among the comparison's metrics, and a scenario besides the
// baseline; nullopt otherwise.
std::optional<Chart> cost_plane_chart(const analysis::Comparison& comparison);

// One breakdown metric at month M: per label (a small multiple each) and scenario, the median and
// 5-95 % band over replicates.
struct BreakdownCell {
  std::string scenario;
  std::string label;
  stats::Summary summary;
};
struct BreakdownSummary {
  std::string metric;     // "founders_sustained_by_region"
  std::string dimension;  // "region"
  std::string units;
  std::string long_name;
  bool summed = false;           // a flow, summed over months 0..M
  std::string aggregation_text;  // "stock at month 119"
  std::vector<BreakdownCell> cells;
};
Chart breakdown_chart(const BreakdownSummary& breakdown, const std::vector<std::string>& scenarios,
                      const std::string& baseline);

// A sweep metric against each factor (a panel per factor): every design point's mean with its
// 5-95 % band over replicates, and the marginal trend (the points' means averaged by factor
// value, see analysis/stats/marginal_trend.hpp).
struct SweepFactor {
  std::string path;
  std::string units;
  bool log_scale = false;  // a "log range" factor
};
Chart sweep_factor_chart(const analysis::SweepSummary& summary,
                         const std::vector<SweepFactor>& factors, const std::string& units);

// `kopa analyse`'s Sobol' indices, a panel per metric: per factor S1 and ST as bars with their
// bootstrap 95 % intervals. Metrics without indices are left out (the page gives the reason);
// nullopt when none has any.
std::optional<Chart> sobol_chart(const std::vector<analysis::SobolReport>& reports);

// `kopa analyse`'s Morris screening, a panel per metric: per factor mu* as a bar with its
// bootstrap 95 % interval, factors in rank order; mu and sigma in the tooltip.
std::optional<Chart> morris_chart(const std::vector<analysis::MorrisReport>& reports);

}  // namespace kopa::report
