#include "io/posterior_file.hpp"

#include <hdf5_hl.h>

#include <cmath>

#include "io/dataset_reading.hpp"
#include "io/hdf5.hpp"
#include "io/kopa_file.hpp"
#include "io/netcdf_layout.hpp"
#include "io/results_format.hpp"
#include "io/temporary_target.hpp"

namespace kopa::io {
namespace fs = std::filesystem;
using hdf5::check;
using hdf5::Handle;
using layout::quoted;
using namespace reading;

namespace {

// netCDF dimension numbers in /calibration.
constexpr std::int32_t particle_dimid = 0;
constexpr std::int32_t parameter_dimid = 1;
constexpr std::int32_t target_dimid = 2;
constexpr std::int32_t generation_dimid = 3;
constexpr std::int32_t prior_draw_dimid = 4;

std::string posterior_format_version() {
  return std::to_string(posterior_format_major) + "." + std::to_string(posterior_format_minor);
}

Status validate(const PosteriorContents& c) {
  const std::size_t n = c.weight.size(), d = c.parameters.size(), t = c.targets.size();
  if (n == 0 || d == 0 || t == 0) return Error{"a posterior needs particles, parameters, targets"};
  if (c.theta.size() != n * d || c.distance.size() != n || c.simulated.size() != n * t ||
      c.prior_min.size() != d || c.prior_max.size() != d || c.prior_log.size() != d ||
      c.units.size() != d || c.observed.size() != t || c.tolerance.size() != t ||
      c.target_use.size() != t || c.target_source.size() != t || c.predictive.size() != n * t ||
      c.prior_theta.size() % d != 0 || c.prior_simulated.size() != c.prior_theta.size() / d * t) {
    return Error{"posterior contents of inconsistent sizes"};
  }
  const bool adjusted = c.adjustment != "none";
  if (adjusted != !c.theta_unadjusted.empty() ||
      (adjusted && (c.theta_unadjusted.size() != n * d || c.weight_unadjusted.size() != n ||
                    c.adjustment_slope.size() != d * t))) {
    return Error{"posterior adjustment contents of inconsistent sizes"};
  }
  const std::size_t g = c.generation_tolerance.size();
  if (c.generation_acceptance.size() != g || c.generation_ess.size() != g ||
      c.generation_proposed.size() != g || c.generation_evaluated.size() != g) {
    return Error{"posterior generation history of inconsistent sizes"};
  }
  return ok();
}

template <class T>
void write_dataset(hid_t group, const char* name, hid_t file_type, hid_t memory_type,
                   const std::vector<T>& values, const std::vector<hsize_t>& dims,
                   const std::vector<const Handle*>& scales, std::string_view long_name) {
  const std::string what = std::string("dataset '") + name + "'";
  const Handle space = hdf5::simple_space(dims);
  const Handle plist = hdf5::checksummed_layout(dims);
  const Handle data = hdf5::dataset(
      H5Dcreate2(group, name, file_type, space.get(), H5P_DEFAULT, plist.get(), H5P_DEFAULT), what);
  check(H5Dwrite(data.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), what);
  for (std::size_t k = 0; k < scales.size(); ++k) {
    check(H5DSattach_scale(data.get(), scales[k]->get(), static_cast<unsigned>(k)), what);
  }
  hdf5::write_attribute(data.get(), "long_name", long_name);
}

void write_strings(hid_t group, const char* name, const std::vector<std::string>& values,
                   const Handle& scale, std::string_view long_name) {
  const Handle data = hdf5::write_string_dataset(group, name, values);
  check(H5DSattach_scale(data.get(), scale.get(), 0), std::string("dataset '") + name + "'");
  hdf5::write_attribute(data.get(), "long_name", long_name);
}

void write_group(hid_t file, const PosteriorContents& c) {
  Handle group = layout::creation_ordered_group(file, "calibration");
  const hid_t g = group.get();
  hdf5::write_attribute(g, "targets_toml", c.targets_toml);
  hdf5::write_attribute(g, "base_scenario_toml", c.base_scenario_toml);
  hdf5::write_attribute(g, "seed", c.seed);
  hdf5::write_attribute(g, "replicates", c.replicates);
  hdf5::write_attribute(g, "distance_function", c.distance_function);
  hdf5::write_attribute(g, "kernel", c.kernel);
  std::string method = c.kernel != "componentwise"
                           ? "ABC-SMC (Toni et al. 2009; Beaumont et al. 2009; optimal local "
                             "covariance kernel of Filippi et al. 2013)"
                           : "ABC-SMC (Toni et al. 2009; Beaumont et al. 2009)";
  if (c.adjustment == "local_linear") {
    method += ", local-linear regression adjustment (Beaumont, Zhang & Balding 2002)";
  }
  hdf5::write_attribute(g, "method", method);
  hdf5::write_attribute(g, "adjustment", c.adjustment);
  hdf5::write_attribute(g, "result", c.status);
  const std::size_t n = c.particles(), d = c.parameters.size(), t = c.targets.size(),
                    gens = c.generation_tolerance.size();
  const Handle particle = layout::index_scale(g, "particle", n, particle_dimid, "particle");
  const Handle parameter = layout::label_scale(g, "parameter", c.parameters, parameter_dimid);
  const Handle target = layout::label_scale(g, "target", c.targets, target_dimid);
  const Handle generation =
      layout::index_scale(g, "generation", gens, generation_dimid, "ABC-SMC generation");
  const bool adjusted = c.adjustment != "none";
  write_dataset(g, "theta", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.theta, {n, d},
                {&particle, &parameter},
                adjusted ? "parameter values of the particle, regression-adjusted"
                         : "parameter values of the particle");
  write_dataset(g, "weight", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.weight, {n}, {&particle},
                adjusted
                    ? "importance weight times the adjustment's Epanechnikov kernel (sums to 1)"
                    : "importance weight (sums to 1)");
  if (adjusted) {
    write_dataset(g, "theta_unadjusted", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.theta_unadjusted,
                  {n, d}, {&particle, &parameter},
                  "parameter values the sampler accepted (distance and simulated are theirs)");
    write_dataset(g, "weight_unadjusted", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.weight_unadjusted,
                  {n}, {&particle}, "the sampler's importance weight (sums to 1)");
    write_dataset(g, "adjustment_slope", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.adjustment_slope,
                  {d, t}, {&parameter, &target},
                  "fitted change of the parameter's probit coordinate per tolerance of the "
                  "target's miss (NaN: held out)");
  }
  write_dataset(g, "distance", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.distance, {n}, {&particle},
                c.distance_function == "max"
                    ? "distance to the fitted targets (largest |simulated - observed| / tolerance)"
                    : "distance to the fitted targets (root mean square of (simulated - observed) "
                      "/ tolerance)");
  write_dataset(g, "simulated", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.simulated, {n, t},
                {&particle, &target}, "target value simulated by the particle (mean of its runs)");
  write_dataset(g, "predictive", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.predictive, {n, t},
                {&particle, &target},
                "posterior predictive: the particle run again under seeds the sampler never used");
  const std::size_t draws = c.prior_theta.size() / d;
  const Handle prior_draw =
      layout::index_scale(g, "prior_draw", draws, prior_draw_dimid, "draw from the prior");
  write_dataset(g, "prior_theta", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.prior_theta, {draws, d},
                {&prior_draw, &parameter}, "generation 0: parameter values drawn from the prior");
  write_dataset(g, "prior_simulated", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.prior_simulated,
                {draws, t}, {&prior_draw, &target},
                "prior predictive: target values of the draws from the prior");
  write_dataset(g, "prior_min", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.prior_min, {d}, {&parameter},
                "lower end of the prior's range");
  write_dataset(g, "prior_max", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.prior_max, {d}, {&parameter},
                "upper end of the prior's range");
  write_dataset(g, "prior_log", H5T_STD_I32LE, H5T_NATIVE_INT32, c.prior_log, {d}, {&parameter},
                "1: log-uniform prior, 0: uniform");
  write_strings(g, "units", c.units, parameter, "parameter units");
  write_dataset(g, "observed", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.observed, {t}, {&target},
                "published figure");
  write_dataset(g, "tolerance", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.tolerance, {t}, {&target},
                "half-width of the band the model should hit");
  write_strings(g, "use", c.target_use, target, "fit or validation (held out)");
  write_strings(g, "source", c.target_source, target, "where the figure comes from");
  write_dataset(g, "generation_tolerance", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                c.generation_tolerance, {gens}, {&generation},
                "ABC tolerance of the generation (inf for generation 0, the prior)");
  write_dataset(g, "generation_acceptance", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                c.generation_acceptance, {gens}, {&generation},
                "accepted over proposed (out-of-range proposals included)");
  write_dataset(g, "generation_ess", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, c.generation_ess, {gens},
                {&generation}, "effective sample size of the weights");
  write_dataset(g, "generation_proposed", H5T_STD_I64LE, H5T_NATIVE_INT64, c.generation_proposed,
                {gens}, {&generation}, "proposals drawn");
  write_dataset(g, "generation_evaluated", H5T_STD_I64LE, H5T_NATIVE_INT64, c.generation_evaluated,
                {gens}, {&generation}, "proposals simulated");
  check(group.close(), "closing group");
}

void read_group(hid_t g, PosteriorContents& c) {
  c.targets_toml = require_string(g, "targets_toml");
  c.base_scenario_toml = require_string(g, "base_scenario_toml");
  c.seed = hdf5::read_uint_attribute(g, "seed");
  c.replicates = static_cast<std::int32_t>(require_int(g, "replicates"));
  // Files before format 1.1 have no distance_function: theirs was the root mean square.
  c.distance_function = hdf5::has_attribute(g, "distance_function")
                            ? require_string(g, "distance_function")
                            : std::string("rms");
  // Files before format 1.2 have no kernel: theirs was Beaumont et al.'s componentwise one.
  c.kernel =
      hdf5::has_attribute(g, "kernel") ? require_string(g, "kernel") : std::string("componentwise");
  // Files before format 1.3 have no adjustment.
  c.adjustment =
      hdf5::has_attribute(g, "adjustment") ? require_string(g, "adjustment") : std::string("none");
  c.status = require_string(g, "result");
  c.parameters = hdf5::read_string_dataset(open_dataset(g, "parameter").get());
  c.targets = hdf5::read_string_dataset(open_dataset(g, "target").get());
  const hsize_t n = hdf5::extent(open_dataset(g, "particle").get()).at(0);
  const hsize_t gens = hdf5::extent(open_dataset(g, "generation").get()).at(0);
  const hsize_t d = c.parameters.size(), t = c.targets.size();
  auto doubles = [&](const char* name, std::vector<hsize_t> dims, const char* layout) {
    return read_all<double>(g, name, dims, layout, H5T_FLOAT, H5T_NATIVE_DOUBLE);
  };
  c.theta = doubles("theta", {n, d}, "[particle, parameter]");
  c.weight = doubles("weight", {n}, "[particle]");
  c.distance = doubles("distance", {n}, "[particle]");
  c.simulated = doubles("simulated", {n, t}, "[particle, target]");
  c.predictive = doubles("predictive", {n, t}, "[particle, target]");
  if (c.adjustment != "none") {
    c.theta_unadjusted = doubles("theta_unadjusted", {n, d}, "[particle, parameter]");
    c.weight_unadjusted = doubles("weight_unadjusted", {n}, "[particle]");
    c.adjustment_slope = doubles("adjustment_slope", {d, t}, "[parameter, target]");
  }
  const hsize_t draws = hdf5::extent(open_dataset(g, "prior_draw").get()).at(0);
  c.prior_theta = doubles("prior_theta", {draws, d}, "[prior_draw, parameter]");
  c.prior_simulated = doubles("prior_simulated", {draws, t}, "[prior_draw, target]");
  c.prior_min = doubles("prior_min", {d}, "[parameter]");
  c.prior_max = doubles("prior_max", {d}, "[parameter]");
  c.prior_log =
      read_all<std::int32_t>(g, "prior_log", {d}, "[parameter]", H5T_INTEGER, H5T_NATIVE_INT32);
  c.units = hdf5::read_string_dataset(open_dataset(g, "units").get());
  c.observed = doubles("observed", {t}, "[target]");
  c.tolerance = doubles("tolerance", {t}, "[target]");
  c.target_use = hdf5::read_string_dataset(open_dataset(g, "use").get());
  c.target_source = hdf5::read_string_dataset(open_dataset(g, "source").get());
  c.generation_tolerance = doubles("generation_tolerance", {gens}, "[generation]");
  c.generation_acceptance = doubles("generation_acceptance", {gens}, "[generation]");
  c.generation_ess = doubles("generation_ess", {gens}, "[generation]");
  c.generation_proposed = read_all<std::int64_t>(g, "generation_proposed", {gens}, "[generation]",
                                                 H5T_INTEGER, H5T_NATIVE_INT64);
  c.generation_evaluated = read_all<std::int64_t>(g, "generation_evaluated", {gens}, "[generation]",
                                                  H5T_INTEGER, H5T_NATIVE_INT64);
  if (c.units.size() != d || c.target_use.size() != t || c.target_source.size() != t) {
    throw hdf5::Failure("units, use or source do not match the parameters or targets");
  }
  double total = 0;
  for (const double w : c.weight) {
    if (!(w >= 0 && std::isfinite(w))) throw hdf5::Failure("a weight is negative or not finite");
    total += w;
  }
  if (!(std::abs(total - 1.0) < 1e-9)) throw hdf5::Failure("the weights do not sum to 1");
}

}  // namespace

Status write_posterior(const fs::path& target, bool force, const RootInfo& root,
                       const PosteriorContents& contents) {
  if (const Status valid = validate(contents); !valid) return valid.error();
  auto claimed = TemporaryTarget::claim(target, force);
  if (!claimed) return claimed.error();
  try {
    Handle file =
        layout::create_kopa_file(claimed->temporary(), posterior_format_name,
                                 posterior_format_version(), root.command_line, root.threads);
    write_group(file.get(), contents);
    hdf5::write_attribute(file.get(), "status", "complete");
    check(file.close(), "closing file");
  } catch (const std::exception& failure) {
    claimed->discard();
    return Error{"cannot write " + quoted(target) + ": " + failure.what()};
  }
  return claimed->publish();
}

Expected<PosteriorContents> read_posterior(const fs::path& path) {
  auto opened = open_kopa_file(path, "posterior");
  if (!opened) return opened.error();
  PosteriorContents c;
  try {
    const hid_t file = opened->get();
    const std::string format =
        hdf5::has_attribute(file, "format") ? hdf5::read_string_attribute(file, "format") : "";
    if (format != posterior_format_name) {
      return Error{quoted(path) + " is not a kopa posterior file (kopa calibrate)" +
                       (format.empty() ? std::string() : ": its format is '" + format + "'"),
                   true};
    }
    const std::string version = require_string(file, "format_version");
    if (version.substr(0, version.find('.')) != std::to_string(posterior_format_major)) {
      return Error{quoted(path) + " is posterior format " + version + "; this kopa reads " +
                       posterior_format_version() + " (use the kopa that wrote it)",
                   true};
    }
    c.kopa_version = require_string(file, "kopa_version");
    c.git_commit = require_string(file, "git_commit");
    if (!hdf5::link_exists(file, "calibration")) throw hdf5::Failure("no group 'calibration'");
    const Handle group = hdf5::group(H5Gopen2(file, "calibration", H5P_DEFAULT), "calibration");
    read_group(group.get(), c);
  } catch (const std::exception& failure) {
    return Error{"cannot read " + quoted(path) + " as a posterior file: " + failure.what(), true};
  }
  return c;
}

}  // namespace kopa::io
