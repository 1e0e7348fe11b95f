#include "report/results_input.hpp"

#include <algorithm>

#include "io/cohort_datasets.hpp"
#include "model/metrics.hpp"
#include "stats/metric_definition.hpp"

namespace kopa::report {
namespace {

std::vector<std::string> headline_names() {
  const auto headline = analysis::headline_metrics();
  return {headline.begin(), headline.end()};
}

// Label `label` of every replicate read, [replicate][month].
std::vector<std::vector<double>> label_rows(const io::MetricArray& array, std::size_t label) {
  std::vector<std::vector<double>> rows;
  for (std::size_t r = 0; r < array.replicates.size(); ++r) {
    std::vector<double>& row = rows.emplace_back(array.months);
    for (std::size_t month = 0; month < array.months; ++month)
      row[month] = array.at(r, month, label);
  }
  return rows;
}

analysis::MetricSeries series_of(const MetricSpec& spec, std::string name) {
  return {std::move(name),
          spec.accumulation == Accumulation::flow,
          std::string(spec.units),
          std::string(spec.long_name),
          {}};
}

Expected<const MetricSpec*> catalog_spec(const std::string& name) {
  const int index = find_metric(name);
  if (index < 0) return Error{"unknown metric '" + name + "'"};
  return &metric_catalog()[static_cast<std::size_t>(index)];
}

analysis::ScenarioResults scenario_results(const io::ScenarioContents& contents,
                                           const std::vector<int>& done) {
  analysis::ScenarioResults scenario{contents.header.name, {}, {}, {}};
  for (const int r : done) scenario.replicate_ids.push_back(static_cast<std::uint32_t>(r));
  return scenario;
}

std::size_t survival_year_of(std::string_view name) {
  return analysis::survival_year(name, survival_years);
}

// survival_<k>y for each name of `survival`, one value per replicate of `replicates`.
Expected<std::vector<analysis::RunValues>> read_survival(const io::ResultsReader& reader,
                                                         std::size_t scenario,
                                                         const std::vector<std::string>& survival,
                                                         const std::vector<int>& replicates) {
  std::vector<analysis::RunValues> found;
  if (survival.empty()) return found;
  auto shares = reader.read_cohort(scenario, io::survival_dataset, replicates);
  if (!shares) return shares.error();
  for (const std::string& name : survival) {
    const std::size_t year = survival_year_of(name);
    if (year == 0) return Error{"'" + name + "' is not a cohort survival metric"};
    analysis::RunValues run{name,
                            "1",
                            "share of the run's start-ups still operating " + std::to_string(year) +
                                " year" + (year > 1 ? "s" : "") +
                                " after launch (cohorts whose anniversary falls in the run)",
                            {}};
    for (std::size_t r = 0; r < replicates.size(); ++r) run.values.push_back(shares->at(r, year));
    found.push_back(std::move(run));
  }
  return found;
}

}  // namespace

std::vector<std::string> comparison_datasets(const std::vector<std::string>& asked) {
  std::vector<std::string> names = asked.empty() ? headline_names() : asked;
  for (const char* cost_part : {"public_cost", "founders_sustained", "jobs_disadvantaged"}) {
    names.emplace_back(cost_part);
  }
  std::vector<std::string> datasets;
  for (const std::string& name : names) {
    if (survival_year_of(name) > 0) continue;  // read from the cohort dataset
    const std::vector<std::string> parts =
        name == analysis::money_share_disadvantaged
            ? std::vector<std::string>{"money_awarded_disadvantaged", "money_awarded"}
            : std::vector<std::string>{name};
    for (const std::string& part : parts) {
      if (std::find(datasets.begin(), datasets.end(), part) == datasets.end()) {
        datasets.push_back(part);
      }
    }
  }
  return datasets;
}

std::vector<std::string> comparison_survival(const std::vector<std::string>& asked) {
  std::vector<std::string> names;
  for (const std::string& name : asked) {
    if (survival_year_of(name) > 0) names.push_back(name);
  }
  return names;
}

std::vector<std::string> survival_metrics(const io::ResultsFile& file) {
  const bool everywhere =
      std::all_of(file.scenarios.begin(), file.scenarios.end(), [](const auto& scenario) {
        return std::find(scenario.cohorts.begin(), scenario.cohorts.end(), io::survival_dataset) !=
               scenario.cohorts.end();
      });
  std::vector<std::string> names;
  for (std::size_t k = 1; everywhere && !file.scenarios.empty() && k <= survival_years; ++k) {
    names.push_back(analysis::survival_metric(k));
  }
  return names;
}

Expected<analysis::ComparisonInput> read_comparison_input(
    const io::ResultsReader& reader, const std::vector<std::string>& datasets,
    const std::vector<std::string>& survival) {
  const io::ResultsFile& file = reader.contents();
  analysis::ComparisonInput input;
  input.interrupted = file.status == io::RunStatus::interrupted;
  if (!file.scenarios.empty()) input.parameter_uncertainty = file.scenarios[0].header.posterior;
  for (std::size_t s = 0; s < file.scenarios.size(); ++s) {
    const std::vector<int> done = file.scenarios[s].done_replicates();
    analysis::ScenarioResults scenario = scenario_results(file.scenarios[s], done);
    for (const std::string& name : datasets) {
      auto spec = catalog_spec(name);
      if (!spec) return spec.error();
      auto array = reader.read_metric(s, name, done);
      if (!array) return array.error();
      analysis::MetricSeries series = series_of(**spec, name);
      series.values = label_rows(*array, 0);
      scenario.metrics.push_back(std::move(series));
    }
    auto runs = read_survival(reader, s, survival, done);
    if (!runs) return runs.error();
    scenario.run_values = std::move(*runs);
    input.scenarios.push_back(std::move(scenario));
  }
  return input;
}

Expected<analysis::ComparisonInput> read_breakdown_input(const io::ResultsReader& reader,
                                                         const std::string& metric) {
  auto spec = catalog_spec(metric);
  if (!spec) return spec.error();
  if ((*spec)->breakdown == Breakdown::total) {
    return Error{"metric '" + metric + "' is a total, not a breakdown"};
  }
  const io::ResultsFile& file = reader.contents();
  analysis::ComparisonInput input;
  input.interrupted = file.status == io::RunStatus::interrupted;
  for (std::size_t s = 0; s < file.scenarios.size(); ++s) {
    const io::ScenarioContents& contents = file.scenarios[s];
    const std::vector<int> done = contents.done_replicates();
    analysis::ScenarioResults scenario = scenario_results(contents, done);
    auto array = reader.read_metric(s, metric, done);
    if (!array) return array.error();
    const auto& labels =
        contents.header.labels.labels[static_cast<std::size_t>((*spec)->breakdown)];
    for (std::size_t label = 0; label < array->width && label < labels.size(); ++label) {
      analysis::MetricSeries series = series_of(**spec, labels[label]);
      series.values = label_rows(*array, label);
      scenario.metrics.push_back(std::move(series));
    }
    input.scenarios.push_back(std::move(scenario));
  }
  return input;
}

std::vector<std::string> sweep_headline_metrics() {
  std::vector<std::string> names;
  for (const std::string_view name : analysis::headline_metrics()) {
    if (name != analysis::money_share_disadvantaged) names.emplace_back(name);
  }
  return names;
}

analysis::SweepSummaryInput sweep_summary_input(const io::SweepContents& contents,
                                                const io::SweepMetric& metric) {
  analysis::SweepSummaryInput input;
  input.metric = metric.name;
  input.accumulation =
      metric_catalog()[static_cast<std::size_t>(find_metric(metric.name))].accumulation;
  for (const auto& factor : contents.header.factors) input.factor_paths.push_back(factor.path);
  input.points = contents.header.points;
  input.replicates = metric.replicates;
  input.months = metric.months;
  input.width = metric.width;
  input.values = metric.values;
  input.done = contents.done;
  input.interrupted = contents.status == io::RunStatus::interrupted;
  return input;
}

}  // namespace kopa::report
