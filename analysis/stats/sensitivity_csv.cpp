#include "stats/format_values.hpp"
#include "stats/sensitivity_format.hpp"

namespace kopa::analysis {
namespace {

std::string row(const std::vector<std::string>& fields) {
  std::string text;
  for (std::size_t i = 0; i < fields.size(); ++i) text += (i ? "," : "") + fields[i];
  return text + "\n";
}

std::string sobol_rows(const SobolReport& r) {
  std::string text;
  if (!r.indices) return text;
  for (std::size_t i = 0; i < r.factors.size(); ++i) {
    const stats::SobolFactorIndices& f = r.indices->factors[i];
    text += row({"sobol", csv_field(r.output.metric.name), csv_field(r.factors[i]),
                 csv_number(f.first_order.value), csv_number(f.first_order.low),
                 csv_number(f.first_order.high), csv_number(f.total_order.value),
                 csv_number(f.total_order.low), csv_number(f.total_order.high),
                 f.first_exceeds_total ? "true" : "false", std::to_string(r.indices->rows),
                 std::to_string(r.samples)});
  }
  return text;
}

std::string morris_rows(const MorrisReport& r) {
  std::string text;
  if (!r.statistics) return text;
  for (std::size_t i = 0; i < r.factors.size(); ++i) {
    const stats::MorrisFactorStatistics& f = r.statistics->factors[i];
    text += row({"morris", csv_field(r.output.metric.name), csv_field(r.factors[i]),
                 std::to_string(f.rank), csv_number(f.mu_star.value), csv_number(f.mu_star.low),
                 csv_number(f.mu_star.high), csv_number(f.mu), csv_number(f.sigma),
                 std::to_string(r.statistics->trajectories), std::to_string(r.samples)});
  }
  return text;
}

// One row per trajectory step and factor; p-values on the chosen box's rows only.
std::string prim_rows(const PrimReport& r) {
  std::string text;
  if (!r.trajectory) return text;
  const stats::PrimTrajectory& t = *r.trajectory;
  const stats::PrimBox& initial = t.steps.front().box;
  for (std::size_t s = 0; s < t.steps.size(); ++s) {
    const stats::PrimStep& step = t.steps[s];
    for (std::size_t j = 0; j < r.factors.size(); ++j) {
      const bool restricted =
          step.box.low[j] != initial.low[j] || step.box.high[j] != initial.high[j];
      std::string p_low, p_high;
      if (s == r.chosen) {
        for (const auto& restriction : r.restrictions) {
          if (restriction.factor != j) continue;
          p_low = csv_number(restriction.p_low);
          p_high = csv_number(restriction.p_high);
        }
      }
      text += row({std::to_string(s), std::string(stats::prim_move_name(step.move)),
                   s == r.chosen ? "true" : "false", csv_number(step.coverage),
                   csv_number(step.density), csv_number(step.mass), std::to_string(step.points),
                   std::to_string(step.of_interest), csv_field(r.factors[j]),
                   csv_number(step.box.low[j]), csv_number(step.box.high[j]),
                   restricted ? "true" : "false", p_low, p_high});
    }
  }
  return text;
}

}  // namespace

std::string format_analysis_csv(const AnalysisReport& report) {
  if (report.prim) {
    return "box,move,chosen,coverage,density,mass,points,of_interest,factor,low,high,restricted,"
           "p_low,p_high\n" +
           prim_rows(*report.prim);
  }
  if (!report.morris.empty()) {
    std::string text =
        "method,metric,factor,rank,mu_star,mu_star_low,mu_star_high,mu,sigma,trajectories_used,"
        "samples\n";
    for (const auto& r : report.morris) text += morris_rows(r);
    return text;
  }
  std::string text =
      "method,metric,factor,S1,S1_low,S1_high,ST,ST_low,ST_high,S1_exceeds_ST,rows_used,samples\n";
  for (const auto& r : report.sobol) text += sobol_rows(r);
  return text;
}

}  // namespace kopa::analysis
