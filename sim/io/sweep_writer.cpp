#include "io/sweep_writer.hpp"
#include "io/temporary_target.hpp"

#include <hdf5_hl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>

#include "engine/build_info.hpp"
#include "io/cohort_datasets.hpp"
#include "io/hdf5.hpp"
#include "io/netcdf_layout.hpp"
#include "io/results_format.hpp"
#include "util/sha256.hpp"
#include "util/year_month.hpp"

namespace kopa::io {
namespace fs = std::filesystem;
using hdf5::check;
using hdf5::Handle;
using layout::quoted;

namespace {

// netCDF dimension numbers in /sweep: point, replicate, month, then the breakdowns.
constexpr std::int32_t sweep_point_dimid = 0;
constexpr std::int32_t sweep_replicate_dimid = 1;
constexpr std::int32_t sweep_month_dimid = 2;
// After the breakdowns (3..breakdown_count + 1): years since launch, for cohort survival.
constexpr std::int32_t sweep_year_dimid = static_cast<std::int32_t>(breakdown_count) + 2;
constexpr unsigned sweep_deflate_level = 1;  // as in results files

struct SweepScales {
  Handle point;
  Handle replicate;
  Handle month;
  std::array<Handle, breakdown_count> labels;
  Handle year;
};

Status validate(const SweepHeader& h) {
  if (h.points.empty()) return Error{"a sweep has no design points"};
  if (h.replicates < 1) return Error{"replicates must be at least 1"};
  if (h.months < 1) return Error{"months must be at least 1"};
  if (!h.posterior_particle.empty() &&
      h.posterior_particle.size() != static_cast<std::size_t>(h.replicates)) {
    return Error{"one posterior particle per replicate needed"};
  }
  if (h.replicate_seeds.size() != static_cast<std::size_t>(h.replicates)) {
    return Error{"one seed per replicate needed"};
  }
  for (const auto& point : h.points) {
    if (point.size() != h.factors.size()) return Error{"a point without one value per factor"};
  }
  if (h.people_per_agent.size() != h.points.size()) {
    return Error{"one people_per_agent per design point needed"};
  }
  return ok();
}

// A [point] dataset of `type`, attached to the point dimension.
Handle point_dataset(hid_t group, const std::string& name, hid_t file_type, hid_t memory_type,
                     const void* values, std::size_t points, const SweepScales& scales) {
  const std::string what = "dataset '" + name + "'";
  const Handle space = hdf5::simple_space({points});
  const Handle plist = hdf5::checksummed_layout({points});
  Handle data = hdf5::dataset(H5Dcreate2(group, name.c_str(), file_type, space.get(), H5P_DEFAULT,
                                         plist.get(), H5P_DEFAULT),
                              what);
  check(H5Dwrite(data.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), what);
  check(H5DSattach_scale(data.get(), scales.point.get(), 0), what);
  return data;
}

void write_factors(hid_t group, const SweepHeader& h, const SweepScales& scales) {
  for (std::size_t j = 0; j < h.factors.size(); ++j) {
    std::vector<double> values;
    for (const auto& point : h.points) values.push_back(point[j]);
    const Handle data = point_dataset(group, "factor." + h.factors[j].path, H5T_IEEE_F64LE,
                                      H5T_NATIVE_DOUBLE, values.data(), values.size(), scales);
    hdf5::write_attribute(data.get(), "path", h.factors[j].path);
    hdf5::write_attribute(data.get(), "factor_index", static_cast<std::int32_t>(j));
    hdf5::write_attribute(data.get(), "units", h.factors[j].units);
    hdf5::write_attribute(data.get(), "kind", h.factors[j].kind);
    hdf5::write_attribute(data.get(), "long_name", "value of " + h.factors[j].path);
  }
}

void write_design_metadata(hid_t group, const SweepHeader& h, const SweepScales& scales) {
  const std::size_t points = h.points.size();
  auto int_dataset = [&](const char* name, const std::vector<std::int32_t>& values,
                         std::string_view long_name) {
    if (values.size() != points) return;
    const Handle data =
        point_dataset(group, name, H5T_STD_I32LE, H5T_NATIVE_INT32, values.data(), points, scales);
    hdf5::write_attribute(data.get(), "long_name", long_name);
  };
  int_dataset("sobol_block", h.sobol_block, "Saltelli block: 0 = A, 1 = B, 2 + i = AB_i");
  int_dataset("morris_trajectory", h.morris_trajectory, "Morris trajectory of the point");
  int_dataset("morris_factor", h.morris_factor,
              "factor index changed from the previous point, -1 at a trajectory's start");
  int_dataset("morris_direction", h.morris_direction, "+1 or -1 step in unit space, 0 at start");
}

// One run per chunk: runs arrive in any order and each is written once, whole.
void create_metric(hid_t group, const MetricSpec& spec, const SweepHeader& h,
                   const SweepScales& scales) {
  const std::string name(spec.name);
  std::vector<hsize_t> dims{h.points.size(), static_cast<hsize_t>(h.replicates),
                            static_cast<hsize_t>(h.months)};
  std::vector<hid_t> axes{scales.point.get(), scales.replicate.get(), scales.month.get()};
  if (spec.breakdown != Breakdown::total) {
    dims.push_back(h.labels.width(spec.breakdown));
    axes.push_back(scales.labels[static_cast<std::size_t>(spec.breakdown)].get());
  }
  const Handle data = layout::run_dataset(group, name, dims, 2, sweep_deflate_level);
  layout::attach_scales(data.get(), axes, "dataset '" + name + "'");
  layout::describe_variable(data.get(), spec.units, spec.long_name,
                            accumulation_name(spec.accumulation));
  if (h.start) hdf5::write_attribute(data.get(), "coordinates", std::string_view("time"));
}

// A [point, replicate, year] cohort dataset, one small chunk per run.
void create_cohort_dataset(hid_t group, const CohortDataset& spec, const SweepHeader& h,
                           const SweepScales& scales) {
  const std::string name(spec.name);
  const Handle data = layout::run_dataset(
      group, name, {h.points.size(), static_cast<hsize_t>(h.replicates), survival_years}, 2, 0);
  layout::attach_scales(data.get(), {scales.point.get(), scales.replicate.get(), scales.year.get()},
                        "dataset '" + name + "'");
  layout::describe_variable(data.get(), spec.units, spec.long_name, "");
}

Handle create_sweep_group(hid_t file, const SweepHeader& h, SweepScales& scales) {
  Handle group = layout::creation_ordered_group(file, "sweep");
  const hid_t g = group.get();
  hdf5::write_attribute(g, "design", h.design);
  hdf5::write_attribute(g, "design_seed", h.design_seed);
  hdf5::write_attribute(g, "sweep_toml", h.sweep_toml);
  hdf5::write_attribute(g, "sweep_sha256", sha256_hex(h.sweep_toml));
  hdf5::write_attribute(g, "base_scenario_toml", h.base_scenario_toml);
  hdf5::write_attribute(g, "base_scenario_sha256", sha256_hex(h.base_scenario_toml));
  hdf5::write_attribute(g, "base_seed", h.base_seed);
  hdf5::write_attribute(g, "points", static_cast<std::int32_t>(h.points.size()));
  hdf5::write_attribute(g, "replicates", static_cast<std::int32_t>(h.replicates));
  hdf5::write_attribute(g, "months", static_cast<std::int32_t>(h.months));
  hdf5::write_attribute(g, "factors", static_cast<std::int32_t>(h.factors.size()));
  if (h.design == "sobol") hdf5::write_attribute(g, "sobol_base_samples", h.sobol_base_samples);
  if (h.design == "morris") hdf5::write_attribute(g, "morris_delta", h.morris_delta);

  scales.point =
      layout::index_scale(g, "point", h.points.size(), sweep_point_dimid, "design point");
  scales.replicate = layout::index_scale(g, "replicate", static_cast<std::size_t>(h.replicates),
                                         sweep_replicate_dimid, "replicate");
  scales.month = layout::index_scale(g, "month", static_cast<std::size_t>(h.months),
                                     sweep_month_dimid, "month of the simulation, 0 the first");
  if (h.start) {
    hdf5::write_attribute(g, "start", format_year_month(*h.start));
    layout::time_coordinate(g, *h.start, h.months, scales.month.get());
  }
  for (std::size_t b = 1; b < breakdown_count; ++b) {
    scales.labels[b] =
        layout::label_scale(g, std::string(dimension_name(static_cast<Breakdown>(b))),
                            h.labels.labels[b], static_cast<std::int32_t>(b) + 2);
  }
  scales.year = layout::index_scale(g, "year", survival_years, sweep_year_dimid,
                                    "years since a start-up's launch", 1);
  write_factors(g, h, scales);
  write_design_metadata(g, h, scales);
  const Handle scale = point_dataset(g, "people_per_agent", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                                     h.people_per_agent.data(), h.people_per_agent.size(), scales);
  hdf5::write_attribute(scale.get(), "long_name",
                        "real people one founder agent stands for (population / agents)");

  const Handle rspace = hdf5::simple_space({static_cast<hsize_t>(h.replicates)});
  const Handle rplist = hdf5::checksummed_layout({static_cast<hsize_t>(h.replicates)});
  const Handle seed = hdf5::dataset(
      H5Dcreate2(g, "seed", H5T_STD_U64LE, rspace.get(), H5P_DEFAULT, rplist.get(), H5P_DEFAULT),
      "dataset 'seed'");
  check(H5Dwrite(seed.get(), H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                 h.replicate_seeds.data()),
        "dataset 'seed'");
  check(H5DSattach_scale(seed.get(), scales.replicate.get(), 0), "dataset 'seed'");
  hdf5::write_attribute(seed.get(), "long_name",
                        "random seed of the replicate, the same at every point");
  if (!h.posterior_particle.empty()) {
    const Handle particle =
        hdf5::dataset(H5Dcreate2(g, "posterior_particle", H5T_STD_I32LE, rspace.get(), H5P_DEFAULT,
                                 rplist.get(), H5P_DEFAULT),
                      "dataset 'posterior_particle'");
    check(H5Dwrite(particle.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                   h.posterior_particle.data()),
          "dataset 'posterior_particle'");
    check(H5DSattach_scale(particle.get(), scales.replicate.get(), 0),
          "dataset 'posterior_particle'");
    hdf5::write_attribute(particle.get(), "long_name",
                          "posterior particle the replicate ran with at every point");
    hdf5::write_attribute(particle.get(), "posterior", h.posterior);
  }

  const std::vector<hsize_t> done_dims{h.points.size(), static_cast<hsize_t>(h.replicates)};
  const Handle dspace = hdf5::simple_space(done_dims);
  const Handle dplist = hdf5::checksummed_layout(done_dims);
  const Handle done = hdf5::dataset(
      H5Dcreate2(g, "done", H5T_STD_U8LE, dspace.get(), H5P_DEFAULT, dplist.get(), H5P_DEFAULT),
      "dataset 'done'");
  check(H5DSattach_scale(done.get(), scales.point.get(), 0), "dataset 'done'");
  check(H5DSattach_scale(done.get(), scales.replicate.get(), 1), "dataset 'done'");
  hdf5::write_attribute(done.get(), "long_name", "1 if the run finished, else 0");

  for (const auto& spec : metric_catalog()) create_metric(g, spec, h, scales);
  for (const auto& spec : cohort_datasets()) create_cohort_dataset(g, spec, h, scales);
  return group;
}

}  // namespace

struct SweepWriter::State {
  TemporaryTarget output;  // declared first: destroyed after the handles below are closed
  bool failed = false;
  bool finished = false;
  SweepHeader header;
  std::vector<std::uint8_t> done;  // [point][replicate]
  Handle file;
  Handle group;
  std::vector<Handle> metrics;  // open for streaming, in catalog order; empty until first write
  std::vector<Handle> cohorts;  // the same for cohort_datasets()

