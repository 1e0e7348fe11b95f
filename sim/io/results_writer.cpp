#include "io/results_writer.hpp"
#include "io/temporary_target.hpp"

#include <hdf5_hl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <limits>
#include <set>

#include "engine/build_info.hpp"
#include "io/cohort_datasets.hpp"
#include "io/hdf5.hpp"
#include "io/netcdf_layout.hpp"
#include "io/results_format.hpp"
#include "model/random.hpp"
#include "util/sha256.hpp"
#include "util/year_month.hpp"

namespace kopa::io {
namespace fs = std::filesystem;
using hdf5::check;
using hdf5::Handle;
using layout::attach_scales;
using layout::creation_ordered_group;
using layout::describe_variable;
using layout::index_scale;
using layout::label_scale;
using layout::open_for_streaming;
using layout::quoted;
using layout::run_dataset;
using layout::sync_to_disk;
using layout::track_creation_order;
using layout::utc_now_iso8601;
using layout::write_hyperslab;

namespace {

// netCDF-4 numbers its dimensions with _Netcdf4Dimid; the file uses the same fixed order in
// every scenario group: replicate, month, then the breakdown dimensions in Breakdown order.
constexpr std::int32_t replicate_dimid = 0;
constexpr std::int32_t month_dimid = 1;
// After the breakdown dimensions (2..breakdown_count): years since launch, for cohort survival.
constexpr std::int32_t year_dimid = static_cast<std::int32_t>(breakdown_count) + 1;

// Deflate level 4 after byte shuffling: most of the gain of level 9 at a fraction of the time
// for slowly varying doubles.
constexpr unsigned deflate_level = 1;

bool valid_scenario_name(std::string_view name) {
  if (name.empty()) return false;
  for (const char c : name) {
    const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                         (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!allowed) return false;
  }
  return true;
}

Status validate(const std::vector<ScenarioHeader>& scenarios) {
  if (scenarios.empty()) return Error{"no scenarios to write"};
  std::set<std::string> names;
  for (const auto& header : scenarios) {
    const std::string which = "scenario '" + header.name + "'";
    if (!valid_scenario_name(header.name)) {
      return Error{"scenario name '" + header.name +
                   "' is not valid for a results file: use letters, digits, '_' and '-'"};
    }
    if (!names.insert(header.name).second) return Error{which + " appears twice"};
    if (header.replicates < 1) return Error{which + ": replicates must be at least 1"};
    if (header.months < 1) return Error{which + ": months must be at least 1"};
    if (header.replicate_seeds.size() != static_cast<std::size_t>(header.replicates)) {
      return Error{which + ": " + std::to_string(header.replicate_seeds.size()) +
                   " replicate seeds for " + std::to_string(header.replicates) + " replicates"};
    }
    for (std::size_t b = 1; b < breakdown_count; ++b) {
      std::set<std::string_view> seen;
      for (const auto& label : header.labels.labels[b]) {
        const std::string dimension(dimension_name(static_cast<Breakdown>(b)));
        if (label.empty()) return Error{which + ": an empty " + dimension + " label"};
        if (!seen.insert(label).second) {
          return Error{which + ": " + dimension + " label '" + label + "' appears twice"};
        }
      }
    }
  }
  return ok();
}

struct Scales {
  Handle replicate;
  Handle month;
  std::array<Handle, breakdown_count> labels;  // index: Breakdown; total unused
  Handle year;
};

// One replicate per chunk: write_run writes whole chunks, and a reader of some replicates
// decompresses only those.
void create_metric(hid_t group, const MetricSpec& spec, const ScenarioHeader& header,
                   const Scales& scales) {
  const std::string name(spec.name);
  std::vector<hsize_t> dims{static_cast<hsize_t>(header.replicates),
                            static_cast<hsize_t>(header.months)};
  std::vector<hid_t> axes{scales.replicate.get(), scales.month.get()};
  if (spec.breakdown != Breakdown::total) {
    dims.push_back(header.labels.width(spec.breakdown));
    axes.push_back(scales.labels[static_cast<std::size_t>(spec.breakdown)].get());
  }
  const Handle data = run_dataset(group, name, dims, 1, deflate_level);
  attach_scales(data.get(), axes, "dataset '" + name + "'");
  describe_variable(data.get(), spec.units, spec.long_name, accumulation_name(spec.accumulation));
  if (header.start) hdf5::write_attribute(data.get(), "coordinates", std::string_view("time"));
}

// A [replicate, year] dataset of cohort survival (one small chunk per replicate).
void create_cohort_dataset(hid_t group, const CohortDataset& spec, const ScenarioHeader& header,
                           const Scales& scales) {
  const std::string name(spec.name);
  const Handle data =
      run_dataset(group, name, {static_cast<hsize_t>(header.replicates), survival_years}, 1, 0);
  attach_scales(data.get(), {scales.replicate.get(), scales.year.get()}, "dataset '" + name + "'");
  describe_variable(data.get(), spec.units, spec.long_name, "");
}

void write_per_replicate(hid_t group, const ScenarioHeader& header, const Scales& scales) {
  const auto replicates = static_cast<hsize_t>(header.replicates);
  const Handle space = hdf5::simple_space({replicates});
  const Handle plist = hdf5::checksummed_layout({replicates});

  const Handle seed = hdf5::dataset(
      H5Dcreate2(group, "seed", H5T_STD_U64LE, space.get(), H5P_DEFAULT, plist.get(), H5P_DEFAULT),
      "dataset 'seed'");
  check(H5Dwrite(seed.get(), H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                 header.replicate_seeds.data()),
        "dataset 'seed'");
  check(H5DSattach_scale(seed.get(), scales.replicate.get(), 0), "dataset 'seed'");
  hdf5::write_attribute(seed.get(), "long_name", "random seed of the replicate");
  hdf5::write_attribute(seed.get(), "units", std::string_view("1"));

  const std::vector<std::uint8_t> zeros(replicates, 0);
  const Handle done = hdf5::dataset(
      H5Dcreate2(group, "done", H5T_STD_U8LE, space.get(), H5P_DEFAULT, plist.get(), H5P_DEFAULT),
      "dataset 'done'");
  check(H5Dwrite(done.get(), H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, zeros.data()),
        "dataset 'done'");
  check(H5DSattach_scale(done.get(), scales.replicate.get(), 0), "dataset 'done'");
  hdf5::write_attribute(done.get(), "long_name", "1 if the replicate finished, else 0");
  hdf5::write_attribute(done.get(), "units", std::string_view("1"));
  hdf5::write_attribute(done.get(), "flag_values", std::vector<std::uint8_t>{0, 1});
  hdf5::write_attribute(done.get(), "flag_meanings", std::string_view("unfinished finished"));

  if (header.posterior_particle.empty()) return;
  const Handle particle =
      hdf5::dataset(H5Dcreate2(group, "posterior_particle", H5T_STD_I32LE, space.get(), H5P_DEFAULT,
                               plist.get(), H5P_DEFAULT),
                    "dataset 'posterior_particle'");
  check(H5Dwrite(particle.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                 header.posterior_particle.data()),
        "dataset 'posterior_particle'");
  check(H5DSattach_scale(particle.get(), scales.replicate.get(), 0),
        "dataset 'posterior_particle'");
  hdf5::write_attribute(particle.get(), "long_name",
                        "posterior particle the replicate ran with (drawn by weight)");
  hdf5::write_attribute(particle.get(), "posterior", header.posterior);
}

Handle create_scenario(hid_t scenarios_group, const ScenarioHeader& header) {
  Handle group = creation_ordered_group(scenarios_group, header.name.c_str());
  hdf5::write_attribute(group.get(), "description", header.description);
  hdf5::write_attribute(group.get(), "scenario_toml", header.scenario_toml);
  hdf5::write_attribute(group.get(), "scenario_sha256", sha256_hex(header.scenario_toml));
  hdf5::write_attribute(group.get(), "base_seed", header.base_seed);
  hdf5::write_attribute(group.get(), "replicates", static_cast<std::int32_t>(header.replicates));
  hdf5::write_attribute(group.get(), "months", static_cast<std::int32_t>(header.months));
  hdf5::write_attribute(group.get(), "people_per_agent", header.people_per_agent);

  Scales scales;
  scales.replicate =
      index_scale(group.get(), "replicate", static_cast<std::size_t>(header.replicates),
                  replicate_dimid, "replicate");
  scales.month = index_scale(group.get(), "month", static_cast<std::size_t>(header.months),
                             month_dimid, "month of the simulation, 0 the first");
  if (header.start) {
    hdf5::write_attribute(group.get(), "start", format_year_month(*header.start));
    layout::time_coordinate(group.get(), *header.start, header.months, scales.month.get());
  }
  for (std::size_t b = 1; b < breakdown_count; ++b) {
    scales.labels[b] =
        label_scale(group.get(), std::string(dimension_name(static_cast<Breakdown>(b))),
                    header.labels.labels[b], static_cast<std::int32_t>(b) + 1);
  }
  scales.year = index_scale(group.get(), "year", survival_years, year_dimid,
                            "years since a start-up's launch", 1);
  write_per_replicate(group.get(), header, scales);
  for (const auto& spec : metric_catalog()) create_metric(group.get(), spec, header, scales);
  for (const auto& spec : cohort_datasets())
    create_cohort_dataset(group.get(), spec, header, scales);
  return group;
}

}  // namespace

ScenarioHeader scenario_header(std::string name, std::string description, std::string scenario_toml,
                               const Model& model, std::uint64_t base_seed, int replicates) {
  ScenarioHeader header;
  header.name = std::move(name);
  header.description = std::move(description);
  header.scenario_toml = std::move(scenario_toml);
  if (model.parameters().start) header.start = *model.parameters().start;
  header.base_seed = base_seed;
  header.replicates = replicates;
  header.months = model.months();
  header.people_per_agent = model.people_per_agent_overall();
  header.labels = model.labels();
  for (int r = 0; r < replicates; ++r) {
    header.replicate_seeds.push_back(replicate_seed(base_seed, static_cast<std::uint64_t>(r)));
  }
  return header;
}

std::string_view to_string(RunStatus status) {
  return status == RunStatus::complete ? "complete" : "interrupted";
}

struct ResultsWriter::State {
  struct Scenario {
    ScenarioHeader header;  // labels, months and replicates, to check each run against
    std::vector<std::uint8_t> written;
    Handle group;
    std::vector<Handle> metrics;  // open for streaming, in catalog order; empty until first write
    std::vector<Handle> cohorts;  // the same for cohort_datasets()
  };

