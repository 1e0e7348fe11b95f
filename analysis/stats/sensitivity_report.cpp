#include "stats/sensitivity_report.hpp"

#include <algorithm>
#include <cmath>

#include "stats/format_values.hpp"

namespace kopa::analysis {
namespace {

// "3, 7, 12" (at most `shown`, then "and n more").
template <typename Number>
std::string listed(const std::vector<Number>& numbers, std::size_t shown = 10) {
  std::string text;
  for (std::size_t i = 0; i < numbers.size() && i < shown; ++i) {
    text += (i ? ", " : "") + std::to_string(numbers[i]);
  }
  if (numbers.size() > shown) text += " and " + std::to_string(numbers.size() - shown) + " more";
  return text;
}

// The numbers 0 .. count - 1 that `kept` (ascending) lacks: the rows or trajectories left out.
template <typename Number>
std::vector<Number> left_out(std::size_t count, const std::vector<Number>& kept) {
  std::vector<Number> missing;
  for (std::size_t n = 0, k = 0; n < count; ++n) {
    if (k < kept.size() && kept[k] == static_cast<Number>(n)) {
      ++k;
    } else {
      missing.push_back(static_cast<Number>(n));
    }
  }
  return missing;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : ", ") + part;
  return text;
}

// Notes every analysis of a sweep output shares: undefined runs, unequal replicates, noise.
void describe_output(const AnalysedOutput& output, std::vector<std::string>& warnings,
                     std::vector<std::string>& notes, bool totals_inflated) {
  const stats::PointOutputs& points = output.points;
  if (points.undefined_runs > 0) {
    notes.push_back(std::to_string(points.undefined_runs) + " finished runs have no value of " +
                    output.metric.name +
                    " (a ratio of two zero sums) and are left out of their point's mean");
  }
  std::size_t fewest = output.replicates, most = 0;
  for (const std::size_t runs : points.runs) {
    if (runs == 0) continue;
    fewest = std::min(fewest, runs);
    most = std::max(most, runs);
  }
  if (most > 0 && fewest != most) {
    notes.push_back("points average " + std::to_string(fewest) + " to " + std::to_string(most) +
                    " runs each, so some means are noisier than others");
  }
  if (std::isnan(points.noise_share)) {
    notes.push_back("replicate noise cannot be measured: no point has 2 runs that vary");
  } else if (points.noise_share_of_means > noisy_share_of_means) {
    warnings.push_back("replicate noise alone could make " + percent(points.noise_share_of_means) +
                       " of the variance of the point means" +
                       (totals_inflated ? ", and inflates each ST by up to about that much" : "") +
                       ": add replicates");
  }
}

// The Sobol' warnings: intervals too wide to read, S1 above ST beyond noise.
void warn_sobol(SobolReport& report) {
  std::vector<std::string> wide, excess;
  const auto too_wide = [](const stats::IntervalEstimate& e) {
    return !(e.high - e.low <= wide_interval);
  };
  for (std::size_t i = 0; i < report.factors.size(); ++i) {
    const stats::SobolFactorIndices& f = report.indices->factors[i];
    const bool first = too_wide(f.first_order), total = too_wide(f.total_order);
    if (first || total) {
      wide.push_back((first && total ? "S1 and ST"
                      : first        ? "S1"
                                     : "ST") +
                     std::string(" of ") + report.factors[i]);
    }
    if (f.first_exceeds_total) excess.push_back(report.factors[i]);
  }
  const std::string advice = ": increase `samples` (N = " + std::to_string(report.samples) + ")";
  if (!wide.empty()) {
    report.warnings.push_back("95% intervals wider than " + compact(wide_interval) + " for " +
                              joined(wide) + advice);
  }
  if (!excess.empty()) {
    report.warnings.push_back("S1 > ST beyond bootstrap noise, which true indices never are, for " +
                              joined(excess) + advice);
  }
}

void warn_morris(MorrisReport& report) {
  // Saltelli et al. (2008, The Primer, section 3.3): p = 4 levels and r = 10 trajectories have
  // given valuable results; fewer trajectories rank factors roughly.
  constexpr std::size_t primer_trajectories = 10;
  if (report.statistics->trajectories < primer_trajectories) {
    report.warnings.push_back(
        "only " + std::to_string(report.statistics->trajectories) +
        " complete trajectories; the Primer's screening uses 10 or more: increase `trajectories`");
  }
}

std::vector<double> interest_means(const AnalysedOutput& output,
                                   const std::vector<std::size_t>& points) {
  std::vector<double> means;
  for (const std::size_t p : points) means.push_back(output.points.mean[p]);
  return means;
}

}  // namespace

std::string condition_text(const PrimCondition& condition) {
  return condition.metric + (condition.at_least ? " >= " : " <= ") + compact(condition.threshold);
}