  explicit State(TemporaryTarget claimed) : output(std::move(claimed)) {}

  void close_all() {
    for (auto& metric : metrics) static_cast<void>(metric.close());
    for (auto& cohort : cohorts) static_cast<void>(cohort.close());
    static_cast<void>(group.close());
    static_cast<void>(file.close());
  }
  void abandon() {
    close_all();
    output.discard();
  }
  ~State() { close_all(); }  // then `output` discards the file unless it was published
  Status fail_and_abandon(std::string message) {
    failed = true;
    abandon();
    return Error{std::move(message)};
  }
};

SweepWriter::SweepWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
SweepWriter::SweepWriter(SweepWriter&&) noexcept = default;
SweepWriter& SweepWriter::operator=(SweepWriter&&) noexcept = default;
SweepWriter::~SweepWriter() = default;

Expected<SweepWriter> SweepWriter::create(const fs::path& target, bool force, const RootInfo& root,
                                          const SweepHeader& header) {
  if (const Status valid = validate(header); !valid) return valid.error();
  auto claimed = TemporaryTarget::claim(target, force);
  if (!claimed) return claimed.error();
  auto state = std::make_unique<State>(std::move(*claimed));
  state->header = header;
  state->done.assign(header.points.size() * static_cast<std::size_t>(header.replicates), 0);
  try {
    state->file = layout::create_kopa_file(state->output.temporary(), sweep_format_name,
                                           sweep_format_version(), root.command_line, root.threads);
    const hid_t file = state->file.get();
    SweepScales scales;
    state->group = create_sweep_group(file, header, scales);
  } catch (const std::exception& failure) {
    return Error{"cannot write " + quoted(target) + ": " + failure.what()};
  }
  return SweepWriter(std::move(state));
}

Status SweepWriter::write_run(std::size_t point, int replicate, const std::vector<double>& values) {
  State& s = *state_;
  const SweepHeader& h = s.header;
  if (s.failed || s.finished) return Error{"write_run on a finished or failed sweep writer"};
  if (point >= h.points.size() || replicate < 0 || replicate >= h.replicates) {
    return Error{"no run (point " + std::to_string(point) + ", replicate " +
                 std::to_string(replicate) + ") in this sweep"};
  }
  const auto months = static_cast<hsize_t>(h.months);
  std::size_t expected = 2 * survival_years;
  for (const auto& spec : metric_catalog()) expected += months * h.labels.width(spec.breakdown);
  if (values.size() != expected) {
    return Error{"a run of " + std::to_string(values.size()) + " values; expected " +
                 std::to_string(expected)};
  }
  try {
    const hid_t g = s.group.get();
    const hsize_t p = point;
    const auto r = static_cast<hsize_t>(replicate);
    // Opening every dataset by name for each run cost more than the writes: keep them open.
    if (s.metrics.empty()) {
      for (const auto& spec : metric_catalog()) {
        s.metrics.push_back(layout::open_for_streaming(g, std::string(spec.name).c_str()));
      }
      for (const auto& spec : cohort_datasets()) {
        s.cohorts.push_back(layout::open_for_streaming(g, std::string(spec.name).c_str()));
      }
    }
    std::size_t at = 0;
    for (std::size_t m = 0; m < metric_count; ++m) {
      const auto& spec = metric_catalog()[m];
      const hsize_t width = h.labels.width(spec.breakdown);
      const hid_t dataset = s.metrics[m].get();
      if (spec.breakdown == Breakdown::total) {
        layout::write_hyperslab(dataset, spec.name, {p, r, 0}, {1, 1, months}, H5T_NATIVE_DOUBLE,
                                values.data() + at);
      } else if (width > 0) {
        layout::write_hyperslab(dataset, spec.name, {p, r, 0, 0}, {1, 1, months, width},
                                H5T_NATIVE_DOUBLE, values.data() + at);
      }
      at += months * width;
    }
    CohortSurvival survival;
    std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(at), survival_years,
                survival.launched.begin());
    std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(at + survival_years), survival_years,
                survival.operating.begin());
    for (std::size_t c = 0; c < cohort_datasets().size(); ++c) {
      const auto row = cohort_datasets()[c].row(survival);
      layout::write_hyperslab(s.cohorts[c].get(), cohort_datasets()[c].name, {p, r, 0},
                              {1, 1, survival_years}, H5T_NATIVE_DOUBLE, row.data());
    }
  } catch (const std::exception& failure) {
    return s.fail_and_abandon("cannot write point " + std::to_string(point) + " replicate " +
                              std::to_string(replicate) + " to " + quoted(s.output.temporary()) +
                              ": " + failure.what());
  }
  s.done[point * static_cast<std::size_t>(h.replicates) + static_cast<std::size_t>(replicate)] = 1;
  return ok();
}

Status SweepWriter::finish(RunStatus status) {
  State& s = *state_;
  if (s.failed || s.finished) return Error{"finish on a finished or failed sweep writer"};
  const std::string writing = "cannot write " + quoted(s.output.target()) + ": ";
  try {
    Handle done = hdf5::dataset(H5Dopen2(s.group.get(), "done", H5P_DEFAULT), "done");
    check(H5Dwrite(done.get(), H5T_NATIVE_UINT8, H5S_ALL, H5S_ALL, H5P_DEFAULT, s.done.data()),
          "dataset 'done'");
    check(done.close(), "dataset 'done'");  // before the file: a weak close would defer it
    hdf5::write_attribute(s.file.get(), "status", to_string(status));
    for (auto& metric : s.metrics) check(metric.close(), "closing dataset");
    for (auto& cohort : s.cohorts) check(cohort.close(), "closing dataset");
    check(s.group.close(), "closing group");
    check(s.file.close(), "closing file");
  } catch (const std::exception& failure) {
    return s.fail_and_abandon(writing + failure.what());
  }
  if (Status published = s.output.publish(); !published) {
    s.failed = true;
    return published;
  }
  s.finished = true;
  return ok();
}

}  // namespace kopa::io
