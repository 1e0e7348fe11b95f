#include "io/results_reader.hpp"

#include <algorithm>

#include "io/cohort_datasets.hpp"
#include "io/hdf5.hpp"
#include "io/kopa_file.hpp"
#include "io/netcdf_layout.hpp"
#include "io/results_format.hpp"
#include "model/metrics.hpp"
#include "util/sha256.hpp"
#include "util/suggest.hpp"
#include "util/year_month.hpp"

namespace kopa::io {
namespace fs = std::filesystem;
using hdf5::check;
using hdf5::Failure;
using hdf5::Handle;
using layout::quoted;

namespace {

bool is_dataset(hid_t group, const std::string& name) {
  const Handle object = hdf5::object(H5Oopen(group, name.c_str(), H5P_DEFAULT), name);
  return H5Iget_type(object.get()) == H5I_DATASET;
}

Handle open_scenario_dataset(hid_t group, const std::string& scenario, const char* name) {
  if (!hdf5::link_exists(group, name)) {
    throw Failure("scenario '" + scenario + "' has no dataset '" + name + "'");
  }
  return hdf5::dataset(H5Dopen2(group, name, H5P_DEFAULT), std::string("dataset '") + name + "'");
}

std::string require_string_of(hid_t object, const char* name, const std::string& where) {
  if (!hdf5::has_attribute(object, name)) {
    throw Failure(where + " has no attribute '" + name + "'");
  }
  return hdf5::read_string_attribute(object, name);
}

void require_attribute(hid_t object, const char* name, const std::string& where) {
  if (!hdf5::has_attribute(object, name)) {
    throw Failure(where + " has no attribute '" + name + "'");
  }
}

// A one-dimensional dataset of `expected` entries, read whole as `memory_type`.
template <class T>
std::vector<T> read_vector(hid_t group, const std::string& scenario, const char* name,
                           std::size_t expected, hid_t memory_type) {
  const Handle data = open_scenario_dataset(group, scenario, name);
  hdf5::require_type(data.get(), H5T_INTEGER,
                     "scenario '" + scenario + "': dataset '" + std::string(name) + "'");
  const auto dims = hdf5::extent(data.get());
  if (dims.size() != 1 || dims[0] != expected) {
    throw Failure("scenario '" + scenario + "': dataset '" + name + "' should have " +
                  std::to_string(expected) + " entries");
  }
  std::vector<T> values(expected);
  if (expected > 0) {
    check(H5Dread(data.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
          std::string("dataset '") + name + "'");
  }
  return values;
}

// A catalog metric must be float64 and shaped [replicate, month] (a total) or [replicate, month,
// <dimension>] (a breakdown) as the header says; anything else would be misread. Datasets that
// are not in this kopa's catalog (a newer minor version's) are left alone.
void check_metric(hid_t group, const std::string& name, const ScenarioHeader& header) {
  const int index = find_metric(name);
  if (index < 0) return;
  const MetricSpec& spec = metric_catalog()[static_cast<std::size_t>(index)];
  const std::string what = "scenario '" + header.name + "': metric '" + name + "'";
  const Handle data = open_scenario_dataset(group, header.name, name.c_str());
  hdf5::require_type(data.get(), H5T_FLOAT, what);
  std::vector<hsize_t> expected{static_cast<hsize_t>(header.replicates),
                                static_cast<hsize_t>(header.months)};
  std::string layout = "[replicate, month]";
  if (spec.breakdown != Breakdown::total) {
    expected.push_back(header.labels.width(spec.breakdown));
    layout = "[replicate, month, " + std::string(dimension_name(spec.breakdown)) + "]";
  }
  const auto dims = hdf5::extent(data.get());
  if (dims != expected) {
    throw Failure(what + " is shaped " + hdf5::shape_text(dims) + "; it should be " + layout +
                  " = " + hdf5::shape_text(expected));
  }
}

bool is_results_structure(std::string_view name) {
  if (name == "replicate" || name == "month" || name == "year" || name == "seed" ||
      name == "done" || name == "posterior_particle" || name == "time") {
    return true;
  }
  for (std::size_t b = 1; b < breakdown_count; ++b) {
    if (name == dimension_name(static_cast<Breakdown>(b))) return true;
  }
  return false;
}

// `scaled`: a 2.0 file, with the population scale and cohort survival; a 1.0 file predates both
// (its counts are agents, read as one person each, and it has no `year` coordinate).
ScenarioContents read_scenario(hid_t scenarios_group, const std::string& name, bool scaled) {
  const std::string where = "scenario '" + name + "'";
  const Handle group = hdf5::group(H5Gopen2(scenarios_group, name.c_str(), H5P_DEFAULT), where);
  const hid_t g = group.get();
  ScenarioContents contents;
  ScenarioHeader& header = contents.header;
  header.name = name;
  header.description = require_string_of(g, "description", where);
  header.scenario_toml = require_string_of(g, "scenario_toml", where);
  contents.scenario_sha256 = require_string_of(g, "scenario_sha256", where);
  require_attribute(g, "base_seed", where);
  header.base_seed = hdf5::read_uint_attribute(g, "base_seed");
  require_attribute(g, "replicates", where);
  header.replicates = static_cast<int>(hdf5::read_int_attribute(g, "replicates"));
  require_attribute(g, "months", where);
  header.months = static_cast<int>(hdf5::read_int_attribute(g, "months"));
  if (scaled) {
    require_attribute(g, "people_per_agent", where);
    header.people_per_agent = hdf5::read_double_attribute(g, "people_per_agent");
  }
  if (hdf5::has_attribute(g, "start")) {
    const std::string start = hdf5::read_string_attribute(g, "start");
    header.start = parse_year_month(start);
    if (!header.start) throw Failure(where + ": start '" + start + "' is not a date YYYY-MM");
  }
  if (header.replicates < 0 || header.months < 0) {
    throw Failure(where + ": negative replicates or months");
  }
  if (sha256_hex(header.scenario_toml) != contents.scenario_sha256) {
    throw Failure(where + ": scenario_sha256 does not match scenario_toml");
  }

  const auto replicates = static_cast<std::size_t>(header.replicates);
  const auto months = static_cast<std::size_t>(header.months);
  read_vector<std::int32_t>(g, name, "replicate", replicates, H5T_NATIVE_INT32);
  read_vector<std::int32_t>(g, name, "month", months, H5T_NATIVE_INT32);
  for (std::size_t b = 1; b < breakdown_count; ++b) {
    const std::string dimension(dimension_name(static_cast<Breakdown>(b)));
    const Handle labels = open_scenario_dataset(g, name, dimension.c_str());
    try {
      header.labels.labels[b] = hdf5::read_string_dataset(labels.get());
    } catch (const Failure& failure) {
      throw Failure(where + ": dataset '" + dimension + "': " + failure.what());
    }
  }
  header.replicate_seeds =
      read_vector<std::uint64_t>(g, name, "seed", replicates, H5T_NATIVE_UINT64);
  contents.done = read_vector<std::uint8_t>(g, name, "done", replicates, H5T_NATIVE_UINT8);
  for (const std::uint8_t flag : contents.done) {
    if (flag > 1) throw Failure(where + ": dataset 'done' holds a value other than 0 and 1");
  }
  if (hdf5::link_exists(g, "posterior_particle")) {
    header.posterior_particle =
        read_vector<std::int32_t>(g, name, "posterior_particle", replicates, H5T_NATIVE_INT32);
    const Handle particle = open_scenario_dataset(g, name, "posterior_particle");
    header.posterior = require_string_of(particle.get(), "posterior", where);
  }

  if (scaled) read_vector<std::int32_t>(g, name, "year", survival_years, H5T_NATIVE_INT32);
  for (auto& link : hdf5::link_names(g)) {
    if (is_results_structure(link) || !is_dataset(g, link)) continue;
    const bool cohort = std::any_of(cohort_datasets().begin(), cohort_datasets().end(),
                                    [&](const CohortDataset& d) { return d.name == link; });
    if (!cohort) check_metric(g, link, header);
    (cohort ? contents.cohorts : contents.metrics).push_back(std::move(link));
  }
  return contents;
}

// Reads the rows [r, ...] of a [replicate, ...] dataset for each r of `replicates`, in that
// order, into `out` (each row is the product of the other dimensions, contiguous).
void read_replicate_rows(hid_t data, const std::vector<hsize_t>& dims,
                         std::span<const int> replicates, double* out, const std::string& what) {
  hsize_t row = 1;
  for (std::size_t axis = 1; axis < dims.size(); ++axis) row *= dims[axis];
  if (row == 0) return;
  const Handle file_space = hdf5::dataspace(H5Dget_space(data), what + " dataspace");
  const Handle memory_space = hdf5::simple_space({row});
  for (std::size_t i = 0; i < replicates.size(); ++i) {
    std::vector<hsize_t> start(dims.size(), 0);
    std::vector<hsize_t> count = dims;
    start[0] = static_cast<hsize_t>(replicates[i]);
    count[0] = 1;
    check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                              nullptr),
          "selecting a replicate");
    check(H5Dread(data, H5T_NATIVE_DOUBLE, memory_space.get(), file_space.get(), H5P_DEFAULT,
                  out + i * row),
          "reading " + what);
  }
}

RunStatus parse_status(const std::string& text) {
  if (text == "complete") return RunStatus::complete;
  if (text == "interrupted") return RunStatus::interrupted;
  throw Failure("status '" + text + "' is neither 'complete' nor 'interrupted'");
}

}  // namespace

