#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.hpp"

namespace kopa::analysis {

// What `kopa compare` reads from a results file, in memory: one total (no group or region
// breakdown) time series per metric, per replicate. The HDF5 reader fills it; the statistics
// never see a file.
struct MetricSeries {
  std::string name;      // the metric catalog's name, e.g. "founders_sustained"
  bool is_flow = false;  // flow: per-month amounts, summed over months; stock: read at a month
  std::string units;
  std::string long_name;
  std::vector<std::vector<double>> values;  // [replicate][month]
};

// A quantity with one value per replicate and no months: cohort survival k years after launch
// (`survival_<k>y`, read from the results file's `survival` dataset).
struct RunValues {
  std::string name;  // "survival_5y"
  std::string units;
  std::string long_name;
  std::vector<double> values;  // [replicate]; NaN where no start-up reached the anniversary
};

struct ScenarioResults {
  std::string name;
  // The replicate number of each row of MetricSeries::values; scenarios are paired on these. Empty
  // means 0, 1, ..., n-1. An interrupted file holds finished replicates only, so numbers can skip.
  std::vector<std::uint32_t> replicate_ids;
  std::vector<MetricSeries> metrics;
  std::vector<RunValues> run_values;
};

struct ComparisonInput {
  std::vector<ScenarioResults> scenarios;
  bool interrupted = false;  // the run stopped early; the output says so
  // Where each replicate's parameters were drawn from a posterior (kopa run --posterior): the
  // posterior, in words; the intervals then include parameter uncertainty. Empty otherwise.
  std::string parameter_uncertainty;
};

// The replicate numbers of a scenario (filled in when the input left them implicit).
std::vector<std::uint32_t> replicate_ids(const ScenarioResults& scenario);

// The metric called `name`, or nullptr.
const MetricSeries* find_metric(const ScenarioResults& scenario, std::string_view name);
const RunValues* find_run_values(const ScenarioResults& scenario, std::string_view name);

// Months per replicate, the same for every metric of every replicate (0 if no replicates).
int months_of(const ComparisonInput& input);

// Rejects what the statistics cannot pair or read: no scenarios, duplicate scenario names,
// ragged series (replicates or months), replicate numbers that do not match the rows or repeat.
Status validate(const ComparisonInput& input);

}  // namespace kopa::analysis
