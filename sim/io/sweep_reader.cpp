#include "io/sweep_reader.hpp"

#include <algorithm>
#include <array>

#include "io/dataset_reading.hpp"
#include "io/hdf5.hpp"
#include "io/kopa_file.hpp"
#include "io/netcdf_layout.hpp"
#include "io/results_format.hpp"
#include "model/metrics.hpp"
#include "util/sha256.hpp"
#include "util/suggest.hpp"

namespace kopa::io {
namespace fs = std::filesystem;
using hdf5::check;
using hdf5::Failure;
using hdf5::Handle;
using layout::quoted;
using namespace reading;

namespace {

constexpr std::int64_t max_points = 1'000'000;

std::vector<std::int32_t> read_optional_ints(hid_t g, const char* name, std::size_t points) {
  if (!hdf5::link_exists(g, name)) return {};
  return read_all<std::int32_t>(g, name, {points}, "[point]", H5T_INTEGER, H5T_NATIVE_INT32);
}

bool is_sweep_structure(std::string_view name) {
  for (const char* s : {"point", "replicate", "month", "time", "year", "seed", "done",
                        "people_per_agent", "sobol_block", "morris_trajectory", "morris_factor",
                        "morris_direction", "survival", "survival_cohort", "posterior_particle"}) {
    if (name == s) return true;
  }
  for (std::size_t b = 1; b < breakdown_count; ++b) {
    if (name == dimension_name(static_cast<Breakdown>(b))) return true;
  }
  return name.starts_with("factor.");
}

// A catalog metric must be float64 and shaped [point, replicate, month(, <dimension>)]; datasets
// not in this kopa's catalog (a newer minor version's) are left alone.
void check_metric(hid_t g, const std::string& name, const SweepHeader& h) {
  const int index = find_metric(name);
  if (index < 0) return;
  const MetricSpec& spec = metric_catalog()[static_cast<std::size_t>(index)];
  const std::string what = "metric '" + name + "'";
  const Handle data = open_dataset(g, name);
  hdf5::require_type(data.get(), H5T_FLOAT, what);
  std::vector<hsize_t> dims{h.points.size(), static_cast<hsize_t>(h.replicates),
                            static_cast<hsize_t>(h.months)};
  std::string layout = "[point, replicate, month]";
  if (spec.breakdown != Breakdown::total) {
    dims.push_back(h.labels.width(spec.breakdown));
    layout = "[point, replicate, month, " + std::string(dimension_name(spec.breakdown)) + "]";
  }
  require_shape(data.get(), what, dims, layout);
}

void read_group(hid_t g, SweepContents& c) {
  SweepHeader& h = c.header;
  h.design = require_string(g, "design");
  h.sweep_toml = require_string(g, "sweep_toml");
  c.sweep_sha256 = require_string(g, "sweep_sha256");
  if (sha256_hex(h.sweep_toml) != c.sweep_sha256) {
    throw Failure("sweep_sha256 does not match sweep_toml");
  }
  h.base_scenario_toml = require_string(g, "base_scenario_toml");
  h.base_seed = hdf5::read_uint_attribute(g, "base_seed");
  h.design_seed = hdf5::read_uint_attribute(g, "design_seed");
  const std::int64_t points = require_int(g, "points");
  const std::int64_t replicates = require_int(g, "replicates");
  const std::int64_t months = require_int(g, "months");
  const std::int64_t factors = require_int(g, "factors");
  if (points < 1 || replicates < 1 || months < 1 || factors < 0) {
    throw Failure("points, replicates and months must be at least 1");
  }
  // What a sweep file can hold (the design's and the sweep loader's limits): larger counts are
  // damage, and would be allocated before any dataset is checked against them.
  if (points > max_points || replicates > max_points || factors > max_points ||
      months > max_points) {
    throw Failure("points, replicates, months or factors beyond " + std::to_string(max_points) +
                  ": the file is damaged");
  }
  h.replicates = static_cast<int>(replicates);
  h.months = static_cast<int>(months);
  const auto P = static_cast<hsize_t>(points);
  const auto R = static_cast<hsize_t>(h.replicates);
  for (std::size_t b = 1; b < breakdown_count; ++b) {
    const Handle labels = open_dataset(g, std::string(dimension_name(static_cast<Breakdown>(b))));
    h.labels.labels[b] = hdf5::read_string_dataset(labels.get());
  }
  h.points.assign(P, std::vector<double>(static_cast<std::size_t>(factors)));
  for (const auto& link : hdf5::link_names(g)) {
    if (!link.starts_with("factor.")) continue;
    const Handle data = open_dataset(g, link);
    const auto index = hdf5::read_int_attribute(data.get(), "factor_index");
    if (index < 0 || index >= factors) throw Failure("dataset '" + link + "': bad factor_index");
    SweepFactorHeader factor;
    factor.path = require_string(data.get(), "path");
    factor.units = require_string(data.get(), "units");
    factor.kind = require_string(data.get(), "kind");
    const auto values = read_all<double>(g, link, {P}, "[point]", H5T_FLOAT, H5T_NATIVE_DOUBLE);
    for (std::size_t p = 0; p < P; ++p) h.points[p][static_cast<std::size_t>(index)] = values[p];
    h.factors.resize(static_cast<std::size_t>(factors));
    h.factors[static_cast<std::size_t>(index)] = std::move(factor);
  }
  if (h.factors.size() != static_cast<std::size_t>(factors)) {
    throw Failure("the group names " + std::to_string(factors) + " factors but holds " +
                  std::to_string(h.factors.size()));
  }
  for (const auto& f : h.factors) {
    if (f.path.empty()) throw Failure("a factor dataset is missing");
  }
  // Format 2.0 records each point's population scale; a 1.0 file predates it (counts are agents,
  // read as one person each).
  h.people_per_agent.assign(P, 1.0);
  if (!c.format_version.starts_with("1.")) {
    h.people_per_agent =
        read_all<double>(g, "people_per_agent", {P}, "[point]", H5T_FLOAT, H5T_NATIVE_DOUBLE);
  }
  h.replicate_seeds =
      read_all<std::uint64_t>(g, "seed", {R}, "[replicate]", H5T_INTEGER, H5T_NATIVE_UINT64);
  c.done = read_all<std::uint8_t>(g, "done", {P, R}, "[point, replicate]", H5T_INTEGER,
                                  H5T_NATIVE_UINT8);
  if (hdf5::link_exists(g, "posterior_particle")) {
    h.posterior_particle = read_all<std::int32_t>(g, "posterior_particle", {R}, "[replicate]",
                                                  H5T_INTEGER, H5T_NATIVE_INT32);
    h.posterior = require_string(open_dataset(g, "posterior_particle").get(), "posterior");
  }
  for (const std::uint8_t flag : c.done) {
    if (flag > 1) throw Failure("dataset 'done' holds a value other than 0 and 1");
  }
  h.sobol_block = read_optional_ints(g, "sobol_block", P);
  h.morris_trajectory = read_optional_ints(g, "morris_trajectory", P);
  h.morris_factor = read_optional_ints(g, "morris_factor", P);
  h.morris_direction = read_optional_ints(g, "morris_direction", P);
  if (hdf5::has_attribute(g, "sobol_base_samples")) {
    h.sobol_base_samples =
        static_cast<std::int32_t>(hdf5::read_int_attribute(g, "sobol_base_samples"));
  }
  if (hdf5::has_attribute(g, "morris_delta")) {
    const Handle attribute =
        hdf5::attribute(H5Aopen(g, "morris_delta", H5P_DEFAULT), "attribute 'morris_delta'");
    check(H5Aread(attribute.get(), H5T_NATIVE_DOUBLE, &h.morris_delta), "attribute 'morris_delta'");
  }
  for (auto& link : hdf5::link_names(g)) {
    if (is_sweep_structure(link)) continue;
    check_metric(g, link, h);
    c.metrics.push_back(std::move(link));
  }
}

}  // namespace

std::vector<int> SweepContents::done_replicates(std::size_t point) const {
  std::vector<int> out;
  for (int r = 0; r < header.replicates; ++r) {
    if (is_done(point, r)) out.push_back(r);
  }
  return out;
}

struct SweepReader::State {
  Handle file;
  SweepContents contents;
};

SweepReader::SweepReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
SweepReader::SweepReader(SweepReader&&) noexcept = default;
SweepReader& SweepReader::operator=(SweepReader&&) noexcept = default;
SweepReader::~SweepReader() = default;

const SweepContents& SweepReader::contents() const {
  return state_->contents;
}

Expected<SweepReader> SweepReader::open(const fs::path& path) {
  auto opened = open_kopa_file(path, "sweep");
  if (!opened) return opened.error();
  auto state = std::make_unique<State>();
  state->file = std::move(*opened);
  SweepContents& c = state->contents;
  c.path = path;
  try {
    const hid_t file = state->file.get();
    if (!hdf5::has_attribute(file, "format")) {
      return Error{quoted(path) + " is not a kopa sweep file: it has no 'format' attribute"};
    }
    const std::string format = hdf5::read_string_attribute(file, "format");
    if (format == results_format_name) {
      return Error{quoted(path) + " is a results file (kopa run), not a sweep file (kopa sweep)"};
    }
    if (format != sweep_format_name) {
      return Error{quoted(path) + " is not a kopa sweep file: its format is '" + format + "'"};
    }
    c.format_version = require_string(file, "format_version");
    if (const Status version = check_sweep_format_version(c.format_version); !version) {
      return Error{quoted(path) + ": " + version.error().message};
    }
    c.kopa_version = require_string(file, "kopa_version");
    c.git_commit = require_string(file, "git_commit");
    c.created_utc = require_string(file, "created_utc");
    c.command_line = require_string(file, "command_line");
    const std::string status = require_string(file, "status");
    if (status != "complete" && status != "interrupted") {
      throw Failure("status '" + status + "' is neither 'complete' nor 'interrupted'");
    }
    c.status = status == "complete" ? RunStatus::complete : RunStatus::interrupted;
    if (!hdf5::link_exists(file, "sweep")) throw Failure("no group '/sweep'");
    const Handle group = hdf5::group(H5Gopen2(file, "sweep", H5P_DEFAULT), "/sweep");
    read_group(group.get(), c);
  } catch (const std::exception& failure) {
    return Error{quoted(path) + ": " + failure.what()};
  }
  return SweepReader(std::move(state));
}

Expected<SweepMetric> SweepReader::read_metric(std::string_view metric) const {
  const SweepContents& c = state_->contents;
  if (std::find(c.metrics.begin(), c.metrics.end(), metric) == c.metrics.end()) {
    return Error{quoted(c.path) + " has no metric '" + std::string(metric) + "'" +
                 did_you_mean(metric, c.metrics)};
  }
  try {
    const std::string path = "sweep/" + std::string(metric);
    const Handle data = hdf5::dataset(H5Dopen2(state_->file.get(), path.c_str(), H5P_DEFAULT),
                                      "dataset '" + std::string(metric) + "'");
    const auto dims = hdf5::extent(data.get());
    if ((dims.size() != 3 && dims.size() != 4) || dims[0] != c.points() ||
        dims[1] != static_cast<hsize_t>(c.header.replicates) ||
        dims[2] != static_cast<hsize_t>(c.header.months)) {
      return Error{quoted(c.path) + ": metric '" + std::string(metric) +
                   "' is not shaped [point, replicate, month(, label)]"};
    }
    SweepMetric out;
    out.name = std::string(metric);
    out.points = dims[0];
    out.replicates = dims[1];
    out.months = dims[2];
    out.width = dims.size() == 4 ? dims[3] : 1;
    out.values.resize(out.points * out.replicates * out.months * out.width);
    if (!out.values.empty()) {
      check(
          H5Dread(data.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.values.data()),
          "reading metric '" + std::string(metric) + "'");
    }
    return out;
  } catch (const std::exception& failure) {
    return Error{quoted(c.path) + ": " + failure.what()};
  }
}

Expected<std::vector<double>> SweepReader::read_run(std::size_t point, int replicate) const {
  const SweepContents& c = state_->contents;
  const std::string which = quoted(c.path) + ": point " + std::to_string(point) + " replicate " +
                            std::to_string(replicate);
  if (point >= c.points() || replicate < 0 || replicate >= c.header.replicates) {
    return Error{which + " is not in the sweep"};
  }
  const auto months = static_cast<hsize_t>(c.header.months);
  std::vector<double> values;
  try {
    for (const auto& spec : metric_catalog()) {
      const std::string name(spec.name);
      if (std::find(c.metrics.begin(), c.metrics.end(), name) == c.metrics.end()) {
        return Error{which + ": the file has no metric '" + name + "'"};
      }
      const hsize_t width = c.header.labels.width(spec.breakdown);
      const std::size_t at = values.size();
      values.resize(at + months * width);
      if (width == 0) continue;
      std::vector<hsize_t> start{point, static_cast<hsize_t>(replicate), 0};
      std::vector<hsize_t> count{1, 1, months};
      if (spec.breakdown != Breakdown::total) {
        start.push_back(0);
        count.push_back(width);
      }
      const Handle data =
          hdf5::dataset(H5Dopen2(state_->file.get(), ("sweep/" + name).c_str(), H5P_DEFAULT), name);
      const Handle file_space = hdf5::dataspace(H5Dget_space(data.get()), name);
      check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                count.data(), nullptr),
            name);
      const Handle memory_space = hdf5::simple_space({months * width});
      check(H5Dread(data.get(), H5T_NATIVE_DOUBLE, memory_space.get(), file_space.get(),
                    H5P_DEFAULT, values.data() + at),
            "reading metric '" + name + "'");
    }
    append_survival(which, point, replicate, values);
  } catch (const std::exception& failure) {
    return Error{which + ": " + failure.what()};
  }
  return values;
}