std::vector<int> ScenarioContents::done_replicates() const {
  std::vector<int> replicates;
  for (std::size_t r = 0; r < done.size(); ++r) {
    if (done[r] != 0) replicates.push_back(static_cast<int>(r));
  }
  return replicates;
}

int ResultsFile::find_scenario(std::string_view name) const {
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    if (scenarios[i].header.name == name) return static_cast<int>(i);
  }
  return -1;
}

struct ResultsReader::State {
  Handle file;
  ResultsFile contents;
};

ResultsReader::ResultsReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
ResultsReader::ResultsReader(ResultsReader&&) noexcept = default;
ResultsReader& ResultsReader::operator=(ResultsReader&&) noexcept = default;
ResultsReader::~ResultsReader() = default;

const ResultsFile& ResultsReader::contents() const {
  return state_->contents;
}

Expected<ResultsReader> ResultsReader::open(const fs::path& path) {
  auto opened = open_kopa_file(path, "results");
  if (!opened) return opened.error();
  auto state = std::make_unique<State>();
  state->file = std::move(*opened);
  ResultsFile& contents = state->contents;
  contents.path = path;
  try {
    const hid_t file = state->file.get();
    if (!hdf5::has_attribute(file, "format")) {
      return Error{quoted(path) + " is not a kopa results file: it has no 'format' attribute"};
    }
    const std::string format = hdf5::read_string_attribute(file, "format");
    if (format == sweep_format_name) {
      return Error{quoted(path) + " is a sweep file (kopa sweep), not a results file (kopa run)"};
    }
    if (format != results_format_name) {
      return Error{quoted(path) + " is not a kopa results file: its format is '" + format +
                   "', not '" + std::string(results_format_name) + "'"};
    }
    contents.format_version = require_string_of(file, "format_version", "the file");
    if (const Status version = check_results_format_version(contents.format_version); !version) {
      return Error{quoted(path) + ": " + version.error().message};
    }
    contents.kopa_version = require_string_of(file, "kopa_version", "the file");
    contents.git_commit = require_string_of(file, "git_commit", "the file");
    contents.created_utc = require_string_of(file, "created_utc", "the file");
    contents.command_line = require_string_of(file, "command_line", "the file");
    require_attribute(file, "threads", "the file");
    contents.threads = static_cast<int>(hdf5::read_int_attribute(file, "threads"));
    contents.status = parse_status(require_string_of(file, "status", "the file"));
    if (!hdf5::link_exists(file, "scenarios")) throw Failure("no group '/scenarios'");
    const Handle scenarios = hdf5::group(H5Gopen2(file, "scenarios", H5P_DEFAULT), "/scenarios");
    for (const auto& name : hdf5::link_names(scenarios.get())) {
      contents.scenarios.push_back(
          read_scenario(scenarios.get(), name, !contents.format_version.starts_with("1.")));
    }
  } catch (const std::exception& failure) {
    return Error{quoted(path) + ": " + failure.what()};
  }
  return ResultsReader(std::move(state));
}

