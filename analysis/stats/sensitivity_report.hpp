#pragma once
// `kopa analyse`: what one sensitivity analysis or scenario discovery of a sweep found, with the
// warnings and notes a reader needs to trust it (or not). Built from plain data (point outputs
// and the design's metadata); formatted by format_analysis (sensitivity_format.hpp).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "stats/bootstrap.hpp"
#include "stats/metric_definition.hpp"
#include "stats/morris_effects.hpp"
#include "stats/point_outputs.hpp"
#include "stats/prim.hpp"
#include "stats/sobol_indices.hpp"
#include "util/expected.hpp"

namespace kopa::analysis {

// The output analysed: one per-run total of a metric (as `kopa compare` makes it), averaged over
// each design point's finished replicates.
struct AnalysedOutput {
  MetricDefinition metric;
  int month = 0;
  std::size_t replicates = 0;  // per point, as designed
  stats::PointOutputs points;
};

// Warnings fire at these (documented in docs/analyse.md).
inline constexpr double wide_interval = 0.2;         // an index's 95 % interval wider than this
inline constexpr double noisy_share_of_means = 0.1;  // replicate noise share of the point means

struct SobolReport {
  AnalysedOutput output;
  std::vector<std::string> factors;
  std::size_t samples = 0;  // N, base rows designed
  stats::BootstrapOptions bootstrap;
  std::optional<stats::SobolIndices> indices;
  std::string undefined;  // why there are no indices, when there are none
  std::vector<std::size_t> dropped_rows;
  std::vector<std::string> warnings;
  std::vector<std::string> notes;
};

struct MorrisReport {
  AnalysedOutput output;
  std::vector<std::string> factors;
  std::size_t samples = 0;  // r, trajectories designed
  stats::BootstrapOptions bootstrap;
  std::optional<stats::MorrisStatistics> statistics;
  std::string undefined;
  std::vector<int> dropped_trajectories;
  std::vector<std::string> warnings;
  std::vector<std::string> notes;
};

// A case of interest: the point's mean of `metric` is >= (at_least) or <= the threshold.
struct PrimCondition {
  std::string metric;
  bool at_least = true;
  double threshold = 0.0;
};

struct PrimReport {
  std::vector<PrimCondition> conditions;
  std::vector<AnalysedOutput> outputs;  // one per condition
  std::vector<std::string> factors;
  stats::PrimOptions options;
  std::size_t samples = 0;               // design points
  std::vector<std::size_t> used_points;  // the points with every condition's output
  std::optional<stats::PrimTrajectory> trajectory;
  std::size_t chosen = 0;  // the step whose box is reported
  bool chosen_by_user = false;
  std::vector<stats::PrimRestriction> restrictions;  // of the chosen box
  std::string undefined;
  std::vector<std::string> warnings;
  std::vector<std::string> notes;
};

struct AnalysisReport {
  std::string sweep;   // the file, as given
  std::string design;  // the sweep's design
  std::string method;  // "sobol", "morris" or "prim"
  bool interrupted = false;
  std::vector<SobolReport> sobol;
  std::vector<MorrisReport> morris;
  std::optional<PrimReport> prim;
};

// Errors: design metadata that does not fit (block numbers, trajectory moves); an output that
// gives no indices (too few complete rows, constant) comes back with `undefined` set instead.
Expected<SobolReport> analyse_sobol(AnalysedOutput output, std::vector<std::string> factors,
                                    std::span<const std::int32_t> block, std::size_t samples,
                                    const stats::BootstrapOptions& bootstrap = {});

Expected<MorrisReport> analyse_morris(AnalysedOutput output, std::vector<std::string> factors,
                                      std::span<const stats::MorrisMove> moves, double delta,
                                      const stats::BootstrapOptions& bootstrap = {});

// x: [point][factor], the values each point ran. `chosen`: a trajectory step, default the last
// (EMA Workbench's default box); an error when outside the trajectory.
Expected<PrimReport> analyse_prim(std::vector<PrimCondition> conditions,
                                  std::vector<AnalysedOutput> outputs,
                                  std::vector<std::string> factors,
                                  const std::vector<std::vector<double>>& x,
                                  std::optional<std::size_t> chosen,
                                  const stats::PrimOptions& options = {});

// "founders_sustained >= 300"
std::string condition_text(const PrimCondition& condition);

// Whether the report holds any result (indices, statistics or a trajectory).
bool has_result(const AnalysisReport& report);

}  // namespace kopa::analysis
