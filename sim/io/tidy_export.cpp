#include "io/tidy_export.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "model/metrics.hpp"
#include "util/quoted.hpp"
#include "util/suggest.hpp"

namespace kopa::io {
namespace {

void append_number(std::string& row, double x) {
  if (!std::isfinite(x)) return;  // an empty field: missing
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, x);
  if (error == std::errc{}) row.append(buffer, end);
}

// The metrics to write: all of `present`, or the asked ones, each checked against `present`.
Expected<std::vector<std::string>> chosen_metrics(const std::vector<std::string>& asked,
                                                  const std::vector<std::string>& present) {
  if (asked.empty()) return present;
  for (const std::string& name : asked) {
    if (std::find(present.begin(), present.end(), name) != present.end()) continue;
    std::string list;
    for (const std::string& p : present) list += (list.empty() ? "" : ", ") + p;
    return Error{"unknown metric '" + name + "'" + did_you_mean(name, present) +
                 "; the file's metrics are: " + list};
  }
  return asked;
}

const std::vector<std::string>& labels_of(const DimensionLabels& labels, std::string_view metric) {
  static const std::vector<std::string> none;
  const int index = find_metric(metric);
  if (index < 0) return none;
  const Breakdown breakdown = metric_catalog()[static_cast<std::size_t>(index)].breakdown;
  return breakdown == Breakdown::total ? none : labels.labels[static_cast<std::size_t>(breakdown)];
}

// The rows of one run of one metric, after the columns that name the run (`lead`).
void append_run_rows(std::string& text, const std::string& lead, int replicate,
                     const std::string& metric, const std::vector<std::string>& labels,
                     std::size_t months, std::size_t width, const double* values) {
  const std::string replicate_text = std::to_string(replicate);
  const std::string metric_field = csv_field(metric);
  for (std::size_t month = 0; month < months; ++month) {
    for (std::size_t label = 0; label < width; ++label) {
      text += lead;
      text += replicate_text;
      text += ',';
      text += std::to_string(month);
      text += ',';
      text += metric_field;
      text += ',';
      if (label < labels.size()) text += csv_field(labels[label]);
      text += ',';
      append_number(text, values[month * width + label]);
      text += '\n';
    }
  }
}

}  // namespace

Status check_results_metrics(const ResultsReader& reader, const std::vector<std::string>& metrics) {
  for (const ScenarioContents& scenario : reader.contents().scenarios) {
    auto names = chosen_metrics(metrics, scenario.metrics);
    if (!names) return Error{"scenario '" + scenario.header.name + "': " + names.error().message};
  }
  return ok();
}

Status check_sweep_metrics(const SweepReader& reader, const std::vector<std::string>& metrics) {
  auto names = chosen_metrics(metrics, reader.contents().metrics);
  if (!names) return names.error();
  return ok();
}

Status write_results_csv(const ResultsReader& reader, const std::vector<std::string>& metrics,
                         std::ostream& out) {
  const ResultsFile& file = reader.contents();
  // Every name is checked before the first line is written: an error leaves no partial table.
  if (Status known = check_results_metrics(reader, metrics); !known) return known;
  out << "scenario,replicate,month,metric,label,value\n";
  for (std::size_t s = 0; s < file.scenarios.size(); ++s) {
    const ScenarioContents& scenario = file.scenarios[s];
    const auto names = chosen_metrics(metrics, scenario.metrics);
    const std::vector<int> done = scenario.done_replicates();
    const std::string lead = csv_field(scenario.header.name) + ",";
    for (const std::string& name : *names) {
      auto array = reader.read_metric(s, name, done);
      if (!array) return array.error();
      const auto& labels = labels_of(scenario.header.labels, name);
      const std::size_t block = array->months * array->width;
      for (std::size_t r = 0; r < done.size(); ++r) {
        std::string text;
        append_run_rows(text, lead, done[r], name, labels, array->months, array->width,
                        array->values.data() + r * block);
        out << text;
      }
    }
  }
  return ok();
}

Status write_sweep_csv(const SweepReader& reader, const std::vector<std::string>& metrics,
                       std::ostream& out) {
  const SweepContents& contents = reader.contents();
  auto names = chosen_metrics(metrics, contents.metrics);
  if (!names) return names.error();
  out << "point";
  for (const SweepFactorHeader& factor : contents.header.factors)
    out << ',' << csv_field(factor.path);
  out << ",replicate,month,metric,label,value\n";
  for (const std::string& name : *names) {
    auto metric = reader.read_metric(name);
    if (!metric) return metric.error();
    const auto& labels = labels_of(contents.header.labels, name);
    const std::size_t block = metric->months * metric->width;
    for (std::size_t p = 0; p < contents.points(); ++p) {
      std::string lead = std::to_string(p) + ",";
      for (const double value : contents.header.points[p]) {
        append_number(lead, value);
        lead += ',';
      }
      for (const int r : contents.done_replicates(p)) {
        std::string text;
        const std::size_t run = p * metric->replicates + static_cast<std::size_t>(r);
        append_run_rows(text, lead, r, name, labels, metric->months, metric->width,
                        metric->values.data() + run * block);
        out << text;
      }
    }
  }
  return ok();
}

}  // namespace kopa::io
