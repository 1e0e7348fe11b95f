#include "report/charts.hpp"
#include "stats/marginal_trend.hpp"

namespace kopa::report {
namespace {

std::string factor_title(const SweepFactor& factor) {
  return factor.units.empty() ? factor.path : factor.path + " [" + factor.units + "]";
}

void add_point_rows(Json& rows, const analysis::SweepSummary& summary, std::size_t f,
                    const std::string& title) {
  for (const auto& point : summary.points) {
    if (point.n == 0) continue;
    rows.push(Json::object({{"kind", "point"},
                            {"factor", title},
                            {"x", significant(point.factors[f])},
                            {"mean", significant(point.mean)},
                            {"p05", significant(point.p05)},
                            {"p95", significant(point.p95)},
                            {"point", point.point},
                            {"n", point.n}}));
  }
}

void add_trend_rows(Json& rows, const analysis::SweepSummary& summary, std::size_t f,
                    const std::string& title) {
  std::vector<double> factor, output;
  for (const auto& point : summary.points) {
    factor.push_back(point.factors[f]);
    output.push_back(point.mean);
  }
  for (const analysis::TrendPoint& t : analysis::marginal_trend(factor, output)) {
    rows.push(Json::object({{"kind", "trend"},
                            {"factor", title},
                            {"x", significant(t.factor)},
                            {"mean", significant(t.mean)},
                            {"points", t.points}}));
  }
}

// Rows of one factor's panel and one kind ("point" or "trend").
Json only(const std::string& factor, const char* kind) {
  return Json::array({Json::object({{"filter", "datum.factor === " + Json(factor).dump() +
                                                   " && datum.kind === '" + kind + "'"}})});
}

// One factor's panel: the points with their bands, and the trend line.
Json factor_panel(const SweepFactor& factor, const std::string& title, const std::string& y_title) {
  const Json x = Json::object(
      {{"field", "x"},
       {"type", "quantitative"},
       {"title", title},
       {"scale", factor.log_scale ? Json::object({{"type", "log"}, {"nice", false}})
                                  : Json::object({{"type", "linear"}, {"zero", false}})}});
  const Json tooltip =
      Json::array({field("point", "quantitative", "point"), field("x", "quantitative", factor.path),
                   field("mean", "quantitative", "mean"), field("p05", "quantitative", "5 %"),
                   field("p95", "quantitative", "95 %"), field("n", "quantitative", "replicates")});
  Json band =
      Json::object({{"transform", only(title, "point")},
                    {"mark", Json::object({{"type", "rule"}, {"color", "#9ecae9"}})},
                    {"encoding", Json::object({{"x", x},
                                               {"y", field("p05", "quantitative", y_title)},
                                               {"y2", Json::object({{"field", "p95"}})}})}});
  Json points = Json::object(
      {{"transform", only(title, "point")},
       {"mark", Json::object({{"type", "point"}, {"filled", true}, {"color", "#4c78a8"}})},
       {"encoding",
        Json::object(
            {{"x", x}, {"y", field("mean", "quantitative", y_title)}, {"tooltip", tooltip}})}});
  Json trend = Json::object(
      {{"transform", only(title, "trend")},
       {"mark",
        Json::object(
            {{"type", "line"}, {"color", "#e45756"}, {"strokeWidth", 2}, {"opacity", 0.8}})},
       {"encoding", Json::object({{"x", x}, {"y", field("mean", "quantitative", y_title)}})}});
  return Json::object(
      {{"width", 300}, {"height", 200}, {"layer", Json::array({band, trend, points})}});
}

}  // namespace

Chart sweep_factor_chart(const analysis::SweepSummary& summary,
                         const std::vector<SweepFactor>& factors, const std::string& units) {
  const std::string y_title = units_title(units, summary.accumulation == Accumulation::flow);
  Json rows = Json::array();
  Json panels = Json::array();
  for (std::size_t f = 0; f < factors.size(); ++f) {
    const std::string title = factor_title(factors[f]);
    add_point_rows(rows, summary, f, title);
    add_trend_rows(rows, summary, f, title);
    panels.push(factor_panel(factors[f], title, y_title));
  }
  const std::string when = summary.accumulation == Accumulation::stock
                               ? "at month " + std::to_string(summary.month)
                               : "summed over months 0-" + std::to_string(summary.month);
  Json spec = vega_lite_spec();
  spec.set("title", Json::object({{"text", summary.metric}, {"subtitle", when}}))
      .set("data", Json::object({{"values", std::move(rows)}}))
      .set("concat", std::move(panels))
      .set("columns", 3)
      .set("resolve",
           Json::object({{"scale", Json::object({{"x", "independent"}, {"y", "shared"}})}}));
  return {chart_id("sweep", summary.metric), summary.metric + " by factor",
          "Each blue dot is a design point: its mean over replicates " + when +
              ", with the 5-95 % band; the red line is the marginal trend (the points' means "
              "averaged by factor value, over the other factors as the design sampled them).",
          std::move(spec)};
}

}  // namespace kopa::report