// The journal's cohort survival after the metrics: launched (`survival_cohort`) by year, then
// operating (`survival` x launched; 0 where nothing launched). A 1.0 file has none: zeros.
void SweepReader::append_survival(const std::string& which, std::size_t point, int replicate,
                                  std::vector<double>& values) const {
  const SweepContents& c = state_->contents;
  const std::size_t at = values.size();
  values.resize(at + 2 * survival_years, 0.0);
  if (c.format_version.starts_with("1.")) return;
  std::array<std::array<double, survival_years>, 2> rows{};  // survival_cohort, survival
  const std::array<const char*, 2> names{"sweep/survival_cohort", "sweep/survival"};
  for (std::size_t d = 0; d < names.size(); ++d) {
    const Handle data =
        hdf5::dataset(H5Dopen2(state_->file.get(), names[d], H5P_DEFAULT), which + " " + names[d]);
    const Handle file_space = hdf5::dataspace(H5Dget_space(data.get()), names[d]);
    const std::vector<hsize_t> start{point, static_cast<hsize_t>(replicate), 0};
    const std::vector<hsize_t> count{1, 1, survival_years};
    check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                              nullptr),
          names[d]);
    const Handle memory_space = hdf5::simple_space({survival_years});
    check(H5Dread(data.get(), H5T_NATIVE_DOUBLE, memory_space.get(), file_space.get(), H5P_DEFAULT,
                  rows[d].data()),
          names[d]);
  }
  for (std::size_t k = 0; k < survival_years; ++k) {
    const double launched = rows[0][k];
    values[at + k] = launched;
    values[at + survival_years + k] = launched > 0.0 ? rows[1][k] * launched : 0.0;
  }
}

Expected<SweepContents> read_sweep(const fs::path& path) {
  auto reader = SweepReader::open(path);
  if (!reader) return reader.error();
  return reader->contents();
}

Expected<SweepMetric> read_sweep_metric(const fs::path& path, std::string_view metric) {
  auto reader = SweepReader::open(path);
  if (!reader) return reader.error();
  return reader->read_metric(metric);
}

}  // namespace kopa::io
