#pragma once
// Reads a results file (docs/output-format.md). Opening reads and checks everything but the
// metric arrays; read_metric() then reads one metric of one scenario for chosen replicates, so
// `kopa compare` reads only the totals it needs. Same threading rule as the writer: one thread.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "io/results_writer.hpp"
#include "util/expected.hpp"

namespace kopa::io {

struct ScenarioContents {
  ScenarioHeader header;             // as given to the writer
  std::string scenario_sha256;       // checked against header.scenario_toml on open
  std::vector<std::uint8_t> done;    // index: replicate; 1 = finished
  std::vector<std::string> metrics;  // metric datasets present, in file order
  std::vector<std::string> cohorts;  // cohort datasets ([replicate, year]) present

  std::vector<int> done_replicates() const;
};

struct ResultsFile {
  std::filesystem::path path;
  std::string format_version;
  std::string kopa_version;
  std::string git_commit;
  std::string created_utc;
  std::string command_line;
  int threads = 0;
  RunStatus status = RunStatus::interrupted;
  std::vector<ScenarioContents> scenarios;  // in the order written

  // Index into scenarios, or -1.
  int find_scenario(std::string_view name) const;
};

// One metric of one scenario for some replicates: [replicate][month][label], flat.
struct MetricArray {
  std::vector<int> replicates;  // the replicates read, in order; index 0 is values' first block
  std::size_t months = 0;
  std::size_t width = 1;  // labels; 1 for a total
  std::vector<double> values;

  double at(std::size_t replicate_index, std::size_t month, std::size_t label = 0) const {
    return values[(replicate_index * months + month) * width + label];
  }
};

// A cohort dataset of one scenario for some replicates: [replicate][year], flat; year 1 first.
struct CohortArray {
  std::vector<int> replicates;
  std::vector<double> values;

  double at(std::size_t replicate_index, std::size_t year) const {
    return values[replicate_index * survival_years + (year - 1)];
  }
};

class ResultsReader {
 public:
  // Errors: no such file, not an HDF5 file, not a kopa results file, a format_version this kopa
  // does not read, a missing or misshapen dataset or attribute. Each message names the file.
  static Expected<ResultsReader> open(const std::filesystem::path& path);

  ResultsReader(ResultsReader&&) noexcept;
  ResultsReader& operator=(ResultsReader&&) noexcept;
  ~ResultsReader();

  const ResultsFile& contents() const;

  // `metric` is a dataset name (the catalog's name); `replicates` picks which, in that order.
  Expected<MetricArray> read_metric(std::size_t scenario, std::string_view metric,
                                    std::span<const int> replicates) const;
  // Every replicate, done or not (not done ones read as NaN).
  Expected<MetricArray> read_metric(std::size_t scenario, std::string_view metric) const;

  // A cohort dataset (`survival`, `survival_cohort`) for chosen replicates.
  Expected<CohortArray> read_cohort(std::size_t scenario, std::string_view dataset,
                                    std::span<const int> replicates) const;

 private:
  struct State;
  explicit ResultsReader(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Opens, reads everything but the metric arrays, and closes.
Expected<ResultsFile> read_results(const std::filesystem::path& path);

}  // namespace kopa::io
