// JSON layout of `kopa compare --format json` (format "kopa-compare", format_version 1):
// {
//   "format": "kopa-compare", "format_version": 1, "interrupted": bool,
//   "parameter_uncertainty": "" or the posterior the replicates drew their parameters from,
//   "baseline": name, "month": M, "months": count,
//   "settings": {"descriptive_interval": [0.05, 0.95], "quantile_method": "linear",
//                "difference_confidence": 0.95, "difference_interval": "student_t_paired",
//                "ties": "...", "bootstrap": {"rng", "seed", "draws", "confidence"}},
//   "metrics": [{"name", "units", "long_name", "aggregation", "aggregation_text",
//                "numerator", "denominator"}],
//   "scenarios": [{"name", "is_baseline", "replicates", "replicate_ids": [...],
//                  "paired_replicates",
//                  "metrics": {"<metric>": {"values": [per replicate], "n", "missing", "mean",
//                              "median", "p05", "p95", "sd",
//                              "difference": null (baseline) | {"n", "excluded", "mean", "sd",
//                                 "t_quantile",
//                                 "ci_low", "ci_high", "excludes_zero", "baseline_mean",
//                                 "relative_change", "share_greater", "share_equal",
//                                 "share_less"},
//                              "difference_error": message (only when it could not be computed)}},
//                  "cost_effectiveness": {"<outcome>": {"verdict", "estimate", "ci_low",
//                                 "ci_high", "draws", "draws_dropped", "cost_difference",
//                                 "outcome_difference"} | null, "<outcome>_error": message}}]
// "missing": replicates without a value (NaN: 0/0), left out of n and the statistics;
// "excluded": pairs left out of the difference for the same reason; "verdict":
// "cost_per_additional" (EUR per additional unit), "dominant" (more for less), "dominated" (less
// for more) or "saving_per_unit_lost" (less for less: EUR saved per unit given up).
// }
// Numbers are %.17g; NaN and infinities are null.
#include "stats/format.hpp"
#include "stats/format_values.hpp"

namespace kopa::analysis {
namespace {

// A JSON object built field by field; values are already JSON text.
class Object {
 public:
  Object& add(std::string_view key, const std::string& json) {
    text_ += (text_.empty() ? "" : ",") + json_string(key) + ":" + json;
    return *this;
  }
  Object& number(std::string_view key, double x) { return add(key, json_number(x)); }
  Object& count(std::string_view key, std::size_t n) { return add(key, std::to_string(n)); }
  Object& flag(std::string_view key, bool b) { return add(key, b ? "true" : "false"); }
  Object& string(std::string_view key, std::string_view s) { return add(key, json_string(s)); }
  std::string str() const { return "{" + text_ + "}"; }

