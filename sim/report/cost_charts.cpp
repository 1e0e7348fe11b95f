#include <algorithm>

#include "report/charts.hpp"

namespace kopa::report {
namespace {

// The outcomes kopa compare prices (analysis/stats/comparison.cpp), in words.
std::string outcome_words(const std::string& outcome) {
  if (outcome == "founders_sustained") return "per additional sustained enterprise";
  if (outcome == "jobs_disadvantaged") return "per additional job for disadvantaged people";
  return "per additional " + outcome;
}

// Charts of differences from the baseline: the baseline has no mark, so no legend entry.
Json scenario_color(const analysis::Comparison& comparison) {
  return Json::object({{"field", "scenario"},
                       {"type", "nominal"},
                       {"scale", scenario_color_scale(scenario_names(comparison.scenarios),
                                                      comparison.baseline, false)},
                       {"title", "scenario"}});
}

int metric_index(const analysis::Comparison& comparison, const std::string& name) {
  for (std::size_t m = 0; m < comparison.metrics.size(); ++m) {
    if (comparison.metrics[m].name == name) return static_cast<int>(m);
  }
  return -1;
}

const analysis::ScenarioComparison& baseline_of(const analysis::Comparison& comparison) {
  return *std::find_if(comparison.scenarios.begin(), comparison.scenarios.end(),
                       [](const auto& s) { return s.is_baseline; });
}

// Per replicate shared with the baseline: scenario minus baseline for metrics `cost` and
// `outcome`, one row each.
void add_plane_rows(Json& rows, const analysis::ScenarioComparison& scenario,
                    const analysis::ScenarioComparison& baseline, int cost, int outcome,
                    const std::string& outcome_name) {
  const auto& cost_values = scenario.metrics[static_cast<std::size_t>(cost)].values;
  const auto& outcome_values = scenario.metrics[static_cast<std::size_t>(outcome)].values;
  const auto& base_cost = baseline.metrics[static_cast<std::size_t>(cost)].values;
  const auto& base_outcome = baseline.metrics[static_cast<std::size_t>(outcome)].values;
  for (std::size_t i = 0; i < scenario.replicate_ids.size(); ++i) {
    const auto found = std::find(baseline.replicate_ids.begin(), baseline.replicate_ids.end(),
                                 scenario.replicate_ids[i]);
    if (found == baseline.replicate_ids.end()) continue;
    const auto b = static_cast<std::size_t>(found - baseline.replicate_ids.begin());
    rows.push(
        Json::object({{"outcome", outcome_name},
                      {"scenario", scenario.name},
                      {"replicate", scenario.replicate_ids[i]},
                      {"outcome_difference", significant(outcome_values[i] - base_outcome[b])},
                      {"cost_difference", significant(cost_values[i] - base_cost[b])}}));
  }
}

Json zero_rule(const char* channel) {
  return Json::object({{"mark", Json::object({{"type", "rule"}, {"color", "#999"}})},
                       {"encoding", Json::object({{channel, Json::object({{"datum", 0}})}})}});
}

}  // namespace

std::optional<Chart> cost_ratio_chart(const analysis::Comparison& comparison) {
  Json rows = Json::array();
  std::vector<std::string> outcomes;
  for (const auto& scenario : comparison.scenarios) {
    for (const auto& cost : scenario.cost) {
      if (std::find(outcomes.begin(), outcomes.end(), cost.outcome) == outcomes.end()) {
        outcomes.push_back(cost.outcome);
      }
      if (!cost.ratio) continue;
      rows.push(Json::object({{"outcome", outcome_words(cost.outcome)},
                              {"scenario", scenario.name},
                              {"estimate", significant(cost.ratio->estimate)},
                              {"ci_low", significant(cost.ratio->ci_low)},
                              {"ci_high", significant(cost.ratio->ci_high)}}));
    }
  }
  if (rows.size() == 0) return std::nullopt;
  Json sort = Json::array();
  for (const std::string& outcome : outcomes) sort.push(outcome_words(outcome));
  Json spec = vega_lite_spec();
  spec.set("title", Json::object({{"text", "Public cost per additional outcome"},
                                  {"subtitle", "against " + comparison.baseline + ", at month " +
                                                   std::to_string(comparison.month)}}))
      .set("data", Json::object({{"values", std::move(rows)}}))
      .set("facet",
           Json::object(
               {{"field", "outcome"}, {"type", "nominal"}, {"sort", sort}, {"title", nullptr}}))
      .set("spec", Json::object({{"width", 320},
                                 {"height", Json::object({{"step", 22}})},
                                 {"layer", interval_marks(scenario_names(comparison.scenarios),
                                                          comparison.baseline, "estimate",
                                                          "EUR of public cost")}}))
      .set("resolve", Json::object({{"scale", Json::object({{"x", "independent"}})}}));
  return Chart{"cost-ratio", "Cost per additional outcome",
               "Additional public cost (summed to month " + std::to_string(comparison.month) +
                   ") divided by the additional outcome, both as mean paired differences; the "
                   "bar is a paired-bootstrap " +
                   std::to_string(static_cast<int>(comparison.bootstrap.confidence * 100 + 0.5)) +
                   " % interval. A scenario is left out when its outcome difference is not "
                   "resolved (the table says why).",
               std::move(spec)};
}

std::optional<Chart> cost_plane_chart(const analysis::Comparison& comparison) {
  const int cost = metric_index(comparison, "public_cost");
  if (cost < 0 || comparison.scenarios.size() < 2) return std::nullopt;
  const analysis::ScenarioComparison& baseline = baseline_of(comparison);
  Json rows = Json::array();
  Json sort = Json::array();
  for (const char* outcome : {"founders_sustained", "jobs_disadvantaged"}) {
    const int index = metric_index(comparison, outcome);
    if (index < 0) continue;
    sort.push(outcome);
    for (const auto& scenario : comparison.scenarios) {
      if (!scenario.is_baseline) add_plane_rows(rows, scenario, baseline, cost, index, outcome);
    }
  }
  if (sort.size() == 0) return std::nullopt;
  Json points = Json::object(
      {{"mark", Json::object({{"type", "point"}, {"filled", true}, {"opacity", 0.7}})},
       {"encoding",
        Json::object(
            {{"x", field("outcome_difference", "quantitative", "additional outcome")},
             {"y", field("cost_difference", "quantitative", "additional public cost [EUR]")},
             {"color", scenario_color(comparison)},
             {"tooltip",
              Json::array(
                  {field("scenario", "nominal", "scenario"),
                   field("replicate", "quantitative", "replicate"),
                   field("outcome_difference", "quantitative", "additional outcome"),
                   field("cost_difference", "quantitative", "additional cost [EUR]")})}})}});
  Json spec = vega_lite_spec();
  spec.set("title", Json::object({{"text", "Cost-effectiveness plane"},
                                  {"subtitle",
                                   "each point one replicate, against the baseline's "
                                   "run with the same random numbers"}}))
      .set("data", Json::object({{"values", std::move(rows)}}))
      .set("facet",
           Json::object(
               {{"field", "outcome"}, {"type", "nominal"}, {"sort", sort}, {"title", nullptr}}))
      .set("spec", Json::object({{"width", 340},
                                 {"height", 260},
                                 {"layer", Json::array({zero_rule("x"), zero_rule("y"), points})}}))
      .set("resolve", Json::object({{"scale", Json::object({{"x", "independent"}})}}));
  return Chart{"cost-plane", "Cost-effectiveness plane",
               "Per replicate: the scenario's additional public cost (summed to month " +
                   std::to_string(comparison.month) +
                   ") against its additional outcome at that month. Right of zero is more "
                   "outcome, above zero is more cost; the spread of a scenario's cloud is the "
                   "uncertainty of both.",
               std::move(spec)};
}

}  // namespace kopa::report