  TemporaryTarget output;  // declared first: destroyed after the handles below are closed
  bool failed = false;
  bool finished = false;
  Handle file;
  std::vector<Scenario> scenarios;

  explicit State(TemporaryTarget claimed) : output(std::move(claimed)) {}

  void close_all() {
    for (auto& scenario : scenarios) {
      for (auto& metric : scenario.metrics) static_cast<void>(metric.close());
      for (auto& cohort : scenario.cohorts) static_cast<void>(cohort.close());
      static_cast<void>(scenario.group.close());
    }
    static_cast<void>(file.close());
  }

  // Closes and deletes the temporary file: nothing half-written is left behind.
  void abandon() {
    close_all();
    output.discard();
  }

  ~State() { close_all(); }  // then `output` discards the file unless it was published

  Status fail(std::string message) {
    failed = true;
    return Error{std::move(message)};
  }

  Status fail_and_abandon(std::string message) {
    abandon();
    return fail(std::move(message));
  }
};

ResultsWriter::ResultsWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
ResultsWriter::ResultsWriter(ResultsWriter&&) noexcept = default;
ResultsWriter& ResultsWriter::operator=(ResultsWriter&&) noexcept = default;
ResultsWriter::~ResultsWriter() = default;

const fs::path& ResultsWriter::temporary_path() const {
  return state_->output.temporary();
}

Expected<ResultsWriter> ResultsWriter::create(const fs::path& target, bool force,
                                              const RootInfo& root,
                                              const std::vector<ScenarioHeader>& scenarios) {
  if (const Status valid = validate(scenarios); !valid) return valid.error();
  auto claimed = TemporaryTarget::claim(target, force);
  if (!claimed) return claimed.error();
  auto state = std::make_unique<State>(std::move(*claimed));

  try {
    state->file =
        layout::create_kopa_file(state->output.temporary(), results_format_name,
                                 results_format_version(), root.command_line, root.threads);
    const hid_t file = state->file.get();

    const Handle scenarios_group = creation_ordered_group(file, "scenarios");
    for (const auto& header : scenarios) {
      state->scenarios.push_back({header,
                                  std::vector<std::uint8_t>(header.replicates, 0),
                                  create_scenario(scenarios_group.get(), header),
                                  {},
                                  {}});
    }
    check(H5Fflush(file, H5F_SCOPE_GLOBAL), "flush");
  } catch (const std::exception& failure) {
    return Error{"cannot write " + quoted(target) + ": " + failure.what()};
  }
  return ResultsWriter(std::move(state));
}

Status ResultsWriter::write_run(std::size_t scenario_index, int replicate,
                                const RunSeries& series) {
  State& state = *state_;
  if (state.finished) return Error{"write_run after finish on " + quoted(state.output.target())};
  if (state.failed)
    return Error{"an earlier write to " + quoted(state.output.target()) + " failed"};
  if (scenario_index >= state.scenarios.size()) {
    return Error{"no scenario " + std::to_string(scenario_index) + " in " +
                 quoted(state.output.target())};
  }
  State::Scenario& scenario = state.scenarios[scenario_index];
  const ScenarioHeader& header = scenario.header;
  const std::string which = "scenario '" + header.name + "' replicate " + std::to_string(replicate);
  if (replicate < 0 || replicate >= header.replicates) {
    return Error{which + ": out of range (" + std::to_string(header.replicates) + " replicates)"};
  }
  if (scenario.written[static_cast<std::size_t>(replicate)] != 0) {
    return Error{which + ": already written"};
  }
  if (series.months != header.months || series.values.size() != metric_count) {
    return Error{which + ": the run has " + std::to_string(series.months) +
                 " months, the scenario " + std::to_string(header.months)};
  }
  for (std::size_t m = 0; m < metric_count; ++m) {
    const auto& spec = metric_catalog()[m];
    const std::size_t width = header.labels.width(spec.breakdown);
    if (series.values[m].size() != static_cast<std::size_t>(header.months) * width) {
      return Error{which + ": metric '" + std::string(spec.name) + "' has " +
                   std::to_string(series.values[m].size()) + " values, expected " +
                   std::to_string(header.months) + " months x " + std::to_string(width)};
    }
  }

  try {
    const hid_t group = scenario.group.get();
    const auto r = static_cast<hsize_t>(replicate);
    const auto months = static_cast<hsize_t>(header.months);
    // Opening 52 datasets by name for every run cost more than writing them: keep them open.
    if (scenario.metrics.empty()) {
      for (const auto& spec : metric_catalog()) {
        scenario.metrics.push_back(open_for_streaming(group, std::string(spec.name).c_str()));
      }
      for (const auto& spec : cohort_datasets()) {
        scenario.cohorts.push_back(open_for_streaming(group, std::string(spec.name).c_str()));
      }
    }
    for (std::size_t m = 0; m < metric_count; ++m) {
      const auto& spec = metric_catalog()[m];
      const hid_t dataset = scenario.metrics[m].get();
      if (spec.breakdown == Breakdown::total) {
        write_hyperslab(dataset, spec.name, {r, 0}, {1, months}, H5T_NATIVE_DOUBLE,
                        series.values[m].data());
      } else if (const hsize_t width = header.labels.width(spec.breakdown); width > 0) {
        write_hyperslab(dataset, spec.name, {r, 0, 0}, {1, months, width}, H5T_NATIVE_DOUBLE,
                        series.values[m].data());
      }
    }
    for (std::size_t c = 0; c < cohort_datasets().size(); ++c) {
      const auto row = cohort_datasets()[c].row(series.survival);
      write_hyperslab(scenario.cohorts[c].get(), cohort_datasets()[c].name, {r, 0},
                      {1, survival_years}, H5T_NATIVE_DOUBLE, row.data());
    }
    const std::uint8_t one = 1;
    write_hyperslab(group, "done", {r}, {1}, H5T_NATIVE_UINT8, &one);
  } catch (const std::exception& failure) {
    return state.fail("cannot write " + which + " to " + quoted(state.output.temporary()) + ": " +
                      failure.what());
  }
  scenario.written[static_cast<std::size_t>(replicate)] = 1;
  return ok();
}

Status ResultsWriter::finish(RunStatus status) {
  State& state = *state_;
  if (state.finished) return Error{quoted(state.output.target()) + " is already finished"};
  if (state.failed) {
    return Error{"not writing " + quoted(state.output.target()) + ": an earlier write failed"};
  }
  const std::string writing = "cannot write " + quoted(state.output.target()) + ": ";
  try {
    hdf5::write_attribute(state.file.get(), "status", to_string(status));
    for (auto& scenario : state.scenarios) {
      for (auto& metric : scenario.metrics) check(metric.close(), "closing dataset");
      for (auto& cohort : scenario.cohorts) check(cohort.close(), "closing dataset");
      check(scenario.group.close(), "closing group");
    }
    check(state.file.close(), "closing file");
  } catch (const std::exception& failure) {
    return state.fail_and_abandon(writing + failure.what());
  }
  if (Status published = state.output.publish(); !published) {
    return state.fail(published.error().message);
  }
  state.finished = true;
  return ok();
}

}  // namespace kopa::io
