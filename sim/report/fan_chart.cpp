#include "report/charts.hpp"

namespace kopa::report {
namespace {

// The panels: every scenario but the baseline, or the baseline alone when it is all there is.
std::vector<std::string> panels(const std::vector<std::string>& scenarios,
                                const std::string& baseline) {
  std::vector<std::string> others;
  for (const std::string& name : scenarios) {
    if (name != baseline) others.push_back(name);
  }
  return others.empty() ? scenarios : others;
}

void add_band_rows(Json& rows, const std::string& panel, const std::string& scenario,
                   const analysis::SeriesBand& band) {
  for (std::size_t month = 0; month < band.median.size(); ++month) {
    rows.push(Json::object({{"panel", panel},
                            {"scenario", scenario},
                            {"month", month},
                            {"median", significant(band.median[month])},
                            {"p05", significant(band.p05[month])},
                            {"p95", significant(band.p95[month])}}));
  }
}

// A flow is drawn cumulated.
std::string fan_value_title(const analysis::MetricDefinition& metric) {
  switch (metric.aggregation) {
    case analysis::Aggregation::stock_at_month:
      return units_title(metric.units);
    case analysis::Aggregation::flow_sum:
      return units_title(metric.units, true) + ", cumulative";
    case analysis::Aggregation::flow_ratio:
      return "ratio of cumulative sums";
    case analysis::Aggregation::per_run:  // cohort survival: no months, never a fan chart
      return units_title(metric.units);
  }
  return metric.name;
}

Json fan_layers(const analysis::MetricDefinition& metric, const Json& colors) {
  const Json x = field("month", "quantitative", "month");
  const Json color = Json::object(
      {{"field", "scenario"}, {"type", "nominal"}, {"scale", colors}, {"title", "scenario"}});
  Json band = Json::object(
      {{"mark", Json::object({{"type", "area"}, {"opacity", 0.22}})},
       {"encoding", Json::object({{"x", x},
                                  {"y", field("p05", "quantitative", fan_value_title(metric))},
                                  {"y2", Json::object({{"field", "p95"}})},
                                  {"color", color}})}});
  Json line = Json::object(
      {{"mark", Json::object({{"type", "line"}, {"strokeWidth", 2}})},
       {"encoding", Json::object({{"x", x},
                                  {"y", field("median", "quantitative", fan_value_title(metric))},
                                  {"color", color}})}});
  return Json::array({band, line});
}

Chart fan_chart(const analysis::SeriesComparison& series, std::size_t metric_index,
                const std::string& baseline) {
  const analysis::MetricDefinition& metric = series.metrics[metric_index];
  const std::vector<std::string> names = scenario_names(series.scenarios);
  const std::vector<std::string> panel_names = panels(names, baseline);
  Json rows = Json::array();
  for (const std::string& panel : panel_names) {
    for (const auto& scenario : series.scenarios) {
      if (scenario.name != baseline && scenario.name != panel) continue;
      add_band_rows(rows, panel, scenario.name, scenario.metrics[metric_index]);
    }
  }
  Json sort = Json::array();
  for (const std::string& panel : panel_names) sort.push(panel);
  Json spec = vega_lite_spec();
  spec.set("title", Json::object({{"text", metric.name}, {"subtitle", metric.long_name}}))
      .set("data", Json::object({{"values", std::move(rows)}}))
      .set("facet",
           Json::object(
               {{"field", "panel"}, {"type", "nominal"}, {"sort", sort}, {"title", nullptr}}))
      .set("columns", 4)
      .set("spec",
           Json::object({{"width", 230},
                         {"height", 160},
                         {"layer", fan_layers(metric, scenario_color_scale(names, baseline))}}));
  return {chart_id("fan", metric.name), metric.name + ": " + metric.long_name,
          "Median (line) and 5-95 % band over replicates, month by month; each panel sets one "
          "scenario beside the baseline (grey)." +
              std::string(metric.aggregation == analysis::Aggregation::stock_at_month
                              ? ""
                              : " A flow is shown cumulated from month 0, as kopa compare "
                                "sums it."),
          std::move(spec)};
}

}  // namespace

std::vector<Chart> fan_charts(const analysis::SeriesComparison& series,
                              const std::string& baseline) {
  std::vector<Chart> charts;
  for (std::size_t m = 0; m < series.metrics.size(); ++m) {
    charts.push_back(fan_chart(series, m, baseline));
  }
  return charts;
}

}  // namespace kopa::report