Expected<SobolReport> analyse_sobol(AnalysedOutput output, std::vector<std::string> factors,
                                    std::span<const std::int32_t> block, std::size_t samples,
                                    const stats::BootstrapOptions& bootstrap) {
  SobolReport report;
  report.factors = std::move(factors);
  report.samples = samples;
  report.bootstrap = bootstrap;
  auto blocks = stats::saltelli_outputs(block, report.factors.size(), output.points.mean);
  if (!blocks) return blocks.error();
  if (blocks->design_rows != samples) {
    return Error{"the Sobol' design has " + std::to_string(blocks->design_rows) +
                 " points per block but N = " + std::to_string(samples)};
  }
  report.dropped_rows = left_out(samples, blocks->rows);
  if (!report.dropped_rows.empty()) {
    report.notes.push_back(
        "left out " + std::to_string(report.dropped_rows.size()) + " of " +
        std::to_string(samples) + " base rows whose " + std::to_string(report.factors.size() + 2) +
        " points do not all have an output (rows " + listed(report.dropped_rows) +
        "): resume the sweep (kopa sweep --resume) to use every row");
  }
  describe_output(output, report.warnings, report.notes, true);
  report.output = std::move(output);
  auto indices = stats::sobol_indices(*blocks, bootstrap);
  if (!indices) {
    report.undefined = indices.error().message;
    return report;
  }
  report.indices = std::move(*indices);
  warn_sobol(report);
  return report;
}

Expected<MorrisReport> analyse_morris(AnalysedOutput output, std::vector<std::string> factors,
                                      std::span<const stats::MorrisMove> moves, double delta,
                                      const stats::BootstrapOptions& bootstrap) {
  MorrisReport report;
  report.factors = std::move(factors);
  report.bootstrap = bootstrap;
  auto effects = stats::elementary_effects(moves, delta, report.factors.size(), output.points.mean);
  if (!effects) return effects.error();
  report.samples = effects->design_trajectories;
  report.dropped_trajectories = left_out(report.samples, effects->trajectories);
  if (!report.dropped_trajectories.empty()) {
    report.notes.push_back("left out " + std::to_string(report.dropped_trajectories.size()) +
                           " of " + std::to_string(report.samples) +
                           " trajectories with a point without output (trajectories " +
                           listed(report.dropped_trajectories) +
                           "): resume the sweep (kopa sweep --resume) to use them all");
  }
  describe_output(output, report.warnings, report.notes, false);
  report.output = std::move(output);
  auto statistics = stats::morris_statistics(*effects, bootstrap);
  if (!statistics) {
    report.undefined = statistics.error().message;
    return report;
  }
  report.statistics = std::move(*statistics);
  warn_morris(report);
  return report;
}

Expected<PrimReport> analyse_prim(std::vector<PrimCondition> conditions,
                                  std::vector<AnalysedOutput> outputs,
                                  std::vector<std::string> factors,
                                  const std::vector<std::vector<double>>& x,
                                  std::optional<std::size_t> chosen,
                                  const stats::PrimOptions& options) {
  PrimReport report;
  report.conditions = std::move(conditions);
  report.factors = std::move(factors);
  report.options = options;
  report.samples = x.size();
  for (std::size_t p = 0; p < x.size(); ++p) {
    const bool defined = std::all_of(outputs.begin(), outputs.end(), [&](const auto& output) {
      return std::isfinite(output.points.mean[p]);
    });
    if (defined) report.used_points.push_back(p);
  }
  if (report.used_points.size() < x.size()) {
    report.notes.push_back("left out " + std::to_string(x.size() - report.used_points.size()) +
                           " of " + std::to_string(x.size()) +
                           " points without an output (not run, or a ratio of two zero sums)");
  }
  std::vector<std::vector<double>> used_x;
  std::vector<bool> interest(report.used_points.size(), true);
  for (const std::size_t p : report.used_points) used_x.push_back(x[p]);
  for (std::size_t c = 0; c < outputs.size(); ++c) {
    describe_output(outputs[c], report.warnings, report.notes, false);
    const std::vector<double> means = interest_means(outputs[c], report.used_points);
    for (std::size_t i = 0; i < means.size(); ++i) {
      const PrimCondition& condition = report.conditions[c];
      const bool met =
          condition.at_least ? means[i] >= condition.threshold : means[i] <= condition.threshold;
      interest[i] = interest[i] && met;
    }
  }
  report.outputs = std::move(outputs);
  auto trajectory = stats::prim_trajectory(used_x, interest, options);
  if (!trajectory) {
    report.undefined = trajectory.error().message;
    return report;
  }
  const std::size_t last = trajectory->steps.size() - 1;
  if (chosen && *chosen > last) {
    return Error{"--prim-box " + std::to_string(*chosen) + " is not on the trajectory (boxes 0.." +
                 std::to_string(last) + ")"};
  }
  report.chosen = chosen.value_or(last);
  report.chosen_by_user = chosen.has_value();
  report.restrictions = stats::prim_restrictions(*trajectory, report.chosen, used_x, interest);
  report.trajectory = std::move(*trajectory);
  if (report.trajectory->of_interest == report.trajectory->points) {
    report.warnings.push_back("every point meets the condition: there is nothing to tell apart");
  }
  return report;
}

bool has_result(const AnalysisReport& report) {
  for (const auto& sobol : report.sobol) {
    if (sobol.indices) return true;
  }
  for (const auto& morris : report.morris) {
    if (morris.statistics) return true;
  }
  return report.prim && report.prim->trajectory;
}

}  // namespace kopa::analysis
