#include "report/charts.hpp"

namespace kopa::report {
namespace {

Json difference_rows(const analysis::Comparison& comparison) {
  Json rows = Json::array();
  for (std::size_t m = 0; m < comparison.metrics.size(); ++m) {
    for (const auto& scenario : comparison.scenarios) {
      const auto& difference = scenario.metrics[m].difference;
      if (!difference || !*difference) continue;  // the baseline, or not computable
      const stats::PairedDifference& d = difference->value();
      rows.push(Json::object({{"metric", comparison.metrics[m].name},
                              {"scenario", scenario.name},
                              {"mean", significant(d.mean)},
                              {"ci_low", significant(d.ci_low)},
                              {"ci_high", significant(d.ci_high)},
                              {"n", d.n},
                              {"relative_change", significant(d.relative_change, 4)}}));
    }
  }
  return rows;
}

// The zero line, then each scenario's mean difference and interval.
Json difference_layers(const analysis::Comparison& comparison, const std::string& x_title) {
  Json zero = Json::object(
      {{"mark",
        Json::object({{"type", "rule"}, {"color", "#555"}, {"strokeDash", Json::numbers({3, 3})}})},
       {"encoding", Json::object({{"x", Json::object({{"datum", 0}})}})}});
  Json layers = interval_marks(scenario_names(comparison.scenarios), comparison.baseline, "mean",
                               x_title, {field("n", "quantitative", "pairs")});
  return Json::array({zero, layers.items()[0], layers.items()[1]});
}

}  // namespace

std::optional<Chart> difference_chart(const analysis::Comparison& comparison) {
  Json rows = difference_rows(comparison);
  if (rows.size() == 0) return std::nullopt;
  Json sort = Json::array();
  for (const auto& metric : comparison.metrics) sort.push(metric.name);
  const std::string confidence =
      std::to_string(static_cast<int>(comparison.confidence * 100 + 0.5)) + " %";
  Json spec = vega_lite_spec();
  spec.set("title", Json::object({{"text", "Difference from " + comparison.baseline},
                                  {"subtitle", "paired mean difference with its " + confidence +
                                                   " interval, at month " +
                                                   std::to_string(comparison.month)}}))
      .set("data", Json::object({{"values", std::move(rows)}}))
      .set("facet",
           Json::object(
               {{"field", "metric"}, {"type", "nominal"}, {"sort", sort}, {"title", nullptr}}))
      .set("columns", 3)
      .set("spec", Json::object({{"width", 250},
                                 {"height", Json::object({{"step", 22}})},
                                 {"layer", difference_layers(
                                               comparison, "scenario - " + comparison.baseline)}}))
      .set("resolve", Json::object({{"scale", Json::object({{"x", "independent"}})}}));
  return Chart{
      "difference", "Differences from the baseline",
      "Each scenario minus the baseline, replicate by replicate (the runs of one replicate "
      "share their random numbers), averaged: the dot is the mean difference, the bar its " +
          confidence +
          " Student t interval. A bar clear of the dashed zero line is a difference the "
          "replicates resolve. Stocks at month " +
          std::to_string(comparison.month) + ", flows summed over months 0-" +
          std::to_string(comparison.month) + ".",
      std::move(spec)};
}

}  // namespace kopa::report
