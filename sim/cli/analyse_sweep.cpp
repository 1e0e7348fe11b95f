#include "cli/analyse_sweep.hpp"
#include "util/joined.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "io/sweep_reader.hpp"
#include "model/metrics.hpp"
#include "stats/comparison_input.hpp"
#include "stats/metric_definition.hpp"
#include "util/suggest.hpp"

namespace kopa {
namespace {

using analysis::AnalysedOutput;

// The datasets a metric is made from: the money share is a ratio of two.
std::vector<std::string> datasets_of(const std::string& metric) {
  if (metric == analysis::money_share_disadvantaged) {
    return {"money_awarded_disadvantaged", "money_awarded"};
  }
  return {metric};
}

bool in_file(const io::SweepContents& contents, const std::string& dataset) {
  return std::find(contents.metrics.begin(), contents.metrics.end(), dataset) !=
         contents.metrics.end();
}

// The metrics analyse can read from this file: the derived money share and every total.
std::vector<std::string> metric_choices(const io::SweepContents& contents) {
  std::vector<std::string> names;
  const auto parts = datasets_of(std::string(analysis::money_share_disadvantaged));
  if (std::all_of(parts.begin(), parts.end(),
                  [&](const auto& p) { return in_file(contents, p); })) {
    names.emplace_back(analysis::money_share_disadvantaged);
  }
  for (const MetricSpec& spec : metric_catalog()) {
    if (spec.breakdown == Breakdown::total && in_file(contents, std::string(spec.name))) {
      names.emplace_back(spec.name);
    }
  }
  return names;
}

Status check_metric(const std::string& name, const io::SweepContents& contents) {
  const std::vector<std::string> choices = metric_choices(contents);
  if (std::find(choices.begin(), choices.end(), name) != choices.end()) return ok();
  const int index = find_metric(name);
  if (index >= 0 &&
      metric_catalog()[static_cast<std::size_t>(index)].breakdown != Breakdown::total) {
    return Error{
        "metric '" + name + "' is broken down by " +
        std::string(dimension_name(metric_catalog()[static_cast<std::size_t>(index)].breakdown)) +
        "; analyse reads totals only"};
  }
  return Error{"unknown metric '" + name + "'" + did_you_mean(name, choices) +
               "; the metrics are: " + joined(choices)};
}

// One "scenario" per design point, holding its finished replicates of the metric's datasets:
// the shape `kopa compare`'s metric definitions read.
Expected<analysis::ComparisonInput> point_input(const io::SweepReader& reader,
                                                const std::string& metric) {
  const io::SweepContents& contents = reader.contents();
  analysis::ComparisonInput input;
  for (std::size_t p = 0; p < contents.points(); ++p) {
    analysis::ScenarioResults point{"point " + std::to_string(p), {}, {}, {}};
    for (const int r : contents.done_replicates(p)) {
      point.replicate_ids.push_back(static_cast<std::uint32_t>(r));
    }
    input.scenarios.push_back(std::move(point));
  }
  for (const std::string& dataset : datasets_of(metric)) {
    auto values = reader.read_metric(dataset);
    if (!values) return values.error();
    const MetricSpec& spec = metric_catalog()[static_cast<std::size_t>(find_metric(dataset))];
    for (std::size_t p = 0; p < contents.points(); ++p) {
      analysis::ScenarioResults& point = input.scenarios[p];
      analysis::MetricSeries series{dataset,
                                    spec.accumulation == Accumulation::flow,
                                    std::string(spec.units),
                                    std::string(spec.long_name),
                                    {}};
      for (const std::uint32_t r : point.replicate_ids) {
        std::vector<double>& row = series.values.emplace_back(values->months);
        for (std::size_t m = 0; m < values->months; ++m) row[m] = values->at(p, r, m);
      }
      point.metrics.push_back(std::move(series));
    }
  }
  return input;
}

Expected<AnalysedOutput> read_output(const io::SweepReader& reader, const std::string& metric,
                                     std::optional<int> month) {
  const io::SweepContents& contents = reader.contents();
  if (Status known = check_metric(metric, contents); !known) return known.error();
  const int months = contents.header.months;
  const int at = month.value_or(months - 1);
  if (at < 0 || at >= months) {
    return Error{"month " + std::to_string(at) + " is outside the sweep's months 0.." +
                 std::to_string(months - 1)};
  }
  auto input = point_input(reader, metric);
  if (!input) return input.error();
  auto definition = analysis::define_metric(*input, metric);
  if (!definition) return definition.error();
  std::vector<std::vector<double>> runs;
  for (const auto& point : input->scenarios) {
    runs.push_back(analysis::replicate_values(point, *definition, at));
  }
  return AnalysedOutput{std::move(*definition), at,
                        static_cast<std::size_t>(contents.header.replicates),
                        stats::point_outputs(runs)};
}

std::vector<std::string> factor_paths(const io::SweepContents& contents) {
  std::vector<std::string> paths;
  for (const auto& factor : contents.header.factors) paths.push_back(factor.path);
  return paths;
}

// The method to run: --prim means PRIM; else --method, else the design's own.
Expected<std::string> choose_method(const AnalyseRequest& request, const std::string& design) {
  if (!request.prim.empty()) {
    if (request.method && *request.method != "prim") {
      return Error{"--prim asks for scenario discovery; it does not go with --method " +
                   *request.method};
    }
    if (!request.metrics.empty()) {
      return Error{"--metric does not apply to PRIM: its metrics are those of --prim"};
    }
    return std::string("prim");
  }
  if (request.prim_box) return Error{"--prim-box applies to PRIM only (give --prim)"};
  const std::string method = request.method.value_or(design);
  if (method == "prim") {
    return Error{
        "PRIM needs a condition: --prim 'METRIC >= X' (or <=), e.g. --prim "
        "'founders_sustained >= 300'"};
  }
  if (method != "sobol" && method != "morris") {
    if (request.method) {
      return Error{"unknown method '" + method + "'; choose sobol, morris or prim"};
    }
    return Error{"a " + design +
                 " sweep has no sensitivity design: give --prim 'METRIC >= X' for scenario "
                 "discovery, or sweep with design = \"sobol\" or \"morris\""};
  }
  if (method != design) {
    return Error{"--method " + method + " needs a " + method + " sweep; this one's design is " +
                 design +
                 (method == "sobol" ? " (Sobol' indices need the Saltelli blocks)"
                                    : " (elementary effects need Morris trajectories)")};
  }
  return method;
}

std::vector<std::string> metrics_of(const AnalyseRequest& request) {
  if (!request.metrics.empty()) return request.metrics;
  const auto headline = analysis::headline_metrics();
  return {headline.begin(), headline.end()};
}

Status analyse_indices(const AnalyseRequest& request, const io::SweepReader& reader,
                       analysis::AnalysisReport& report) {
  const io::SweepContents& contents = reader.contents();
  const io::SweepHeader& header = contents.header;
  std::vector<stats::MorrisMove> moves;
  for (std::size_t p = 0; p < header.morris_trajectory.size(); ++p) {
    moves.push_back(
        {header.morris_trajectory[p], header.morris_factor[p], header.morris_direction[p]});
  }
  for (const std::string& metric : metrics_of(request)) {
    auto output = read_output(reader, metric, request.month);
    if (!output) return output.error();
    if (report.method == "sobol") {
      auto sobol =
          analysis::analyse_sobol(std::move(*output), factor_paths(contents), header.sobol_block,
                                  static_cast<std::size_t>(header.sobol_base_samples));
      if (!sobol) return Error{"the sweep's Sobol' design: " + sobol.error().message};
      report.sobol.push_back(std::move(*sobol));
    } else {
      auto morris = analysis::analyse_morris(std::move(*output), factor_paths(contents), moves,
                                             header.morris_delta);
      if (!morris) return Error{"the sweep's Morris design: " + morris.error().message};
      report.morris.push_back(std::move(*morris));
    }
  }
  return ok();
}

Status analyse_prim(const AnalyseRequest& request, const io::SweepReader& reader,
                    analysis::AnalysisReport& report) {
  std::vector<analysis::PrimCondition> conditions;
  std::vector<AnalysedOutput> outputs;
  for (const std::string& text : request.prim) {
    auto condition = parse_prim_condition(text);
    if (!condition) return condition.error();
    auto output = read_output(reader, condition->metric, request.month);
    if (!output) return output.error();
    conditions.push_back(std::move(*condition));
    outputs.push_back(std::move(*output));
  }
  const io::SweepContents& contents = reader.contents();
  auto prim =
      analysis::analyse_prim(std::move(conditions), std::move(outputs), factor_paths(contents),
                             contents.header.points, request.prim_box);
  if (!prim) return prim.error();
  report.prim = std::move(*prim);
  return ok();
}

}  // namespace

Expected<analysis::PrimCondition> parse_prim_condition(std::string_view text) {
  const auto expected = [&] {
    return Error{"--prim '" + std::string(text) +
                 "': expected 'METRIC >= NUMBER' or 'METRIC <= NUMBER'"};
  };
  const std::size_t op = text.find_first_of("<>");
  if (op == std::string_view::npos || op + 1 >= text.size() || text[op + 1] != '=') {
    return expected();
  }
  const auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  const std::string_view metric = trim(text.substr(0, op));
  const std::string_view number = trim(text.substr(op + 2));
  double threshold = 0.0;
  const auto [end, error] =
      std::from_chars(number.data(), number.data() + number.size(), threshold);
  if (metric.empty() || number.empty() || error != std::errc{} ||
      end != number.data() + number.size() || !std::isfinite(threshold)) {
    return expected();
  }
  return analysis::PrimCondition{std::string(metric), text[op] == '>', threshold};
}

Expected<analysis::AnalysisReport> analyse_sweep(const AnalyseRequest& request) {
  auto reader = io::SweepReader::open(request.sweep);
  if (!reader) return reader.error();
  const io::SweepContents& contents = reader->contents();
  analysis::AnalysisReport report;
  report.sweep = request.sweep.string();
  report.design = contents.header.design;
  report.interrupted = contents.status == io::RunStatus::interrupted;
  auto method = choose_method(request, report.design);
  if (!method) return method.error();
  report.method = *method;
  const Status status = report.method == "prim" ? analyse_prim(request, *reader, report)
                                                : analyse_indices(request, *reader, report);
  if (!status) return status.error();
  return report;
}

}  // namespace kopa
