#include <algorithm>

#include "report/charts.hpp"

namespace kopa::report {

Chart breakdown_chart(const BreakdownSummary& breakdown, const std::vector<std::string>& scenarios,
                      const std::string& baseline) {
  Json rows = Json::array();
  Json labels = Json::array();
  std::vector<std::string> seen;
  for (const BreakdownCell& cell : breakdown.cells) {
    if (std::find(seen.begin(), seen.end(), cell.label) == seen.end()) {
      seen.push_back(cell.label);
      labels.push(cell.label);
    }
    rows.push(Json::object({{"label", cell.label},
                            {"scenario", cell.scenario},
                            {"median", significant(cell.summary.median)},
                            {"p05", significant(cell.summary.p05)},
                            {"p95", significant(cell.summary.p95)},
                            {"n", cell.summary.n}}));
  }
  Json order = Json::array();
  for (const std::string& name : scenarios) order.push(name);
  const Json x = Json::object({{"field", "scenario"},
                               {"type", "nominal"},
                               {"sort", order},
                               {"axis", Json::object({{"labels", false}, {"ticks", false}})},
                               {"title", nullptr}});
  const std::string y_title = units_title(breakdown.units, breakdown.summed);
  const Json color = Json::object({{"field", "scenario"},
                                   {"type", "nominal"},
                                   {"scale", scenario_color_scale(scenarios, baseline)},
                                   {"title", "scenario"}});
  Json band = Json::object({{"mark", Json::object({{"type", "rule"}, {"strokeWidth", 2}})},
                            {"encoding", Json::object({{"x", x},
                                                       {"y", field("p05", "quantitative", y_title)},
                                                       {"y2", Json::object({{"field", "p95"}})},
                                                       {"color", color}})}});
  Json point = Json::object(
      {{"mark", Json::object({{"type", "point"}, {"filled", true}, {"size", 50}})},
       {"encoding",
        Json::object({{"x", x},
                      {"y", field("median", "quantitative", y_title)},
                      {"color", color},
                      {"tooltip", Json::array({field("label", "nominal", breakdown.dimension),
                                               field("scenario", "nominal", "scenario"),
                                               field("median", "quantitative", "median"),
                                               field("p05", "quantitative", "5 %"),
                                               field("p95", "quantitative", "95 %"),
                                               field("n", "quantitative", "replicates")})}})}});
  Json spec = vega_lite_spec();
  spec.set("title", Json::object({{"text", breakdown.metric},
                                  {"subtitle",
                                   breakdown.long_name + " (" + breakdown.aggregation_text + ")"}}))
      .set("data", Json::object({{"values", std::move(rows)}}))
      .set("facet", Json::object({{"field", "label"},
                                  {"type", "nominal"},
                                  {"sort", labels},
                                  {"title", nullptr},
                                  {"header", Json::object({{"labelLimit", 95}})}}))
      .set("columns", 9)
      .set("spacing", 8)
      .set("spec", Json::object({{"width", Json::object({{"step", 16}})},
                                 {"height", 130},
                                 {"layer", Json::array({band, point})}}));
  return {chart_id("breakdown", breakdown.metric), breakdown.metric + ": " + breakdown.long_name,
          "One panel per " + breakdown.dimension +
              ": each scenario's median (dot) and 5-95 % "
              "band over replicates, " +
              breakdown.aggregation_text + ".",
          std::move(spec)};
}

}  // namespace kopa::report
