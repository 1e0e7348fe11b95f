#pragma once
// Posterior files (`kopa calibrate`, docs/output-format.md "Posterior files"): the last
// generation of an ABC-SMC calibration, particles with their weights and distances, every
// target's simulated value per particle beside the observed one, the history of tolerances and
// acceptance rates, and the targets file's own text. netCDF-4 like the other kopa files
// (xarray.open_dataset(path, group="calibration")).
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "io/results_writer.hpp"
#include "util/expected.hpp"

namespace kopa::io {

inline constexpr std::string_view posterior_format_name = "kopa-posterior";
inline constexpr int posterior_format_major = 1;
inline constexpr int posterior_format_minor = 3;

struct PosteriorContents {
  std::string targets_toml;        // the targets file, as read
  std::string base_scenario_toml;  // the resolved base scenario (calibration.set applied)
  std::uint64_t seed = 0;
  std::int32_t replicates = 0;            // runs per particle
  std::string kernel = "componentwise";   // "componentwise" or "olcm": the proposal kernel
  std::string distance_function = "rms";  // "rms" or "max": how fitted targets' misses fold
  // "none", or "local_linear": theta and weight are the regression-adjusted particles
  // (calibrate/regression_adjustment.hpp), the sampler's own in the *_unadjusted fields.
  std::string adjustment = "none";
  std::string status = "complete";  // "complete", or "stopped early" (acceptance fell too low)

  std::vector<std::string> parameters;  // prior paths
  std::vector<double> prior_min, prior_max;
  std::vector<std::int32_t> prior_log;  // 1: log-uniform
  std::vector<std::string> units;

  std::vector<double> theta;  // [particle][parameter], row-major
  std::vector<double> weight, distance;
  // With an adjustment only: the sampler's particles and weights (distance and simulated are
  // theirs), and the fitted slopes [parameter][target] (NaN for held-out targets).
  std::vector<double> theta_unadjusted, weight_unadjusted, adjustment_slope;

  std::vector<std::string> targets;
  std::vector<double> observed, tolerance;
  std::vector<std::string> target_use, target_source;
  std::vector<double> simulated;  // [particle][target], row-major
  // The posterior predictive: each particle run again under seeds the sampler never used.
  std::vector<double> predictive;  // [particle][target]
  // The prior predictive: generation 0's draws from the prior and their target values.
  std::vector<double> prior_theta;      // [prior_draw][parameter]
  std::vector<double> prior_simulated;  // [prior_draw][target]

  std::vector<double> generation_tolerance, generation_acceptance, generation_ess;
  std::vector<std::int64_t> generation_proposed, generation_evaluated;

  // Read only: the writer's version.
  std::string kopa_version, git_commit;

  std::size_t particles() const { return weight.size(); }
  double value(std::size_t particle, std::size_t parameter) const {
    return theta[particle * parameters.size() + parameter];
  }
};

// Written under a temporary name and renamed into place; `force` replaces an existing file.
Status write_posterior(const std::filesystem::path& target, bool force, const RootInfo& root,
                       const PosteriorContents& contents);

// Errors: not a kopa posterior file (a results or sweep file named as such), a newer or older
// major version, missing or misshapen datasets, weights that are not a distribution.
Expected<PosteriorContents> read_posterior(const std::filesystem::path& path);

}  // namespace kopa::io
