// The JSON layout of `kopa analyse` (docs/analyse.md, "JSON"): keys and their order are stable;
// new keys may be added, none renamed or removed without a format_version change.
#include <limits>

#include "stats/format_values.hpp"
#include "stats/sensitivity_format.hpp"

namespace kopa::analysis {
namespace {

constexpr int json_format_version = 1;

std::string key(const char* name, const std::string& json_value) {
  return json_string(name) + ": " + json_value;
}

std::string key(const char* name, double x) {
  return key(name, json_number(x));
}

std::string key_count(const char* name, std::size_t n) {
  return key(name, std::to_string(n));
}

std::string boolean(bool b) {
  return b ? "true" : "false";
}

// [a, b, c] on one line.
std::string inline_array(const std::vector<std::string>& items) {
  std::string text = "[";
  for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + items[i];
  return text + "]";
}

std::string strings(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const std::string& item : items) quoted.push_back(json_string(item));
  return inline_array(quoted);
}

template <typename Number>
std::string counts(const std::vector<Number>& items) {
  std::vector<std::string> numbers;
  for (const Number n : items) numbers.push_back(std::to_string(n));
  return inline_array(numbers);
}

std::string object(const std::vector<std::string>& members) {
  const std::string text = inline_array(members);
  return "{" + text.substr(1, text.size() - 2) + "}";
}

std::string array(const std::vector<std::string>& items, const std::string& indent) {
  if (items.empty()) return "[]";
  std::string text = "[";
  for (std::size_t i = 0; i < items.size(); ++i)
    text += (i ? "," : "") + ("\n" + indent) + items[i];
  return text + "]";
}

// What was analysed: the metric, how a run's total is made, and the replicate noise.
std::vector<std::string> output_members(const AnalysedOutput& o) {
  return {key("metric", json_string(o.metric.name)),
          key("units", json_string(o.metric.units)),
          key("long_name", json_string(o.metric.long_name)),
          key("aggregation", json_string(std::string(aggregation_name(o.metric.aggregation)))),
          key("month", std::to_string(o.month)),
          key_count("replicates", o.replicates),
          key("noise_share", o.points.noise_share),
          key("noise_share_of_means", o.points.noise_share_of_means),
          key_count("undefined_runs", o.points.undefined_runs)};
}

std::vector<std::string> bootstrap_members(const stats::BootstrapOptions& b) {
  return {key("confidence", b.confidence), key_count("bootstrap_draws", b.draws),
          key("bootstrap_seed", std::to_string(b.seed))};
}

std::vector<std::string> remark_members(const std::string& undefined,
                                        const std::vector<std::string>& warnings,
                                        const std::vector<std::string>& notes) {
  return {key("undefined", undefined.empty() ? "null" : json_string(undefined)),
          key("warnings", strings(warnings)), key("notes", strings(notes))};
}

void append(std::vector<std::string>& to, const std::vector<std::string>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

// What a Sobol' or Morris analysis starts with: the method, the output, the design's samples,
// how many of them were used and which were left out, and the bootstrap.
struct Head {
  const char* method;
  const AnalysedOutput& output;
  std::size_t samples;
  const char* used_key;
  std::size_t used;
  const char* dropped_key;
  std::string dropped;
  const stats::BootstrapOptions& bootstrap;
};

std::vector<std::string> head_members(const Head& head) {
  std::vector<std::string> members{key("method", json_string(head.method))};
  append(members, output_members(head.output));
  members.push_back(key_count("samples", head.samples));
  members.push_back(key_count(head.used_key, head.used));
  members.push_back(key(head.dropped_key, head.dropped));
  append(members, bootstrap_members(head.bootstrap));
  return members;
}

std::string sobol_json(const SobolReport& r) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const stats::IntervalEstimate none{nan, nan, nan};
  std::vector<std::string> members =
      head_members({"sobol", r.output, r.samples, "rows_used", r.indices ? r.indices->rows : 0,
                    "dropped_rows", counts(r.dropped_rows), r.bootstrap});
  std::vector<std::string> factors;
  for (std::size_t i = 0; i < r.factors.size(); ++i) {
    const stats::SobolFactorIndices f =
        r.indices ? r.indices->factors[i] : stats::SobolFactorIndices{none, none, false};
    factors.push_back(object({key("path", json_string(r.factors[i])),
                              key("S1", f.first_order.value), key("S1_low", f.first_order.low),
                              key("S1_high", f.first_order.high), key("ST", f.total_order.value),
                              key("ST_low", f.total_order.low), key("ST_high", f.total_order.high),
                              key("S1_exceeds_ST", boolean(f.first_exceeds_total))}));
  }
  members.push_back(key("factors", array(factors, "    ")));
  const stats::IntervalEstimate sum = r.indices ? r.indices->first_order_sum : none;
  members.push_back(key("S1_sum", sum.value));
  members.push_back(key("S1_sum_low", sum.low));
  members.push_back(key("S1_sum_high", sum.high));
  append(members, remark_members(r.undefined, r.warnings, r.notes));
  return object(members);
}

std::string morris_json(const MorrisReport& r) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::string> members =
      head_members({"morris", r.output, r.samples, "trajectories_used",
                    r.statistics ? r.statistics->trajectories : 0, "dropped_trajectories",
                    counts(r.dropped_trajectories), r.bootstrap});
  std::vector<std::string> factors;
  for (std::size_t i = 0; i < r.factors.size(); ++i) {
    const stats::MorrisFactorStatistics f =
        r.statistics ? r.statistics->factors[i]
                     : stats::MorrisFactorStatistics{{nan, nan, nan}, nan, nan, 0};
    factors.push_back(
        object({key("path", json_string(r.factors[i])),
                key("rank", f.rank ? std::to_string(f.rank) : "null"),
                key("mu_star", f.mu_star.value), key("mu_star_low", f.mu_star.low),
                key("mu_star_high", f.mu_star.high), key("mu", f.mu), key("sigma", f.sigma)}));
  }
  members.push_back(key("factors", array(factors, "    ")));
  append(members, remark_members(r.undefined, r.warnings, r.notes));
  return object(members);
}

