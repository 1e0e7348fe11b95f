#pragma once
// Writes a sweep file (docs/output-format.md, "Sweep files"): group /sweep with dimensions
// point, replicate, month and the breakdown labels, one [point] dataset per factor, one
// [point, replicate, month(, label)] dataset per metric and a done mask. Same threading rule as
// the results writer: one thread.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/results_writer.hpp"
#include "model/metrics.hpp"
#include "util/expected.hpp"

namespace kopa::io {

struct SweepFactorHeader {
  std::string path;  // the parameter path, "levers.seed_funding.budget_per_year"
  std::string units;
  std::string kind;  // "values" (a list) or "range" / "log range"
};

// Everything known about a sweep before any run.
struct SweepHeader {
  std::string sweep_toml;          // the sweep file's text
  std::string base_scenario_toml;  // the resolved base scenario (sweep.set applied)
  std::string design;              // "grid", "lhs", "sobol", "morris"
  std::uint64_t design_seed = 0;
  std::uint64_t base_seed = 0;
  int replicates = 0;
  int months = 0;
  // Calendar month of month 0 (simulation.start, shared by every point); unset: no dates.
  std::optional<std::int64_t> start;
  DimensionLabels labels;
  std::vector<SweepFactorHeader> factors;
  std::vector<std::vector<double>> points;  // [point][factor], the values run
  std::vector<double> people_per_agent;     // [point]: population / agents at each point
  std::vector<std::uint64_t> replicate_seeds;
  // Design metadata for sensitivity analysis; empty when the design has none.
  std::vector<std::int32_t> sobol_block;  // sobol: 0 = A, 1 = B, 2 + i = AB_i
  std::int32_t sobol_base_samples = 0;
  std::vector<std::int32_t> morris_trajectory, morris_factor, morris_direction;
  double morris_delta = 0;
  // With --posterior: the particle replicate r ran with at every point, and the posterior.
  std::vector<std::int32_t> posterior_particle;
  std::string posterior;
};

class SweepWriter {
 public:
  // Refuses an existing target unless `force`; creates every dataset (unwritten values NaN)
  // under temporary_path_for(target).
  static Expected<SweepWriter> create(const std::filesystem::path& target, bool force,
                                      const RootInfo& root, const SweepHeader& header);
  SweepWriter(SweepWriter&&) noexcept;
  SweepWriter& operator=(SweepWriter&&) noexcept;
  SweepWriter(const SweepWriter&) = delete;
  SweepWriter& operator=(const SweepWriter&) = delete;
  ~SweepWriter();  // without a successful finish(): deletes the temporary file

  // One run's values, flat as journal records hold them (sweep::flatten): every metric in
  // catalog order, month-major, then the cohort survival's launched and operating counts by
  // year. Marks (point, replicate) done.
  Status write_run(std::size_t point, int replicate, const std::vector<double>& values);
  // Records `status`, flushes to disk and renames into place.
  Status finish(RunStatus status);

 private:
  struct State;
  explicit SweepWriter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace kopa::io
