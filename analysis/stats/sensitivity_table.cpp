#include <cmath>
#include <cstdio>

#include "stats/format_values.hpp"
#include "stats/sensitivity_format.hpp"
#include "stats/text_grid.hpp"

namespace kopa::analysis {
namespace {

constexpr std::size_t terminal_width = 100;

// An index to 3 decimals ("0.412", "-0.013"); "n/a" for NaN.
std::string index_text(double x) {
  if (!std::isfinite(x)) return "n/a";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", x);
  return buffer;
}

std::string index_interval(const stats::IntervalEstimate& e) {
  return "[" + index_text(e.low) + ", " + index_text(e.high) + "]";
}

// A p-value to 2 significant digits; "-" for a side without a restriction.
std::string p_text(double p) {
  if (std::isnan(p)) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2g", p);
  return buffer;
}

std::string output_title(const AnalysedOutput& output) {
  return output.metric.name + " [" + output.metric.units + "; " +
         describe_aggregation(output.metric.aggregation, output.month) +
         "], the mean of each point's finished replicates (" + std::to_string(output.replicates) +
         " designed)";
}

std::string noise_line(const AnalysedOutput& output, const std::string& prefix = "") {
  if (std::isnan(output.points.noise_share)) return "";
  return wrap(prefix + "replicate noise: " + percent(output.points.noise_share) +
                  " of the variance between runs; up to " +
                  percent(output.points.noise_share_of_means) +
                  " of the variance of the point means",
              terminal_width, "  ");
}

std::string remarks(const std::string& undefined, const std::vector<std::string>& warnings,
                    const std::vector<std::string>& notes) {
  std::string out;
  if (!undefined.empty()) out += wrap("no result: " + undefined, terminal_width, "  ");
  for (const auto& w : warnings) out += wrap("warning: " + w, terminal_width, "  ");
  for (const auto& n : notes) out += wrap("note: " + n, terminal_width, "  ");
  return out;
}

std::string sobol_block(const SobolReport& r) {
  std::string out = wrap("Sobol' indices of " + output_title(r.output), terminal_width, "  ");
  const std::size_t used = r.indices ? r.indices->rows : 0;
  out +=
      wrap("N = " + std::to_string(r.samples) + " base rows (" + std::to_string(used) + " used), " +
               std::to_string(r.factors.size()) + " factors; " + percent(r.bootstrap.confidence) +
               " percentile bootstrap intervals over base "
               "rows (" +
               std::to_string(r.bootstrap.draws) + " draws)",
           terminal_width, "  ");
  if (r.indices) {
    TextGrid grid{{"factor", "S1", "95% interval", "ST", "95% interval"}, {}};
    for (std::size_t i = 0; i < r.factors.size(); ++i) {
      const stats::SobolFactorIndices& f = r.indices->factors[i];
      grid.rows.push_back({r.factors[i], index_text(f.first_order.value),
                           index_interval(f.first_order), index_text(f.total_order.value),
                           index_interval(f.total_order)});
    }
    const stats::IntervalEstimate& sum = r.indices->first_order_sum;
    grid.rows.push_back({"sum of S1", index_text(sum.value), index_interval(sum), "", ""});
    out += "\n" + render_wrapped(grid, terminal_width) + "\n";
  }
  out += noise_line(r.output);
  return out + remarks(r.undefined, r.warnings, r.notes);
}

std::string morris_block(const MorrisReport& r) {
  std::string out = wrap("Morris elementary effects of " + output_title(r.output) +
                             "; an effect is the change of the output per factor range",
                         terminal_width, "  ");
  const std::size_t used = r.statistics ? r.statistics->trajectories : 0;
  out += wrap("r = " + std::to_string(r.samples) + " trajectories (" + std::to_string(used) +
                  " used), " + std::to_string(r.factors.size()) + " factors, ranked by mu*; " +
                  percent(r.bootstrap.confidence) +
                  " percentile bootstrap interval of mu* over trajectories",
              terminal_width, "  ");
  if (r.statistics) {
    TextGrid grid{{"factor", "rank", "mu*", "95% interval", "mu", "sigma"}, {}};
    std::vector<std::size_t> order(r.factors.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[r.statistics->factors[i].rank - 1] = i;
    for (const std::size_t i : order) {
      const stats::MorrisFactorStatistics& f = r.statistics->factors[i];
      grid.rows.push_back({r.factors[i], std::to_string(f.rank), compact(f.mu_star.value),
                           compact_interval(f.mu_star.low, f.mu_star.high), compact(f.mu),
                           compact(f.sigma)});
    }
    out += "\n" + render_wrapped(grid, terminal_width) + "\n";
  }
  out += noise_line(r.output);
  return out + remarks(r.undefined, r.warnings, r.notes);
}

std::string prim_conditions(const PrimReport& r) {
  std::string text;
  for (const auto& c : r.conditions) text += (text.empty() ? "" : " and ") + condition_text(c);
  return text;
}

std::string prim_trajectory_grid(const stats::PrimTrajectory& t) {
  TextGrid grid{{"box", "move", "coverage", "density", "mass", "points", "restricted"}, {}};
  for (std::size_t s = 0; s < t.steps.size(); ++s) {
    const stats::PrimStep& step = t.steps[s];
    grid.rows.push_back({std::to_string(s), std::string(stats::prim_move_name(step.move)),
                         percent(step.coverage), percent(step.density), percent(step.mass),
                         std::to_string(step.points), std::to_string(step.restricted)});
  }
  return render_aligned(grid, terminal_width);
}

std::string prim_box(const PrimReport& r) {
  const stats::PrimTrajectory& t = *r.trajectory;
  const stats::PrimStep& box = t.steps[r.chosen];
  std::string out =
      wrap("box " + std::to_string(r.chosen) +
               (r.chosen_by_user ? "" : " (the last; choose another with --prim-box)") +
               ": coverage " + percent(box.coverage) + ", density " + percent(box.density) +
               ", mass " + percent(box.mass) + " (" + std::to_string(box.of_interest) + " of its " +
               std::to_string(box.points) + " points are of interest)",
           terminal_width, "  ");
  if (r.restrictions.empty()) return out + "the box restricts no factor\n";
  TextGrid grid{{"factor", "low", "high", "full range", "p low", "p high"}, {}};
  const stats::PrimBox& initial = t.steps.front().box;
  for (const auto& restriction : r.restrictions) {
    const std::size_t j = restriction.factor;
    grid.rows.push_back({r.factors[j], compact(restriction.low), compact(restriction.high),
                         compact(initial.low[j]) + " .. " + compact(initial.high[j]),
                         p_text(restriction.p_low), p_text(restriction.p_high)});
  }
  return out + render_wrapped(grid, terminal_width);
}

std::string prim_block(const PrimReport& r) {
  std::string out = wrap("PRIM scenario discovery: which factor ranges hold the points where " +
                             prim_conditions(r) + " (point means over finished replicates)",
                         terminal_width, "  ");
  if (r.trajectory) {
    const stats::PrimTrajectory& t = *r.trajectory;
    out +=
        wrap(std::to_string(t.points) + " of " + std::to_string(r.samples) + " points used, " +
                 std::to_string(t.of_interest) + " of interest (" +
                 percent(static_cast<double>(t.of_interest) / static_cast<double>(t.points)) +
                 "); peeling alpha " + compact(r.options.peel_alpha) + ", pasting alpha " +
                 compact(r.options.paste_alpha) + ", minimum mass " + compact(r.options.mass_min),
             terminal_width, "  ");
    out += "\n" + prim_trajectory_grid(t) + "\n" + prim_box(r) + "\n";
    out += wrap(
        "p low, p high: significance of each restricted side (one-sided binomial test, "
        "Bryant & Lempert 2010); small means the restriction matters",
        terminal_width, "  ");
  }
  for (const auto& output : r.outputs) out += noise_line(output, output.metric.name + ": ");
  return out + remarks(r.undefined, r.warnings, r.notes);
}

}  // namespace

std::string format_analysis_table(const AnalysisReport& report) {
  std::string out = wrap("kopa analyse " + report.sweep + " (design " + report.design +
                             (report.interrupted ? ", interrupted sweep" : "") + ")",
                         terminal_width, "  ");
  for (const auto& r : report.sobol) out += "\n" + sobol_block(r);
  for (const auto& r : report.morris) out += "\n" + morris_block(r);
  if (report.prim) out += "\n" + prim_block(*report.prim);
  return out;
}

Expected<std::string> format_analysis(const AnalysisReport& report, Format format) {
  switch (format) {
    case Format::table:
      return format_analysis_table(report);
    case Format::csv:
      return format_analysis_csv(report);
    case Format::json:
      return format_analysis_json(report);
    case Format::markdown:
      break;
  }
  return Error{"kopa analyse writes table, csv or json, not markdown"};
}

}  // namespace kopa::analysis
