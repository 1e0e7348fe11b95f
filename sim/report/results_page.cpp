#include <algorithm>
#include <iomanip>
#include <sstream>

#include "model/metrics.hpp"
#include "report/charts.hpp"
#include "report/comparison_table.hpp"
#include "report/page_parts.hpp"
#include "report/pages.hpp"
#include "report/results_input.hpp"
#include "stats/series.hpp"
#include "util/joined.hpp"

namespace kopa::report {
namespace {

std::string lead(const io::ResultsFile& file, const analysis::Comparison& comparison) {
  std::size_t low = SIZE_MAX, high = 0;
  for (const auto& scenario : comparison.scenarios) {
    low = std::min(low, scenario.replicate_ids.size());
    high = std::max(high, scenario.replicate_ids.size());
  }
  const std::string replicates =
      low == high ? std::to_string(low) : std::to_string(low) + "-" + std::to_string(high);
  return std::to_string(file.scenarios.size()) + " scenarios (" +
         joined(scenario_names(comparison.scenarios)) + ") against '" + comparison.baseline +
         "', " + replicates + " finished replicates each, months 0-" +
         std::to_string(comparison.months - 1) + "; compared at month " +
         std::to_string(comparison.month) + " (stocks at that month, flows summed up to it).";
}

// The breakdowns drawn: every group and region metric but the population counts (an input).
std::vector<std::string> breakdown_metrics(Breakdown dimension) {
  std::vector<std::string> names;
  for (const MetricSpec& spec : metric_catalog()) {
    if (spec.breakdown == dimension && !spec.name.starts_with("population_")) {
      names.emplace_back(spec.name);
    }
  }
  return names;
}

Expected<BreakdownSummary> summarize_breakdown(const io::ResultsReader& reader,
                                               const std::string& metric, int month) {
  auto input = read_breakdown_input(reader, metric);
  if (!input) return input.error();
  const MetricSpec& spec = metric_catalog()[static_cast<std::size_t>(find_metric(metric))];
  const auto aggregation = spec.accumulation == Accumulation::flow
                               ? analysis::Aggregation::flow_sum
                               : analysis::Aggregation::stock_at_month;
  BreakdownSummary summary{metric,
                           std::string(dimension_name(spec.breakdown)),
                           std::string(spec.units),
                           std::string(spec.long_name),
                           spec.accumulation == Accumulation::flow,
                           analysis::describe_aggregation(aggregation, month),
                           {}};
  for (const analysis::ScenarioResults& scenario : input->scenarios) {
    for (const analysis::MetricSeries& label : scenario.metrics) {
      const analysis::MetricDefinition definition{label.name,  label.units, label.long_name,
                                                  aggregation, label.name,  ""};
      summary.cells.push_back(
          {scenario.name, label.name,
           stats::describe(analysis::replicate_values(scenario, definition, month))});
    }
  }
  return summary;
}

Status add_breakdowns(Page& page, const io::ResultsReader& reader,
                      const analysis::Comparison& comparison, Breakdown dimension,
                      const std::string& id, const std::string& heading) {
  page.html(section_heading(id, heading));
  page.html(paragraph("Small multiples: one panel per " + std::string(dimension_name(dimension)) +
                          ", the scenarios side by side in each.",
                      "kopa-notes"));
  for (const std::string& metric : breakdown_metrics(dimension)) {
    auto summary = summarize_breakdown(reader, metric, comparison.month);
    if (!summary) return summary.error();
    page.chart(
        breakdown_chart(*summary, scenario_names(comparison.scenarios), comparison.baseline));
  }
  return ok();
}

// Cohort survival at each anniversary: the rows kopa compare --metric survival_<k>y prints,
// computed by the same reader and statistics.
Status add_survival(Page& page, const io::ResultsReader& reader,
                    const analysis::ComparisonInput& input, const PageOptions& options) {
  page.html(section_heading("survival", "Cohort survival"));
  const std::vector<std::string> years = survival_metrics(reader.contents());
  if (years.empty()) {
    page.html(paragraph("This file holds no cohort survival (format 1.0 files predate it).",
                        "kopa-notes"));
    return ok();
  }
  analysis::CompareOptions compare_options;
  compare_options.baseline = options.baseline;
  compare_options.metrics = years;
  compare_options.cost_effectiveness = false;
  auto comparison = analysis::compare(input, compare_options);
  if (!comparison) return comparison.error();
  std::string command = "kopa compare " + reader.contents().path.filename().string();
  for (const std::string& year : years) command += " --metric " + year;
  page.html(
      paragraph("The share of the run's start-ups still operating (start-up, sustained or "
                "a lasting form) k years after launch, over the cohorts whose "
                "anniversary falls in the run; one value per replicate (" +
                    command + " prints the same).",
                "kopa-notes"));
  page.html(comparison_tables(*comparison));
  return ok();
}

// Format 1.0 files predate the population scale: their counts are agents.
std::string format_people_per_agent(const io::ResultsFile& file, const io::ScenarioHeader& h) {
  if (file.format_version.starts_with("1.")) return "not recorded (format 1.0: counts are agents)";
  std::ostringstream text;
  text << std::setprecision(4) << h.people_per_agent
       << " (every count and amount is in real people and EUR)";
  return text.str();
}

std::string provenance(const io::ResultsFile& file, const analysis::Comparison& comparison,
                       const std::string& command_line) {
  std::string out =
      fact_list(file_facts({file.path.string(), "kopa-results " + file.format_version,
                            file.kopa_version, file.git_commit, file.created_utc, file.command_line,
                            std::string(io::to_string(file.status))},
                           command_line));
  out += fact_list({{"threads", std::to_string(file.threads) + " (results do not depend on it)"},
                    {"bootstrap", "seed " + std::to_string(comparison.bootstrap.seed) + ", " +
                                      std::to_string(comparison.bootstrap.draws) + " draws"}});
  for (const io::ScenarioContents& scenario : file.scenarios) {
    const io::ScenarioHeader& h = scenario.header;
    out += "<h3>" + escape_html(h.name) + "</h3>\n";
    out += fact_list(
        {{"description", h.description},
         {"base seed", std::to_string(h.base_seed)},
         {"replicates", std::to_string(h.replicates) + " run, " +
                            std::to_string(scenario.done_replicates().size()) + " finished"},
         {"months", std::to_string(h.months)},
         {"people per agent", format_people_per_agent(file, h)},
         {"scenario SHA-256", scenario.scenario_sha256}});
    out += collapsible_text("replicate seeds", seed_list(h.replicate_seeds));
    out += collapsible_text("resolved scenario (TOML: rerunning it reproduces the scenario)",
                            h.scenario_toml);
  }
  return out;
}

}  // namespace

Expected<Page> results_page(const io::ResultsReader& reader, const PageOptions& options) {
  auto input =
      read_comparison_input(reader, comparison_datasets({}), survival_metrics(reader.contents()));
  if (!input) return input.error();
  analysis::CompareOptions compare_options;
  compare_options.baseline = options.baseline;
  auto comparison = analysis::compare(*input, compare_options);
  if (!comparison) return comparison.error();
  auto series = analysis::series(*input);
  if (!series) return series.error();
  const io::ResultsFile& file = reader.contents();

  Page page("kopa report: " + file.path.filename().string());
  page.html("<h1>kopa report: " + escape_html(file.path.filename().string()) + "</h1>\n");
  page.html(paragraph(lead(file, *comparison), "kopa-lead"));
  if (comparison->interrupted) {
    page.html(warning("This run was interrupted: only the replicates that finished are shown."));
  }
  page.html(contents({{"over-time", "Headline outcomes over time"},
                      {"differences", "Differences from the baseline"},
                      {"cost", "Cost-effectiveness"},
                      {"table", "Comparison table"},
                      {"survival", "Cohort survival"},
                      {"by-group", "By group"},
                      {"by-region", "By region"},
                      {"provenance", "Provenance"}}));

  page.html(section_heading("over-time", "Headline outcomes over time"));
  for (const Chart& chart : fan_charts(*series, comparison->baseline)) page.chart(chart);

  page.html(section_heading("differences", "Differences from the baseline"));
  if (const auto difference = difference_chart(*comparison)) {
    page.chart(*difference);
  } else {
    page.html(
        paragraph("No scenario has 2 or more finished replicates paired with the baseline, "
                  "so no difference has an interval: run more replicates, or more "
                  "scenarios than the baseline.",
                  "kopa-notes"));
  }

  page.html(section_heading("cost", "Cost-effectiveness"));
  const auto ratio = cost_ratio_chart(*comparison);
  if (ratio) page.chart(*ratio);
  if (!ratio) {
    page.html(
        paragraph("No scenario has a defined cost per additional outcome (see the notes "
                  "under the comparison table).",
                  "kopa-notes"));
  }
  if (const auto plane = cost_plane_chart(*comparison)) page.chart(*plane);

  page.html(section_heading("table", "Comparison table"));
  page.html(paragraph("The numbers kopa compare prints (kopa compare " +
                          file.path.filename().string() + " --format json gives them all).",
                      "kopa-notes"));
  page.html(comparison_tables(*comparison));

  if (Status status = add_survival(page, reader, *input, options); !status) {
    return status.error();
  }

  if (Status status =
          add_breakdowns(page, reader, *comparison, Breakdown::group, "by-group", "By group");
      !status) {
    return status.error();
  }
  if (Status status =
          add_breakdowns(page, reader, *comparison, Breakdown::region, "by-region", "By region");
      !status) {
    return status.error();
  }

  page.html(section_heading("provenance", "Provenance"));
  page.html(provenance(file, *comparison, options.command_line));
  return page;
}

}  // namespace kopa::report
