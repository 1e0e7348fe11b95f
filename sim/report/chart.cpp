#include "report/chart.hpp"

#include <array>

namespace kopa::report {
namespace {

// Vega's "tableau10" scheme without its grey, which marks the baseline.
constexpr std::array<const char*, 9> scenario_colors{"#4c78a8", "#f58518", "#54a24b",
                                                     "#e45756", "#72b7b2", "#b279a2",
                                                     "#ff9da6", "#9d755d", "#eeca3b"};
constexpr const char* baseline_color = "#8c8c8c";

}  // namespace

Json vega_lite_spec() {
  return Json::object(
      {{"$schema", "https://vega.github.io/schema/vega-lite/v6.json"},
       {"background", "white"},  // exported PNGs are opaque, as a memo needs
       {"config",
        Json::object(
            {{"view", Json::object({{"stroke", nullptr}})},
             {"axis",
              Json::object({{"labelFontSize", 11}, {"titleFontSize", 12}, {"titleLimit", 170}})},
             {"header", Json::object({{"labelFontSize", 12}, {"titleFontSize", 12}})},
             // Above the chart: beside it, a legend pushes a row of panels past the page's width.
             {"legend", Json::object({{"orient", "top"}, {"labelLimit", 260}})},
             {"title",
              Json::object({{"fontSize", 14}, {"subtitleFontSize", 12}, {"anchor", "start"}})}})}});
}

Json scenario_color_scale(const std::vector<std::string>& scenarios, const std::string& baseline,
                          bool with_baseline) {
  Json domain = Json::array();
  Json range = Json::array();
  std::size_t next = 0;
  for (const std::string& name : scenarios) {
    if (name == baseline && !with_baseline) continue;
    domain.push(name);
    if (name == baseline) {
      range.push(baseline_color);
    } else {
      range.push(scenario_colors[next++ % scenario_colors.size()]);
    }
  }
  return Json::object({{"domain", domain}, {"range", range}});
}

std::string units_title(const std::string& units, bool summed) {
  if (units == "1" || units.empty()) return "ratio";
  if (summed && units.ends_with("/month")) return units.substr(0, units.size() - 6);
  return units;
}

Json field(const std::string& name, const std::string& type, const std::string& title) {
  return Json::object({{"field", name}, {"type", type}, {"title", title}});
}

Json interval_marks(const std::vector<std::string>& scenarios, const std::string& baseline,
                    const std::string& estimate, const std::string& x_title,
                    std::vector<Json> tooltip) {
  Json order = Json::array();
  for (const std::string& name : scenarios) {
    if (name != baseline) order.push(name);
  }
  const Json y = Json::object(
      {{"field", "scenario"}, {"type", "nominal"}, {"sort", order}, {"title", nullptr}});
  const Json color = Json::object({{"field", "scenario"},
                                   {"type", "nominal"},
                                   {"scale", scenario_color_scale(scenarios, baseline, false)},
                                   {"legend", nullptr}});
  std::vector<Json> tips{field("scenario", "nominal", "scenario"),
                         field(estimate, "quantitative", x_title),
                         field("ci_low", "quantitative", "interval low"),
                         field("ci_high", "quantitative", "interval high")};
  tips.insert(tips.end(), tooltip.begin(), tooltip.end());
  Json interval =
      Json::object({{"mark", Json::object({{"type", "rule"}, {"strokeWidth", 2}})},
                    {"encoding", Json::object({{"y", y},
                                               {"x", field("ci_low", "quantitative", x_title)},
                                               {"x2", Json::object({{"field", "ci_high"}})},
                                               {"color", color}})}});
  Json point =
      Json::object({{"mark", Json::object({{"type", "point"}, {"filled", true}, {"size", 60}})},
                    {"encoding", Json::object({{"y", y},
                                               {"x", field(estimate, "quantitative", x_title)},
                                               {"color", color},
                                               {"tooltip", Json::array(std::move(tips))}})}});
  return Json::array({interval, point});
}

std::string chart_id(const std::string& kind, const std::string& name) {
  std::string id = kind + "-" + name;
  for (char& c : id) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-';
    if (!safe) c = '_';
  }
  return id;
}

}  // namespace kopa::report
