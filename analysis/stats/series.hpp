#pragma once
#include <string>
#include <vector>

#include "stats/comparison_input.hpp"
#include "stats/metric_definition.hpp"
#include "util/expected.hpp"

namespace kopa::analysis {

// Median and 5-95 % band over replicates, month by month, for plotting (`kopa compare --series`).
// Month m shows what `kopa compare --month m` reports: stocks at m, flows summed over 0..m
// (cumulative), ratios of flows summed over 0..m. So the last point equals the table's median.
struct SeriesBand {
  std::vector<double> median;  // [month]
  std::vector<double> p05;
  std::vector<double> p95;
};

struct ScenarioSeries {
  std::string name;
  std::size_t replicates = 0;
  std::vector<SeriesBand> metrics;  // parallel to SeriesComparison::metrics
};

struct SeriesComparison {
  bool interrupted = false;
  int months = 0;
  std::vector<MetricDefinition> metrics;
  std::vector<ScenarioSeries> scenarios;
};

// `metric_names` empty: the headline set. Errors as for compare().
Expected<SeriesComparison> series(const ComparisonInput& input,
                                  const std::vector<std::string>& metric_names = {});

}  // namespace kopa::analysis