// The factors a box restricts, with their limits.
std::string prim_limits(const PrimReport& r, const stats::PrimBox& box) {
  const stats::PrimBox& initial = r.trajectory->steps.front().box;
  std::vector<std::string> limits;
  for (std::size_t j = 0; j < r.factors.size(); ++j) {
    if (box.low[j] == initial.low[j] && box.high[j] == initial.high[j]) continue;
    limits.push_back(object({key("path", json_string(r.factors[j])), key("low", box.low[j]),
                             key("high", box.high[j])}));
  }
  return inline_array(limits);
}

std::vector<std::string> prim_result_members(const PrimReport& r) {
  const stats::PrimTrajectory& t = *r.trajectory;
  const stats::PrimBox& initial = t.steps.front().box;
  std::vector<std::string> factors;
  for (std::size_t j = 0; j < r.factors.size(); ++j) {
    factors.push_back(object({key("path", json_string(r.factors[j])), key("min", initial.low[j]),
                              key("max", initial.high[j])}));
  }
  std::vector<std::string> steps;
  for (std::size_t s = 0; s < t.steps.size(); ++s) {
    const stats::PrimStep& step = t.steps[s];
    steps.push_back(object(
        {key_count("box", s), key("move", json_string(stats::prim_move_name(step.move))),
         key("coverage", step.coverage), key("density", step.density), key("mass", step.mass),
         key_count("points", step.points), key_count("of_interest", step.of_interest),
         key_count("restricted", step.restricted), key("limits", prim_limits(r, step.box))}));
  }
  std::vector<std::string> box;
  for (const auto& restriction : r.restrictions) {
    box.push_back(object({key("path", json_string(r.factors[restriction.factor])),
                          key("low", restriction.low), key("high", restriction.high),
                          key("p_low", restriction.p_low), key("p_high", restriction.p_high)}));
  }
  const stats::PrimStep& chosen = t.steps[r.chosen];
  return {key_count("points_used", t.points),
          key_count("of_interest", t.of_interest),
          key("factors", array(factors, "    ")),
          key("trajectory", array(steps, "    ")),
          key_count("chosen", r.chosen),
          key("chosen_by_user", boolean(r.chosen_by_user)),
          key("coverage", chosen.coverage),
          key("density", chosen.density),
          key("mass", chosen.mass),
          key("box", array(box, "    "))};
}

std::string prim_json(const PrimReport& r) {
  std::vector<std::string> members{key("method", json_string("prim"))};
  std::vector<std::string> conditions;
  for (std::size_t c = 0; c < r.conditions.size(); ++c) {
    std::vector<std::string> condition{
        key("op", json_string(r.conditions[c].at_least ? ">=" : "<=")),
        key("threshold", r.conditions[c].threshold)};
    append(condition, output_members(r.outputs[c]));
    conditions.push_back(object(condition));
  }
  members.push_back(key("conditions", array(conditions, "    ")));
  members.push_back(key_count("samples", r.samples));
  members.push_back(key("peel_alpha", r.options.peel_alpha));
  members.push_back(key("paste_alpha", r.options.paste_alpha));
  members.push_back(key("mass_min", r.options.mass_min));
  if (r.trajectory) append(members, prim_result_members(r));
  append(members, remark_members(r.undefined, r.warnings, r.notes));
  return object(members);
}

}  // namespace

std::string format_analysis_json(const AnalysisReport& report) {
  std::vector<std::string> analyses;
  for (const auto& r : report.sobol) analyses.push_back(sobol_json(r));
  for (const auto& r : report.morris) analyses.push_back(morris_json(r));
  if (report.prim) analyses.push_back(prim_json(*report.prim));
  return object({key("format", json_string("kopa-analyse")),
                 key("format_version", std::to_string(json_format_version)),
                 key("sweep", json_string(report.sweep)), key("design", json_string(report.design)),
                 key("method", json_string(report.method)),
                 key("interrupted", boolean(report.interrupted)),
                 key("analyses", array(analyses, "  "))}) +
         "\n";
}

}  // namespace kopa::analysis