Expected<MetricArray> ResultsReader::read_metric(std::size_t scenario, std::string_view metric,
                                                 std::span<const int> replicates) const {
  const ResultsFile& contents = state_->contents;
  if (scenario >= contents.scenarios.size()) {
    return Error{quoted(contents.path) + ": no scenario " + std::to_string(scenario)};
  }
  const ScenarioContents& found = contents.scenarios[scenario];
  const std::string& name = found.header.name;
  const std::string which = quoted(contents.path) + ": scenario '" + name + "'";
  if (std::find(found.metrics.begin(), found.metrics.end(), metric) == found.metrics.end()) {
    return Error{which + " has no metric '" + std::string(metric) + "'" +
                 did_you_mean(metric, found.metrics)};
  }
  for (const int r : replicates) {
    if (r < 0 || r >= found.header.replicates) {
      return Error{which + " has no replicate " + std::to_string(r)};
    }
  }
  try {
    const std::string path = "scenarios/" + name + "/" + std::string(metric);
    const Handle data = hdf5::dataset(H5Dopen2(state_->file.get(), path.c_str(), H5P_DEFAULT),
                                      "dataset '" + std::string(metric) + "'");
    const auto dims = hdf5::extent(data.get());
    if ((dims.size() != 2 && dims.size() != 3) ||
        dims[0] != static_cast<hsize_t>(found.header.replicates) ||
        dims[1] != static_cast<hsize_t>(found.header.months)) {
      return Error{which + ": metric '" + std::string(metric) +
                   "' is not shaped [replicate, month] or [replicate, month, label]"};
    }
    MetricArray array;
    array.replicates.assign(replicates.begin(), replicates.end());
    array.months = dims[1];
    array.width = dims.size() == 3 ? dims[2] : 1;
    const std::size_t block = array.months * array.width;
    array.values.resize(replicates.size() * block);
    if (block == 0) return array;
    read_replicate_rows(data.get(), dims, replicates, array.values.data(),
                        "metric '" + std::string(metric) + "'");
    return array;
  } catch (const std::exception& failure) {
    return Error{which + ": " + failure.what()};
  }
}

