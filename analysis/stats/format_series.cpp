#include "stats/format.hpp"
#include "stats/format_values.hpp"

namespace kopa::analysis {
namespace {

std::string band_json(const SeriesBand& band) {
  return "{\"median\":" + json_numbers(band.median) + ",\"p05\":" + json_numbers(band.p05) +
         ",\"p95\":" + json_numbers(band.p95) + "}";
}

}  // namespace

// Long ("tidy") form, one row per scenario, metric and month: what plotting tools group by.
std::string format_series_csv(const SeriesComparison& series) {
  std::string out = "scenario,metric,aggregation,month,replicates,interrupted,median,p05,p95\n";
  for (const ScenarioSeries& scenario : series.scenarios) {
    for (std::size_t m = 0; m < series.metrics.size(); ++m) {
      const SeriesBand& band = scenario.metrics[m];
      for (int month = 0; month < series.months; ++month) {
        const auto i = static_cast<std::size_t>(month);
        out += csv_field(scenario.name) + "," + csv_field(series.metrics[m].name) + "," +
               std::string(aggregation_name(series.metrics[m].aggregation)) + "," +
               std::to_string(month) + "," + std::to_string(scenario.replicates) + "," +
               (series.interrupted ? "true" : "false") + "," + csv_number(band.median[i]) + "," +
               csv_number(band.p05[i]) + "," + csv_number(band.p95[i]) + "\n";
      }
    }
  }
  return out;
}

// {"format": "kopa-compare-series", "format_version": 1, "interrupted", "months",
//  "metrics": [{"name", "units", "long_name", "aggregation"}],
//  "scenarios": [{"name", "replicates", "metrics": {"<metric>": {"median": [per month],
//                 "p05": [...], "p95": [...]}}}]}; numbers %.17g, NaN as null.
std::string format_series_json(const SeriesComparison& series) {
  std::string metrics;
  for (const MetricDefinition& metric : series.metrics) {
    metrics += (metrics.empty() ? "" : ",") + std::string("{\"name\":") + json_string(metric.name) +
               ",\"units\":" + json_string(metric.units) +
               ",\"long_name\":" + json_string(metric.long_name) +
               ",\"aggregation\":" + json_string(aggregation_name(metric.aggregation)) + "}";
  }
  std::string scenarios;
  for (const ScenarioSeries& scenario : series.scenarios) {
    std::string bands;
    for (std::size_t m = 0; m < series.metrics.size(); ++m) {
      bands += (bands.empty() ? "" : ",") + json_string(series.metrics[m].name) + ":" +
               band_json(scenario.metrics[m]);
    }
    scenarios +=
        (scenarios.empty() ? "" : ",") + std::string("{\"name\":") + json_string(scenario.name) +
        ",\"replicates\":" + std::to_string(scenario.replicates) + ",\"metrics\":{" + bands + "}}";
  }
  return "{\"format\":\"kopa-compare-series\",\"format_version\":1,\"interrupted\":" +
         std::string(series.interrupted ? "true" : "false") +
         ",\"months\":" + std::to_string(series.months) + ",\"metrics\":[" + metrics +
         "],\"scenarios\":[" + scenarios + "]}\n";
}

Expected<std::string> format_series(const SeriesComparison& series, Format format) {
  if (format == Format::csv) return format_series_csv(series);
  if (format == Format::json) return format_series_json(series);
  return Error{"--series writes csv or json (series are for plotting); choose one of those"};
}

}  // namespace kopa::analysis
