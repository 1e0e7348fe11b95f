#pragma once
// Writes a results file (docs/output-format.md): one HDF5 group per scenario, one dataset per
// metric, readable by h5py and by xarray (engine h5netcdf). Only one thread may call a writer,
// and HDF5 calls from other threads must not overlap with it; runs can be simulated in parallel
// and handed to that one thread as they finish.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/metrics.hpp"
#include "model/model.hpp"
#include "util/expected.hpp"

namespace kopa::io {

// What the whole invocation was.
struct RootInfo {
  std::string command_line;
  int threads = 1;
};

// What one scenario is, known before any of its runs.
struct ScenarioHeader {
  std::string name;  // [A-Za-z0-9_-]+, unique in the file; the group is /scenarios/<name>
  std::string description;
  std::string scenario_toml;  // the fully resolved scenario text
  std::uint64_t base_seed = 0;
  int replicates = 0;
  int months = 0;
  double people_per_agent = 1.0;  // real people one founder agent stands for (population / agents)
  DimensionLabels labels;
  std::vector<std::uint64_t> replicate_seeds;  // one per replicate
  // With --posterior: the particle each replicate ran with (same for every scenario of a run),
  // and the posterior file it came from, in words. Both empty otherwise.
  std::vector<std::int32_t> posterior_particle;
  std::string posterior;
  // simulation.start (util/year_month.hpp): month 0's calendar month; then a `time` coordinate.
  std::optional<std::int64_t> start;
};

// The header of `replicates` runs of `model` from `base_seed` (replicate r's seed is
// replicate_seed(base_seed, r)): what `kopa run` and `kopa serve`'s export write.
ScenarioHeader scenario_header(std::string name, std::string description, std::string scenario_toml,
                               const Model& model, std::uint64_t base_seed, int replicates);

enum class RunStatus { complete, interrupted };
std::string_view to_string(RunStatus status);  // "complete", "interrupted"

class ResultsWriter {
 public:
  // Validates the headers, checks `target` (check_target: an existing one is refused unless
  // `force`, and anything but a regular file always), and creates the file with every dataset
  // (unwritten values read as NaN) under a temporary name beside `target`
  // (temporary_target.hpp).
  static Expected<ResultsWriter> create(const std::filesystem::path& target, bool force,
                                        const RootInfo& root,
                                        const std::vector<ScenarioHeader>& scenarios);

  ResultsWriter(ResultsWriter&&) noexcept;
  ResultsWriter& operator=(ResultsWriter&&) noexcept;
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;
  // Without a successful finish(): closes and deletes the temporary file; never touches target.
  ~ResultsWriter();

  // Writes one run's series to disk now and marks that replicate done; keeps nothing in memory.
  // `scenario` indexes the headers given to create(). Each replicate is written at most once.
  Status write_run(std::size_t scenario, int replicate, const RunSeries& series);

  // Records `status`, closes the file, flushes it to disk and renames it to the target. After an
  // earlier failed write, or on any error here, the temporary file is deleted instead.
  Status finish(RunStatus status);

  const std::filesystem::path& temporary_path() const;

 private:
  struct State;
  explicit ResultsWriter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace kopa::io
