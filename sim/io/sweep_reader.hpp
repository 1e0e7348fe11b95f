#pragma once
// Reads a sweep file (docs/output-format.md, "Sweep files"). Opening reads and checks everything
// but the metric arrays; read_metric() reads one metric whole, [point][replicate][month][label].
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/results_writer.hpp"
#include "io/sweep_writer.hpp"
#include "util/expected.hpp"

namespace kopa::io {

struct SweepContents {
  std::filesystem::path path;
  std::string format_version;
  std::string kopa_version;
  std::string git_commit;
  std::string created_utc;
  std::string command_line;
  RunStatus status = RunStatus::interrupted;
  SweepHeader header;                // factors, points, labels, seeds, design metadata as written
  std::string sweep_sha256;          // checked against header.sweep_toml on open
  std::vector<std::uint8_t> done;    // [point][replicate], 1 = finished
  std::vector<std::string> metrics;  // metric datasets present, in file order

  std::size_t points() const { return header.points.size(); }
  bool is_done(std::size_t point, int replicate) const {
    return done[point * static_cast<std::size_t>(header.replicates) +
                static_cast<std::size_t>(replicate)] != 0;
  }
  std::vector<int> done_replicates(std::size_t point) const;
};

// One metric of every run: [point][replicate][month][label], flat; runs not done read NaN.
struct SweepMetric {
  std::string name;
  std::size_t points = 0;
  std::size_t replicates = 0;
  std::size_t months = 0;
  std::size_t width = 1;  // labels; 1 for a total
  std::vector<double> values;

  double at(std::size_t point, std::size_t replicate, std::size_t month,
            std::size_t label = 0) const {
    return values[((point * replicates + replicate) * months + month) * width + label];
  }
};

class SweepReader {
 public:
  // Errors name the file: missing, not HDF5, not a sweep file (a results file says so), a
  // format_version this kopa does not read, a missing or misshapen dataset or attribute.
  static Expected<SweepReader> open(const std::filesystem::path& path);
  SweepReader(SweepReader&&) noexcept;
  SweepReader& operator=(SweepReader&&) noexcept;
  ~SweepReader();

  const SweepContents& contents() const;
  Expected<SweepMetric> read_metric(std::string_view metric) const;
  // One run's values, flat as sweep journal records hold them: every metric of this kopa's
  // catalog in order, month-major, labels innermost, then the cohort survival (launched, then
  // operating, by year; operating is rebuilt as survival x launched, exact to rounding). For
  // rebuilding a lost journal.
  Expected<std::vector<double>> read_run(std::size_t point, int replicate) const;

 private:
  void append_survival(const std::string& which, std::size_t point, int replicate,
                       std::vector<double>& values) const;
  struct State;
  explicit SweepReader(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Opens, reads everything but the metrics, closes.
Expected<SweepContents> read_sweep(const std::filesystem::path& path);
// Opens, reads one metric, closes.
Expected<SweepMetric> read_sweep_metric(const std::filesystem::path& path, std::string_view metric);

}  // namespace kopa::io