Expected<MetricArray> ResultsReader::read_metric(std::size_t scenario,
                                                 std::string_view metric) const {
  std::vector<int> all;
  if (scenario < state_->contents.scenarios.size()) {
    for (int r = 0; r < state_->contents.scenarios[scenario].header.replicates; ++r) {
      all.push_back(r);
    }
  }
  return read_metric(scenario, metric, all);
}

Expected<CohortArray> ResultsReader::read_cohort(std::size_t scenario, std::string_view dataset,
                                                 std::span<const int> replicates) const {
  const ResultsFile& contents = state_->contents;
  if (scenario >= contents.scenarios.size()) {
    return Error{quoted(contents.path) + ": no scenario " + std::to_string(scenario)};
  }
  const ScenarioContents& found = contents.scenarios[scenario];
  const std::string which = quoted(contents.path) + ": scenario '" + found.header.name + "'";
  if (std::find(found.cohorts.begin(), found.cohorts.end(), dataset) == found.cohorts.end()) {
    return Error{which + " has no cohort dataset '" + std::string(dataset) + "'"};
  }
  try {
    const std::string path = "scenarios/" + found.header.name + "/" + std::string(dataset);
    const Handle data = hdf5::dataset(H5Dopen2(state_->file.get(), path.c_str(), H5P_DEFAULT),
                                      "dataset '" + std::string(dataset) + "'");
    const auto dims = hdf5::extent(data.get());
    if (dims.size() != 2 || dims[0] != static_cast<hsize_t>(found.header.replicates) ||
        dims[1] != survival_years) {
      return Error{which + ": dataset '" + std::string(dataset) +
                   "' is not shaped [replicate, year] with " + std::to_string(survival_years) +
                   " years"};
    }
    CohortArray array;
    array.replicates.assign(replicates.begin(), replicates.end());
    array.values.resize(replicates.size() * survival_years);
    for (const int r : replicates) {
      if (r < 0 || r >= found.header.replicates) {
        return Error{which + " has no replicate " + std::to_string(r)};
      }
    }
    read_replicate_rows(data.get(), dims, replicates, array.values.data(),
                        "'" + std::string(dataset) + "'");
    return array;
  } catch (const std::exception& failure) {
    return Error{which + ": " + failure.what()};
  }
}

Expected<ResultsFile> read_results(const fs::path& path) {
  auto reader = ResultsReader::open(path);
  if (!reader) return reader.error();
  return reader->contents();
}

}  // namespace kopa::io
