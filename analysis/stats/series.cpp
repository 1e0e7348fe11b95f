#include "stats/series.hpp"

#include "stats/comparison.hpp"
#include "stats/quantile.hpp"

namespace kopa::analysis {
namespace {

SeriesBand band_over_months(const ScenarioResults& scenario, const MetricDefinition& metric,
                            int months) {
  SeriesBand band;
  for (int month = 0; month < months; ++month) {
    const std::vector<double> sorted =
        stats::sorted_copy(replicate_values(scenario, metric, month));
    band.median.push_back(stats::quantile_sorted(sorted, 0.5));
    band.p05.push_back(stats::quantile_sorted(sorted, 0.05));
    band.p95.push_back(stats::quantile_sorted(sorted, 0.95));
  }
  return band;
}

}  // namespace

Expected<SeriesComparison> series(const ComparisonInput& input,
                                  const std::vector<std::string>& metric_names) {
  if (Status status = validate(input); !status) return status.error();
  auto metrics = define_metrics(input, metric_names);
  if (!metrics) return metrics.error();
  for (const MetricDefinition& metric : *metrics) {
    if (metric.aggregation == Aggregation::per_run) {
      return Error{"metric '" + metric.name +
                   "' has one value per run, not a monthly series; compare it without --series"};
    }
  }
  SeriesComparison result;
  result.interrupted = input.interrupted;
  result.months = months_of(input);
  result.metrics = std::move(*metrics);
  for (const ScenarioResults& scenario : input.scenarios) {
    ScenarioSeries bands{scenario.name, replicate_ids(scenario).size(), {}};
    for (const MetricDefinition& metric : result.metrics) {
      bands.metrics.push_back(band_over_months(scenario, metric, result.months));
    }
    result.scenarios.push_back(std::move(bands));
  }
  return result;
}

}  // namespace kopa::analysis
