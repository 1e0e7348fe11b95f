#include "cli/compare_slice.hpp"
#include "util/joined.hpp"

#include <algorithm>

#include "model/kinds.hpp"
#include "util/suggest.hpp"

namespace kopa {
namespace {

std::string suffix_of(const CompareSlice& slice) {
  return "_by_" + std::string(dimension_name(slice.breakdown));
}

// The label's column in a scenario's labels, or an error naming the labels there.
Expected<std::size_t> label_index(const io::ScenarioContents& scenario, const CompareSlice& slice) {
  const auto& labels = scenario.header.labels.labels[index(slice.breakdown)];
  const auto at = std::find(labels.begin(), labels.end(), slice.label);
  if (at != labels.end()) return static_cast<std::size_t>(at - labels.begin());
  return Error{"scenario '" + scenario.header.name + "' has no " +
               std::string(dimension_name(slice.breakdown)) + " '" + slice.label + "'" +
               did_you_mean(slice.label, labels) + "; its " +
               std::string(dimension_name(slice.breakdown)) + "s are: " + joined(labels)};
}

bool in_every_scenario(const io::ResultsFile& file, const std::string& metric) {
  return std::all_of(file.scenarios.begin(), file.scenarios.end(), [&](const auto& scenario) {
    return std::find(scenario.metrics.begin(), scenario.metrics.end(), metric) !=
           scenario.metrics.end();
  });
}

}  // namespace

std::string slice_series_name(const std::string& metric, const CompareSlice& slice) {
  return metric + "[" + slice.label + "]";
}

Expected<std::vector<std::string>> slice_metrics(const io::ResultsFile& file,
                                                 const CompareSlice& slice,
                                                 const std::vector<std::string>& asked) {
  for (const auto& scenario : file.scenarios) {
    if (auto found = label_index(scenario, slice); !found) return found.error();
  }
  std::vector<std::string> available;
  for (const MetricSpec& spec : metric_catalog()) {
    if (spec.breakdown == slice.breakdown && in_every_scenario(file, std::string(spec.name))) {
      available.emplace_back(spec.name);
    }
  }
  if (asked.empty()) return available;
  std::vector<std::string> chosen;
  for (const std::string& name : asked) {
    const std::string full = name.ends_with(suffix_of(slice)) ? name : name + suffix_of(slice);
    if (std::find(available.begin(), available.end(), full) == available.end()) {
      return Error{"no metric '" + full + "' to compare by " +
                   std::string(dimension_name(slice.breakdown)) + did_you_mean(full, available) +
                   "; the metrics are: " + joined(available)};
    }
    chosen.push_back(full);
  }
  return chosen;
}

Expected<analysis::ComparisonInput> read_slice(const io::ResultsReader& reader,
                                               const CompareSlice& slice,
                                               const std::vector<std::string>& metrics) {
  const io::ResultsFile& file = reader.contents();
  analysis::ComparisonInput input;
  input.interrupted = file.status == io::RunStatus::interrupted;
  for (std::size_t s = 0; s < file.scenarios.size(); ++s) {
    const io::ScenarioContents& contents = file.scenarios[s];
    const auto column = label_index(contents, slice);
    if (!column) return column.error();
    const std::vector<int> done = contents.done_replicates();
    analysis::ScenarioResults scenario{contents.header.name, {}, {}, {}};
    for (const int r : done) scenario.replicate_ids.push_back(static_cast<std::uint32_t>(r));
    for (const std::string& name : metrics) {
      auto array = reader.read_metric(s, name, done);
      if (!array) return array.error();
      const MetricSpec& spec = metric_catalog()[static_cast<std::size_t>(find_metric(name))];
      analysis::MetricSeries series{slice_series_name(name, slice),
                                    spec.accumulation == Accumulation::flow,
                                    std::string(spec.units),
                                    std::string(spec.long_name) + ": " + slice.label,
                                    {}};
      for (std::size_t r = 0; r < done.size(); ++r) {
        std::vector<double>& row = series.values.emplace_back(array->months);
        for (std::size_t m = 0; m < array->months; ++m) row[m] = array->at(r, m, *column);
      }
      scenario.metrics.push_back(std::move(series));
    }
    input.scenarios.push_back(std::move(scenario));
  }
  return input;
}

}  // namespace kopa
