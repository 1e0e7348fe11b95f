#include <cmath>

#include "stats/format.hpp"
#include "stats/format_values.hpp"

namespace kopa::analysis {
namespace {

// One header for both kinds of row, so the file is one rectangular table: metric rows leave the
// cost columns empty and cost rows (metric "public_cost_per_additional_<outcome>") the others.
constexpr const char* header =
    "scenario,is_baseline,metric,aggregation,month,interrupted,n,mean,median,p05,p95,"
    "diff_n,diff_mean,diff_sd,diff_ci_low,diff_ci_high,diff_excludes_zero,relative_change,"
    "share_greater,share_equal,share_less,"
    "ratio_estimate,ratio_ci_low,ratio_ci_high,ratio_draws,ratio_draws_dropped,note,"
    "missing,diff_excluded,ratio_verdict\n";

std::string join(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + fields[i];
  return line + "\n";
}

std::vector<std::string> row_start(const Comparison& comparison, const ScenarioComparison& scenario,
                                   const std::string& metric, std::string_view aggregation) {
  return {csv_field(scenario.name),
          scenario.is_baseline ? "true" : "false",
          csv_field(metric),
          std::string(aggregation),
          std::to_string(comparison.month),
          comparison.interrupted ? "true" : "false"};
}

void append(std::vector<std::string>& row, std::initializer_list<std::string> fields) {
  row.insert(row.end(), fields);
}

std::string metric_row(const Comparison& comparison, const ScenarioComparison& scenario,
                       std::size_t metric) {
  const MetricDefinition& definition = comparison.metrics[metric];
  const MetricResult& result = scenario.metrics[metric];
  auto row =
      row_start(comparison, scenario, definition.name, aggregation_name(definition.aggregation));
  const stats::Summary& s = result.summary;
  append(row, {std::to_string(s.n), csv_number(s.mean), csv_number(s.median), csv_number(s.p05),
               csv_number(s.p95)});
  std::string note;
  if (result.difference && *result.difference) {
    const stats::PairedDifference& d = result.difference->value();
    append(row, {std::to_string(d.n), csv_number(d.mean), csv_number(d.sd), csv_number(d.ci_low),
                 csv_number(d.ci_high), d.excludes_zero() ? "true" : "false",
                 csv_number(d.relative_change), csv_number(d.share_greater),
                 csv_number(d.share_equal), csv_number(d.share_less)});
  } else {
    row.resize(row.size() + 10);
    if (result.difference) note = result.difference->error().message;
  }
  row.resize(row.size() + 5);
  row.push_back(csv_field(note));
  const bool paired = result.difference && *result.difference;
  append(row, {std::to_string(s.missing),
               paired ? std::to_string(result.difference->value().excluded) : std::string(), ""});
  return join(row);
}

std::string cost_row(const Comparison& comparison, const ScenarioComparison& scenario,
                     const CostEffectiveness& cost) {
  auto row = row_start(comparison, scenario, "public_cost_per_additional_" + cost.outcome,
                       "ratio_of_mean_differences");
  row.resize(row.size() + 15);
  std::string note;
  if (cost.ratio) {
    const stats::RatioInterval& r = *cost.ratio;
    append(row, {csv_number(r.estimate), csv_number(r.ci_low), csv_number(r.ci_high),
                 std::to_string(r.draws), std::to_string(r.draws_dropped)});
  } else {
    row.resize(row.size() + 5);
    note = cost.ratio.error().message;
  }
  row.push_back(csv_field(note));
  append(row, {"", "", cost.ratio ? std::string(verdict_name(cost.verdict)) : std::string()});
  return join(row);
}

}  // namespace

std::string format_csv(const Comparison& comparison) {
  std::string out = header;
  for (const ScenarioComparison& scenario : comparison.scenarios) {
    for (std::size_t metric = 0; metric < comparison.metrics.size(); ++metric) {
      out += metric_row(comparison, scenario, metric);
    }
    for (const CostEffectiveness& cost : scenario.cost) out += cost_row(comparison, scenario, cost);
  }
  return out;
}

}  // namespace kopa::analysis