 private:
  std::string text_;
};

template <class T, class ToJson>
std::string array(const std::vector<T>& items, ToJson to_json) {
  std::string text;
  for (const T& item : items) text += (text.empty() ? "" : ",") + to_json(item);
  return "[" + text + "]";
}

std::string settings(const Comparison& comparison) {
  const auto& bootstrap = comparison.bootstrap;
  return Object()
      .add("descriptive_interval", "[0.05,0.95]")
      .string("quantile_method", "linear")
      .number("difference_confidence", comparison.confidence)
      .string("difference_interval", "student_t_paired")
      .string("ties", "share_greater counts scenario > baseline strictly; ties are share_equal")
      .add("bootstrap", Object()
                            .string("rng", "philox4x32-10, key seed, counter (draw, position)")
                            .count("seed", bootstrap.seed)
                            .count("draws", bootstrap.draws)
                            .number("confidence", bootstrap.confidence)
                            .str())
      .str();
}

std::string metric_definition(const MetricDefinition& metric, int month) {
  return Object()
      .string("name", metric.name)
      .string("units", metric.units)
      .string("long_name", metric.long_name)
      .string("aggregation", aggregation_name(metric.aggregation))
      .string("aggregation_text", describe_aggregation(metric.aggregation, month))
      .string("numerator", metric.numerator)
      .string("denominator", metric.denominator)
      .str();
}

std::string difference(const stats::PairedDifference& d) {
  return Object()
      .count("n", d.n)
      .count("excluded", d.excluded)
      .number("mean", d.mean)
      .number("sd", d.sd)
      .number("t_quantile", d.t_quantile)
      .number("ci_low", d.ci_low)
      .number("ci_high", d.ci_high)
      .flag("excludes_zero", d.excludes_zero())
      .number("baseline_mean", d.baseline_mean)
      .number("relative_change", d.relative_change)
      .number("share_greater", d.share_greater)
      .number("share_equal", d.share_equal)
      .number("share_less", d.share_less)
      .str();
}

std::string metric_result(const MetricResult& result) {
  const stats::Summary& s = result.summary;
  Object object;
  object.add("values", json_numbers(result.values))
      .count("n", s.n)
      .count("missing", s.missing)
      .number("mean", s.mean)
      .number("median", s.median)
      .number("p05", s.p05)
      .number("p95", s.p95)
      .number("sd", s.sd);
  if (!result.difference) return object.add("difference", "null").str();
  if (!*result.difference) {
    return object.add("difference", "null")
        .string("difference_error", result.difference->error().message)
        .str();
  }
  return object.add("difference", difference(result.difference->value())).str();
}

std::string cost_effectiveness(const std::vector<CostEffectiveness>& costs) {
  Object object;
  for (const CostEffectiveness& cost : costs) {
    if (!cost.ratio) {
      object.add(cost.outcome, "null").string(cost.outcome + "_error", cost.ratio.error().message);
      continue;
    }
    const stats::RatioInterval& r = *cost.ratio;
    object.add(cost.outcome, Object()
                                 .string("verdict", verdict_name(cost.verdict))
                                 .number("estimate", r.estimate)
                                 .number("ci_low", r.ci_low)
                                 .number("ci_high", r.ci_high)
                                 .count("draws", r.draws)
                                 .count("draws_dropped", r.draws_dropped)
                                 .number("cost_difference", cost.cost_difference)
                                 .number("outcome_difference", cost.outcome_difference)
                                 .str());
  }
  return object.str();
}

std::string scenario(const Comparison& comparison, const ScenarioComparison& s) {
  Object metrics;
  for (std::size_t m = 0; m < comparison.metrics.size(); ++m) {
    metrics.add(comparison.metrics[m].name, metric_result(s.metrics[m]));
  }
  Object object;
  object.string("name", s.name)
      .flag("is_baseline", s.is_baseline)
      .count("replicates", s.replicate_ids.size())
      .add("replicate_ids", array(s.replicate_ids, [](auto id) { return std::to_string(id); }))
      .count("paired_replicates", s.paired_replicates)
      .add("metrics", metrics.str());
  if (comparison.cost_effectiveness && !s.is_baseline) {
    object.add("cost_effectiveness", cost_effectiveness(s.cost));
  }
  return object.str();
}

}  // namespace

std::string format_json(const Comparison& comparison) {
  const int month = comparison.month;
  return Object()
             .string("format", "kopa-compare")
             .count("format_version", 1)
             .flag("interrupted", comparison.interrupted)
             .string("parameter_uncertainty", comparison.parameter_uncertainty)
             .string("baseline", comparison.baseline)
             .count("month", static_cast<std::size_t>(month))
             .count("months", static_cast<std::size_t>(comparison.months))
             .add("settings", settings(comparison))
             .add("metrics", array(comparison.metrics,
                                   [&](const auto& m) { return metric_definition(m, month); }))
             .add("scenarios", array(comparison.scenarios,
                                     [&](const auto& s) { return scenario(comparison, s); }))
             .str() +
         "\n";
}

}  // namespace kopa::analysis
