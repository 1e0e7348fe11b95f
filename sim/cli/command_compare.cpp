// kopa compare RESULTS.h5: reads the totals it needs from a results file (finished replicates
// only) into a ComparisonInput, and prints the comparison (or --series) that analysis/stats
// computes and formats. Every input problem is one line on stderr and exit 2.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/compare_slice.hpp"
#include "cli/compare_sweep.hpp"
#include "cli/exit_code.hpp"
#include "cli/options.hpp"
#include "io/results_reader.hpp"
#include "model/metrics.hpp"
#include "report/results_input.hpp"
#include "stats/comparison.hpp"
#include "stats/format.hpp"
#include "stats/series.hpp"
#include "util/joined.hpp"
#include "util/suggest.hpp"

namespace kopa {
namespace {

using analysis::ComparisonInput;

struct CompareRequest {
  std::filesystem::path results;
  std::optional<std::string> baseline;
  std::vector<std::string> metrics;  // empty: the headline set
  std::optional<int> month;
  std::optional<analysis::Format> format;  // default: table, or csv with --series
  bool series = false;
  std::optional<CompareSlice> slice;  // --region / --group
  std::optional<std::int64_t> start;  // the scenarios' simulation.start, read from the file
};

std::string indented_lines(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += "  " + name + "\n";
  return text;
}

std::vector<std::string> headline_names() {
  const auto headline = analysis::headline_metrics();
  return {headline.begin(), headline.end()};
}

std::string compare_summary() {
  return "Compare every scenario of a results file against a baseline: per-scenario mean, median\n"
         "and 5-95 % band over finished replicates, and the paired mean difference from the\n"
         "baseline (replicates paired by number) with its Student t interval.\n"
         "Stocks are read at month M (--month, default the last month); flows are summed over\n"
         "months 0..M; the output says which.\n\n"
         "Default metrics (" +
         std::string(analysis::money_share_disadvantaged) +
         " = money_awarded_disadvantaged / money_awarded,\n"
         "both summed over months 0..M):\n" +
         indented_lines(headline_names()) +
         "Cost-effectiveness (public cost per additional sustained enterprise and job) is always "
         "added.\n"
         "Cohort survival: --metric survival_1y ... survival_5y (the share of the run's start-ups\n"
         "still operating k years after launch; one value per run, not read at a month).\n\n"
         "Formats: table (default), csv, markdown, json; --series writes csv (default) or json.\n\n"
         "--region NAME (or --group NAME) compares the metrics broken down by region (group)\n"
         "for that one, with the same paired statistics (default: every such metric; --metric\n"
         "founders_startup means founders_startup_by_region); no cost-effectiveness there.\n\n"
         "Given a sweep file (kopa sweep -o), summarises each metric per design point instead:\n"
         "mean and 5-95 % band over the point's finished replicates at month M.";
}

Expected<CompareRequest> read_compare_request(const po::variables_map& values) {
  CompareRequest request;
  if (!values.count("results")) return Error{"no results file given"};
  request.results = values["results"].as<std::string>();
  if (values.count("baseline")) request.baseline = values["baseline"].as<std::string>();
  if (values.count("metric")) request.metrics = values["metric"].as<std::vector<std::string>>();
  if (values.count("month")) request.month = values["month"].as<int>();
  if (values.count("format")) {
    auto format = analysis::parse_format(values["format"].as<std::string>());
    if (!format) return format.error();
    request.format = *format;
  }
  request.series = values["series"].as<bool>();
  if (values.count("region") && values.count("group")) {
    return Error{"give --region or --group, not both"};
  }
  if (values.count("region")) {
    request.slice = CompareSlice{Breakdown::region, values["region"].as<std::string>()};
  }
  if (values.count("group")) {
    request.slice = CompareSlice{Breakdown::group, values["group"].as<std::string>()};
  }
  // Series cover every month and no baseline: refuse options that would do nothing.
  if (request.series && request.month) {
    return Error{"--month does not apply to --series, which covers every month"};
  }
  if (request.series && request.baseline) {
    return Error{"--baseline does not apply to --series, which shows each scenario alone"};
  }
  return request;
}

// Total (unbroken-down) catalog metrics that every scenario of the file holds.
std::vector<std::string> total_metrics(const io::ResultsFile& file) {
  std::vector<std::string> names;
  for (const MetricSpec& spec : metric_catalog()) {
    if (spec.breakdown != Breakdown::total) continue;
    const bool everywhere =
        std::all_of(file.scenarios.begin(), file.scenarios.end(), [&](const auto& scenario) {
          return std::find(scenario.metrics.begin(), scenario.metrics.end(), spec.name) !=
                 scenario.metrics.end();
        });
    if (everywhere) names.emplace_back(spec.name);
  }
  return names;
}

Status check_metric(const std::string& name, const std::vector<std::string>& totals,
                    const std::vector<std::string>& survival) {
  if (name == analysis::money_share_disadvantaged) return ok();
  if (std::find(survival.begin(), survival.end(), name) != survival.end()) return ok();
  if (std::find(totals.begin(), totals.end(), name) != totals.end()) return ok();
  const int index = find_metric(name);
  if (index >= 0 && metric_catalog()[index].breakdown != Breakdown::total) {
    return Error{"metric '" + name + "' is broken down by " +
                 std::string(dimension_name(metric_catalog()[index].breakdown)) +
                 "; compare reads totals only"};
  }
  std::vector<std::string> valid{std::string(analysis::money_share_disadvantaged)};
  valid.insert(valid.end(), totals.begin(), totals.end());
  valid.insert(valid.end(), survival.begin(), survival.end());
  return Error{"unknown metric '" + name + "'" + did_you_mean(name, valid) +
               "; the metrics are: " + joined(valid)};
}

// The scenarios' simulation.start (their `start` attribute) when they all have the same one.
std::optional<std::int64_t> common_start(const io::ResultsFile& file) {
  std::optional<std::int64_t> start;
  for (std::size_t s = 0; s < file.scenarios.size(); ++s) {
    const std::optional<std::int64_t>& own = file.scenarios[s].header.start;
    if (s > 0 && own != start) return std::nullopt;
    start = own;
  }
  return start;
}

Status check_baseline(const std::optional<std::string>& baseline, const io::ResultsFile& file) {
  if (!baseline || file.find_scenario(*baseline) >= 0) return ok();
  std::vector<std::string> names;
  for (const auto& scenario : file.scenarios) names.push_back(scenario.header.name);
  return Error{"unknown baseline scenario '" + *baseline + "'" + did_you_mean(*baseline, names) +
               "; the scenarios are: " + joined(names)};
}

// Too few replicates puts "n/a" in a scenario's cells; when that is true of every scenario
// compared with the baseline, there is nothing to report, and the command says why instead.
Status check_some_interval(const analysis::Comparison& comparison) {
  std::string counts;
  bool any_other = false;
  for (const auto& scenario : comparison.scenarios) {
    counts += (counts.empty() ? "" : ", ") + scenario.name + " " +
              std::to_string(scenario.is_baseline ? scenario.replicate_ids.size()
                                                  : scenario.paired_replicates);
    if (scenario.is_baseline) continue;
    any_other = true;
    if (scenario.paired_replicates >= 2) return ok();
  }
  if (!any_other) return ok();
  return Error{"no scenario has 2 or more finished replicates paired with baseline '" +
               comparison.baseline + "' (" + counts +
               "), so no difference interval can be computed; run more replicates"};
}

Expected<std::string> compare_text(const CompareRequest& request, const ComparisonInput& input) {
  if (request.series) {
    auto bands = analysis::series(input, request.metrics);
    if (!bands) return bands.error();
    return analysis::format_series(*bands, request.format.value_or(analysis::Format::csv));
  }
  analysis::CompareOptions options;
  options.baseline = request.baseline;
  options.metrics = request.metrics;
  options.month = request.month;
  options.start = request.start;
  // Public cost is not broken down by region or group: no cost-effectiveness for a slice.
  if (request.slice) options.cost_effectiveness = false;
  auto comparison = analysis::compare(input, options);
  if (!comparison) return comparison.error();
  if (Status enough = check_some_interval(*comparison); !enough) return enough.error();
  return analysis::format_comparison(*comparison, request.format.value_or(analysis::Format::table));
}

Expected<std::string> run_compare(const CompareRequest& request) {
  // The file's own `format` decides which reader speaks: a damaged or newer sweep file then gets
  // the sweep reader's message, not "a sweep file, not a results file".
  if (is_sweep_file(request.results)) {
    // A sweep file: per design point, not against a baseline.
    if (request.baseline || request.series) {
      return Error{
          "a sweep file is summarised per design point: --baseline and --series do "
          "not apply"};
    }
    if (request.slice) return Error{"--region and --group do not apply to a sweep file"};
    return compare_sweep(request.results, request.metrics, request.month,
                         request.format.value_or(analysis::Format::table));
  }
  auto reader = io::ResultsReader::open(request.results);
  if (!reader) return reader.error();
  const io::ResultsFile& file = reader->contents();
  if (Status known = check_baseline(request.baseline, file); !known) return known.error();
  CompareRequest dated = request;
  dated.start = common_start(file);
  if (request.slice) {
    auto metrics = slice_metrics(file, *request.slice, request.metrics);
    if (!metrics) return metrics.error();
    auto input = read_slice(*reader, *request.slice, *metrics);
    if (!input) return input.error();
    CompareRequest sliced = dated;
    sliced.metrics.clear();
    for (const auto& name : *metrics) {
      sliced.metrics.push_back(slice_series_name(name, *request.slice));
    }
    return compare_text(sliced, *input);
  }
  const std::vector<std::string> totals = total_metrics(file);
  const std::vector<std::string> survival = report::survival_metrics(file);
  for (const std::string& name : request.metrics) {
    if (Status known = check_metric(name, totals, survival); !known) return known.error();
  }
  auto input = report::read_comparison_input(*reader, report::comparison_datasets(request.metrics),
                                             report::comparison_survival(request.metrics));
  if (!input) return input.error();
  return compare_text(dated, *input);
}

}  // namespace

CommandSpec compare_spec() {
  CommandSpec spec{"compare",
                   "kopa compare RESULTS.h5 [--baseline NAME] [--metric NAME]... [--month M] "
                   "[--region NAME | --group NAME] [--format table|csv|markdown|json] [--series]",
                   compare_summary(),
                   {"options"},
                   {}};
  spec.options.add_options()  //
      ("results", po::value<std::string>(),
       "the results file (kopa run -o) or sweep file (kopa sweep -o)")  //
      ("baseline", po::value<std::string>(),
       "scenario compared against (default: 'baseline', else the first)")  //
      ("metric", po::value<std::vector<std::string>>()->composing(),
       "metric to compare; repeat for several (default: the headline set above)")           //
      ("month", po::value<int>(), "month M the comparison is made at (default: the last)")  //
      ("region", po::value<std::string>(), "compare one region's _by_region metrics")       //
      ("group", po::value<std::string>(), "compare one group's _by_group metrics")          //
      ("format", po::value<std::string>(), "table, csv, markdown or json")                  //
      ("series", po::bool_switch(),
       "median and 5-95 % band month by month, for plotting (csv or json)");
  spec.positional.add("results", 1);
  return spec;
}

int command_compare(const CommandContext& context) {
  const CommandSpec spec = compare_spec();
  po::variables_map values;
  if (auto code = parse_command(spec, context, values)) return *code;
  auto request = read_compare_request(values);
  auto text = request ? run_compare(*request) : Expected<std::string>(request.error());
  if (!text) {
    context.err << "kopa compare: " << text.error().message << "\n";
    return exit_bad_input;
  }
  context.out << *text;
  return exit_ok;
}

}  // namespace kopa
