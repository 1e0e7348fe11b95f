#include "io/netcdf_layout.hpp"

#include "engine/build_info.hpp"
#include "util/year_month.hpp"

#include <fcntl.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <limits>

namespace kopa::io::layout {
using hdf5::check;
using hdf5::Handle;

void track_creation_order(hid_t group_plist) {
  constexpr unsigned flags = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
  check(H5Pset_link_creation_order(group_plist, flags), "group properties");
  check(H5Pset_attr_creation_order(group_plist, flags), "group properties");
}

Handle creation_ordered_group(hid_t parent, const char* name) {
  const Handle plist = hdf5::property_list(H5Pcreate(H5P_GROUP_CREATE), "group properties");
  track_creation_order(plist.get());
  return hdf5::group(H5Gcreate2(parent, name, H5P_DEFAULT, plist.get(), H5P_DEFAULT),
                     std::string("group '") + name + "'");
}

Handle index_scale(hid_t group, const char* name, std::size_t size, std::int32_t dimid,
                   std::string_view long_name, std::int32_t first) {
  std::vector<std::int32_t> values(size);
  for (std::size_t i = 0; i < values.size(); ++i) {
    values[i] = first + static_cast<std::int32_t>(i);
  }
  const Handle space = hdf5::simple_space({values.size()});
  const std::string what = std::string("dataset '") + name + "'";
  const Handle plist = hdf5::checksummed_layout({values.size()});
  Handle scale = hdf5::dataset(
      H5Dcreate2(group, name, H5T_STD_I32LE, space.get(), H5P_DEFAULT, plist.get(), H5P_DEFAULT),
      what);
  check(H5Dwrite(scale.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        what);
  check(H5DSset_scale(scale.get(), name), what);
  hdf5::write_attribute(scale.get(), "_Netcdf4Dimid", dimid);
  hdf5::write_attribute(scale.get(), "long_name", long_name);
  hdf5::write_attribute(scale.get(), "units", std::string_view("1"));  // an index (CF: "1")
  return scale;
}

Handle label_scale(hid_t group, const std::string& name, const std::vector<std::string>& labels,
                   std::int32_t dimid) {
  Handle scale = hdf5::write_string_dataset(group, name.c_str(), labels);
  check(H5DSset_scale(scale.get(), name.c_str()), "dimension scale '" + name + "'");
  hdf5::write_attribute(scale.get(), "_Netcdf4Dimid", dimid);
  hdf5::write_attribute(scale.get(), "long_name", name + " label");
  return scale;
}

Handle run_dataset(hid_t group, const std::string& name, const std::vector<hsize_t>& dims,
                   std::size_t run_axes, unsigned deflate_level) {
  const std::string what = "dataset '" + name + "'";
  const Handle space = hdf5::simple_space(dims);
  const Handle plist = hdf5::property_list(H5Pcreate(H5P_DATASET_CREATE), what);
  check(H5Pset_attr_creation_order(plist.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        what);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  check(H5Pset_fill_value(plist.get(), H5T_NATIVE_DOUBLE, &nan), what);
  // A dimension of no labels cannot be chunked; such a dataset holds nothing.
  if (!dims.empty() && std::find(dims.begin(), dims.end(), hsize_t{0}) == dims.end()) {
    std::vector<hsize_t> chunk = dims;
    for (std::size_t axis = 0; axis < run_axes && axis < chunk.size(); ++axis) chunk[axis] = 1;
    check(H5Pset_chunk(plist.get(), static_cast<int>(chunk.size()), chunk.data()), what);
    if (deflate_level > 0) {
      check(H5Pset_shuffle(plist.get()), what);
      check(H5Pset_deflate(plist.get(), deflate_level), what);
    }
    check(H5Pset_fletcher32(plist.get()), what);  // last: it checks the bytes as stored
  }
  return hdf5::dataset(H5Dcreate2(group, name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT,
                                  plist.get(), H5P_DEFAULT),
                       what);
}

void attach_scales(hid_t dataset, const std::vector<hid_t>& scales, const std::string& what) {
  for (std::size_t axis = 0; axis < scales.size(); ++axis) {
    check(H5DSattach_scale(dataset, scales[axis], static_cast<unsigned>(axis)), what);
  }
}

void describe_variable(hid_t dataset, std::string_view units, std::string_view long_name,
                       std::string_view accumulation) {
  hdf5::write_attribute(dataset, "units", units);
  hdf5::write_attribute(dataset, "long_name", long_name);
  if (!accumulation.empty()) hdf5::write_attribute(dataset, "accumulation", accumulation);
  hdf5::write_attribute(dataset, "_FillValue", std::numeric_limits<double>::quiet_NaN());
}

hdf5::Handle file_access() {
  Handle access = hdf5::property_list(H5Pcreate(H5P_FILE_ACCESS), "file access");
  check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V110, H5F_LIBVER_V110), "file access");
  return access;
}

hdf5::Handle create_kopa_file(const std::filesystem::path& path, std::string_view format,
                              const std::string& format_version, const std::string& command_line,
                              int threads) {
  hdf5::prepare_library();
  const Handle plist = hdf5::property_list(H5Pcreate(H5P_FILE_CREATE), "file properties");
  track_creation_order(plist.get());
  Handle file = hdf5::file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, plist.get(), file_access().get()),
                           "create");
  const hid_t id = file.get();
  hdf5::write_attribute(id, "format", format);
  hdf5::write_attribute(id, "format_version", format_version);
  hdf5::write_attribute(id, "kopa_version", kopa_version());
  hdf5::write_attribute(id, "git_commit", git_commit());
  hdf5::write_attribute(id, "created_utc", utc_now_iso8601());
  hdf5::write_attribute(id, "command_line", command_line);
  hdf5::write_attribute(id, "threads", static_cast<std::int32_t>(threads));
  hdf5::write_attribute(id, "status", std::string_view("interrupted"));
  // CF conventions (docs/output-format.md): units and long_name on every variable, dates on a
  // `time` coordinate when the run has a start, flags described by flag_values/flag_meanings.
  hdf5::write_attribute(id, "Conventions", std::string_view("CF-1.10"));
  return file;
}

