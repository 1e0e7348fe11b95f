#include "report/charts.hpp"

namespace kopa::report {
namespace {

Json index_row(const std::string& metric, const std::string& factor, const char* index,
               const stats::IntervalEstimate& estimate) {
  return Json::object({{"metric", metric},
                       {"factor", factor},
                       {"index", index},
                       {"value", significant(estimate.value, 4)},
                       {"low", significant(estimate.low, 4)},
                       {"high", significant(estimate.high, 4)}});
}

// Bars of `value` per factor (with `offset` splitting a factor's row by index), a black rule
// from `low` to `high` over each.
Json bar_layers(const Json& y, const Json& offset, const Json& color, const std::string& x_title,
                Json tooltip) {
  Json bar_encoding = Json::object({{"y", y},
                                    {"x", field("value", "quantitative", x_title)},
                                    {"color", color},
                                    {"tooltip", std::move(tooltip)}});
  // A rule sits at the start of its band unless told otherwise: centre it on its bar.
  Json centred_y = y;
  centred_y.set("bandPosition", 0.5);
  Json rule_encoding = Json::object({{"y", centred_y},
                                     {"x", field("low", "quantitative", x_title)},
                                     {"x2", Json::object({{"field", "high"}})}});
  if (!offset.is_null()) {
    bar_encoding.set("yOffset", offset);
    Json centred_offset = offset;
    centred_offset.set("bandPosition", 0.5);
    rule_encoding.set("yOffset", centred_offset);
  }
  Json bars = Json::object({{"mark", Json::object({{"type", "bar"}, {"opacity", 0.85}})},
                            {"encoding", std::move(bar_encoding)}});
  Json rules = Json::object({{"mark", Json::object({{"type", "rule"}, {"color", "#222"}})},
                             {"encoding", std::move(rule_encoding)}});
  return Json::array({bars, rules});
}

Json facet_by_metric(const Json& metrics) {
  return Json::object({{"field", "metric"},
                       {"type", "nominal"},
                       {"sort", metrics},
                       {"title", nullptr},
                       {"header", Json::object({{"labelLimit", 300}})}});
}

}  // namespace

std::optional<Chart> sobol_chart(const std::vector<analysis::SobolReport>& reports) {
  Json rows = Json::array();
  Json metrics = Json::array();
  std::vector<std::string> factors;
  for (const analysis::SobolReport& report : reports) {
    if (!report.indices) continue;
    const std::string& metric = report.output.metric.name;
    metrics.push(metric);
    factors = report.factors;
    for (std::size_t f = 0; f < report.factors.size(); ++f) {
      const stats::SobolFactorIndices& i = report.indices->factors[f];
      rows.push(index_row(metric, report.factors[f], "S1", i.first_order));
      rows.push(index_row(metric, report.factors[f], "ST", i.total_order));
    }
  }
  if (metrics.size() == 0) return std::nullopt;
  Json order = Json::array();
  for (const std::string& factor : factors) order.push(factor);
  const Json y = Json::object({{"field", "factor"},
                               {"type", "nominal"},
                               {"sort", order},
                               {"title", nullptr},
                               {"axis", Json::object({{"labelLimit", 260}})}});
  // Both layers sort the offset alike, or vega-lite cannot union their domains.
  const Json offset =
      Json::object({{"field", "index"}, {"type", "nominal"}, {"sort", Json::array({"S1", "ST"})}});
  const Json color =
      Json::object({{"field", "index"},
                    {"type", "nominal"},
                    {"title", "index"},
                    {"scale", Json::object({{"domain", Json::array({"S1", "ST"})},
                                            {"range", Json::array({"#4c78a8", "#f58518"})}})}});
  const Json tooltip = Json::array(
      {field("metric", "nominal", "metric"), field("factor", "nominal", "factor"),
       field("index", "nominal", "index"), field("value", "quantitative", "estimate"),
       field("low", "quantitative", "95 % low"), field("high", "quantitative", "95 % high")});
  Json spec = vega_lite_spec();
  spec.set("title", Json::object({{"text", "Sobol' indices"},
                                  {"subtitle",
                                   "share of each outcome's variance a factor "
                                   "explains alone (S1) and with interactions (ST)"}}))
      .set("data", Json::object({{"values", std::move(rows)}}))
      .set("facet", facet_by_metric(metrics))
      .set("columns", 2)
      .set("spec", Json::object({{"width", 260},
                                 {"height", Json::object({{"step", 26}})},
                                 {"layer", bar_layers(y, offset, color, "index", tooltip)}}));
  return Chart{"sobol", "Sobol' indices (kopa analyse)",
               "S1 (blue) is the share of the outcome's variance across the design that the "
               "factor explains alone, ST (orange) alone and through its interactions; the black "
               "line is the bootstrap 95 % interval over the design's base rows. The output of a "
               "point is its mean over replicates (docs/analyse.md).",
               std::move(spec)};
}

std::optional<Chart> morris_chart(const std::vector<analysis::MorrisReport>& reports) {
  Json rows = Json::array();
  Json metrics = Json::array();
  for (const analysis::MorrisReport& report : reports) {
    if (!report.statistics) continue;
    const std::string& metric = report.output.metric.name;
    metrics.push(metric);
    for (std::size_t f = 0; f < report.factors.size(); ++f) {
      const stats::MorrisFactorStatistics& s = report.statistics->factors[f];
      Json row = index_row(metric, report.factors[f], "mu*", s.mu_star);
      row.set("mu", significant(s.mu, 4)).set("sigma", significant(s.sigma, 4)).set("rank", s.rank);
      rows.push(std::move(row));
    }
  }
  if (metrics.size() == 0) return std::nullopt;
  // A panel per metric, each ordering its factors by their own rank: concatenated views (a facet
  // cannot sort each panel's axis by its own data).
  const Json y = Json::object({{"field", "factor"},
                               {"type", "nominal"},
                               {"sort", Json::object({{"field", "rank"}, {"op", "min"}})},
                               {"title", nullptr},
                               {"axis", Json::object({{"labelLimit", 260}})}});
  const Json color = Json::object({{"value", "#4c78a8"}});
  const Json tooltip = Json::array(
      {field("metric", "nominal", "metric"), field("factor", "nominal", "factor"),
       field("rank", "quantitative", "rank"), field("value", "quantitative", "mu*"),
       field("low", "quantitative", "95 % low"), field("high", "quantitative", "95 % high"),
       field("mu", "quantitative", "mu"), field("sigma", "quantitative", "sigma")});
  Json panels = Json::array();
  for (const Json& metric : metrics.items()) {
    panels.push(Json::object(
        {{"title", metric},
         {"transform",
          Json::array({Json::object({{"filter", "datum.metric === " + metric.dump()}})})},
         {"width", 260},
         {"height", Json::object({{"step", 20}})},
         {"layer", bar_layers(y, Json(), color, "mu*", tooltip)}}));
  }
  Json spec = vega_lite_spec();
  spec.set("title", Json::object({{"text", "Morris screening"},
                                  {"subtitle",
                                   "mean absolute elementary effect (mu*) per factor, "
                                   "in the outcome's units per whole factor range"}}))
      .set("data", Json::object({{"values", std::move(rows)}}))
      .set("concat", std::move(panels))
      .set("columns", 2)
      .set("resolve",
           Json::object({{"scale", Json::object({{"x", "independent"}, {"y", "independent"}})}}));
  return Chart{"morris", "Morris screening (kopa analyse)",
               "mu* (bar) is the mean absolute change of the outcome when the factor moves, per "
               "whole range of the factor, with its bootstrap 95 % interval over trajectories "
               "(black line); factors in rank order. Overlapping intervals mean the ranks "
               "between them are not established (docs/analyse.md).",
               std::move(spec)};
}

}  // namespace kopa::report
