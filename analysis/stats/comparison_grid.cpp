#include "stats/comparison_grid.hpp"

#include <algorithm>

#include "stats/format_values.hpp"
#include "util/year_month.hpp"

namespace kopa::analysis {
namespace {

std::string confidence_percent(double confidence) {
  return std::to_string(static_cast<int>(confidence * 100.0 + 0.5)) + "%";
}

// Replicates or pairs without a value (a ratio of 0/0) are left out of the numbers; say so.
void note_missing(const std::string& metric, const ScenarioComparison& scenario,
                  const MetricResult& result, Notes& notes) {
  const std::size_t replicates = result.summary.n + result.summary.missing;
  if (result.summary.missing > 0) {
    notes.add(metric + ": " + std::to_string(result.summary.missing) + " of " +
              std::to_string(replicates) + " replicates of '" + scenario.name +
              "' have no value (0/0) and are left out of its mean and band");
  }
  if (result.difference && *result.difference && (*result.difference)->excluded > 0) {
    notes.add(metric + ": " + std::to_string((*result.difference)->excluded) + " pairs of '" +
              scenario.name +
              "' with the baseline have no value on one side (0/0) and are left out of the "
              "difference");
  }
}

std::vector<std::string> difference_cells(const MetricResult& result, Notes& notes) {
  if (!result.difference) return {"-", "", "", "", ""};  // the baseline itself
  const auto& difference = *result.difference;
  if (!difference) {
    notes.add("n/a: " + difference.error().message);
    return {"n/a", "", "", "", ""};
  }
  return {signed_compact(difference->mean),
          compact_interval(difference->ci_low, difference->ci_high),
          difference->excludes_zero() ? "*" : "", signed_percent(difference->relative_change),
          percent(difference->share_greater)};
}

std::string outcome_words(const std::string& outcome) {
  return outcome == "founders_sustained" ? "sustained enterprises" : outcome;
}

// A negative ratio is not a price: the dominance cases say what they are instead.
std::vector<std::string> ratio_cells(const ScenarioComparison& scenario,
                                     const CostEffectiveness& cost, Notes& notes) {
  if (!cost.ratio) {
    notes.add("n/a: " + cost.ratio.error().message);
    return {"n/a", ""};
  }
  const std::string interval = compact_interval(cost.ratio->ci_low, cost.ratio->ci_high);
  const std::string change = "(" + signed_compact(cost.cost_difference) + " EUR, " +
                             signed_compact(cost.outcome_difference) + " " +
                             outcome_words(cost.outcome) + ")";
  switch (cost.verdict) {
    case CostVerdict::cost_per_additional:
      return {compact(cost.ratio->estimate), interval};
    case CostVerdict::dominant:
      notes.add("dominant: '" + scenario.name + "' gives more " + outcome_words(cost.outcome) +
                " for less public money " + change + "; there is no cost per additional one");
      return {"dominant", ""};
    case CostVerdict::dominated:
      notes.add("dominated: '" + scenario.name + "' gives fewer " + outcome_words(cost.outcome) +
                " for more public money " + change + "; there is no cost per additional one");
      return {"dominated", ""};
    case CostVerdict::saving_per_unit_lost:
      notes.add("saves: '" + scenario.name + "' gives fewer " + outcome_words(cost.outcome) +
                " for less public money " + change + "; the figure is EUR saved per one given up");
      return {"saves " + compact(cost.ratio->estimate), interval};
  }
  return {"n/a", ""};
}

std::string replicate_range(const Comparison& comparison) {
  std::size_t low = SIZE_MAX;
  std::size_t high = 0;
  for (const ScenarioComparison& scenario : comparison.scenarios) {
    low = std::min(low, scenario.replicate_ids.size());
    high = std::max(high, scenario.replicate_ids.size());
  }
  return low == high ? std::to_string(low) : std::to_string(low) + "-" + std::to_string(high);
}

}  // namespace

void Notes::add(const std::string& line) {
  if (std::find(lines.begin(), lines.end(), line) == lines.end()) lines.push_back(line);
}

std::string metric_title(const Comparison& comparison, std::size_t metric) {
  const MetricDefinition& definition = comparison.metrics[metric];
  // How the number was made comes before the long name, which is what a narrow terminal cuts.
  return definition.name + " [" + definition.units + "; " +
         describe_aggregation(definition.aggregation, comparison.month) +
         "]: " + definition.long_name;
}

TextGrid metric_grid(const Comparison& comparison, std::size_t metric, Notes& notes) {
  TextGrid grid;
  grid.header = {"scenario", "mean", "median",
                 "5%-95%",   "diff", confidence_percent(comparison.confidence) + " CI",
                 "sig",      "rel",  ">base"};
  for (const ScenarioComparison& scenario : comparison.scenarios) {
    const MetricResult& result = scenario.metrics[metric];
    note_missing(comparison.metrics[metric].name, scenario, result, notes);
    std::vector<std::string> row{scenario.name, compact(result.summary.mean),
                                 compact(result.summary.median),
                                 compact_interval(result.summary.p05, result.summary.p95)};
    for (std::string& cell : difference_cells(result, notes)) row.push_back(std::move(cell));
    grid.rows.push_back(std::move(row));
  }
  return grid;
}

std::string cost_title(const Comparison& comparison) {
  return "cost-effectiveness: extra public cost per extra unit [EUR, public_cost summed over "
         "months "
         "0-" +
         std::to_string(comparison.month) + "; paired bootstrap]";
}

TextGrid cost_grid(const Comparison& comparison, Notes& notes) {
  const std::string interval = confidence_percent(comparison.bootstrap.confidence) + " CI";
  TextGrid grid;
  grid.header = {"scenario", "per sustained", interval, "per job", interval};
  for (const ScenarioComparison& scenario : comparison.scenarios) {
    if (scenario.is_baseline) continue;
    std::vector<std::string> row{scenario.name};
    for (const CostEffectiveness& cost : scenario.cost) {
      for (std::string& cell : ratio_cells(scenario, cost, notes)) row.push_back(std::move(cell));
    }
    grid.rows.push_back(std::move(row));
  }
  return grid;
}

std::vector<std::string> preamble(const Comparison& comparison) {
  std::vector<std::string> lines{
      "kopa compare: " + std::to_string(comparison.scenarios.size()) + " scenarios against '" +
      comparison.baseline + "', " + replicate_range(comparison) + " replicates each, month " +
      std::to_string(comparison.month) + " of 0-" + std::to_string(comparison.months - 1)};
  if (comparison.start) {
    const std::int64_t start = *comparison.start;
    lines.front() += " (" + format_year_month(start + comparison.month) + "; months " +
                     format_year_month(start) + " to " +
                     format_year_month(start + comparison.months - 1) + ")";
  }
  if (comparison.interrupted) {
    lines.push_back("INTERRUPTED run: only the replicates that finished are compared");
  }
  if (!comparison.parameter_uncertainty.empty()) {
    lines.push_back(
        "Intervals include parameter uncertainty: one particle per replicate, the "
        "same in every scenario");
    lines.push_back("  drawn by weight from " + comparison.parameter_uncertainty);
  }
  return lines;
}

std::string how_to_read(const Comparison& comparison) {
  return "Read: diff = paired mean of scenario - baseline; sig * = " +
         confidence_percent(comparison.confidence) + " CI excludes 0; >base = % of pairs above";
}

}  // namespace kopa::analysis