namespace {

// Days from 1970-01-01 to the first of calendar month `month` (util/year_month.hpp): the proleptic
// Gregorian calendar (H. Hinnant's days_from_civil).
std::int64_t days_to_first_of(std::int64_t month) {
  std::int64_t y = month / 12;
  const std::int64_t m = month % 12 + 1;
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

void time_coordinate(hid_t group, std::int64_t start, int months, hid_t month_scale) {
  std::vector<std::int32_t> days(static_cast<std::size_t>(months));
  for (int m = 0; m < months; ++m) {
    days[static_cast<std::size_t>(m)] =
        static_cast<std::int32_t>(days_to_first_of(start + m) - days_to_first_of(start));
  }
  const Handle space = hdf5::simple_space({days.size()});
  const Handle plist = hdf5::checksummed_layout({days.size()});
  const Handle time = hdf5::dataset(
      H5Dcreate2(group, "time", H5T_STD_I32LE, space.get(), H5P_DEFAULT, plist.get(), H5P_DEFAULT),
      "dataset 'time'");
  check(H5Dwrite(time.get(), H5T_NATIVE_INT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, days.data()),
        "dataset 'time'");
  check(H5DSattach_scale(time.get(), month_scale, 0), "dataset 'time'");
  hdf5::write_attribute(time.get(), "standard_name", std::string_view("time"));
  hdf5::write_attribute(time.get(), "long_name", std::string_view("first day of the month"));
  hdf5::write_attribute(time.get(), "units", "days since " + format_year_month(start) + "-01");
  hdf5::write_attribute(time.get(), "calendar", std::string_view("standard"));
}

hdf5::Handle open_for_streaming(hid_t group, const char* name) {
  const std::string what = std::string("dataset '") + name + "'";
  const Handle access = hdf5::property_list(H5Pcreate(H5P_DATASET_ACCESS), what);
  check(H5Pset_chunk_cache(access.get(), 0, 0, 1.0), what);
  return hdf5::dataset(H5Dopen2(group, name, access.get()), what);
}

void write_hyperslab(hid_t dataset, std::string_view what, const std::vector<hsize_t>& start,
                     const std::vector<hsize_t>& count, hid_t memory_type, const void* values) {
  const std::string label(what);
  const Handle file_space = hdf5::dataspace(H5Dget_space(dataset), label);
  check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                            nullptr),
        label);
  const Handle memory_space = hdf5::simple_space(count);
  check(H5Dwrite(dataset, memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, values),
        label);
}

void write_hyperslab(hid_t group, const char* name, const std::vector<hsize_t>& start,
                     const std::vector<hsize_t>& count, hid_t memory_type, const void* values) {
  const std::string what = std::string("dataset '") + name + "'";
  Handle data = hdf5::dataset(H5Dopen2(group, name, H5P_DEFAULT), what);
  const Handle file_space = hdf5::dataspace(H5Dget_space(data.get()), what);
  check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                            nullptr),
        what);
  const Handle memory_space = hdf5::simple_space(count);
  check(
      H5Dwrite(data.get(), memory_type, memory_space.get(), file_space.get(), H5P_DEFAULT, values),
      what);
  check(data.close(), what);  // closing writes the chunk out of HDF5's cache
}

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text.data();
}

// Built by append: GCC 12 warns falsely (-Wrestrict) on "'" + std::string + "'".
std::string quoted(const std::filesystem::path& path) {
  std::string text = "'";
  text.append(path.string()).append("'");
  return text;
}

Status sync_to_disk(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    const std::string reason = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return Error{"cannot flush " + quoted(path) + " to disk: " + reason};
  }
  ::close(fd);
  return ok();
}

}  // namespace kopa::io::layout
