#pragma once
// The netCDF-4 layout both kopa file kinds share (results and sweep files): groups that keep
// creation order, dimension scales numbered with _Netcdf4Dimid, hyperslab writes, and the
// flush-then-rename discipline. Internal to sim/io; failures throw hdf5::Failure.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "io/hdf5.hpp"
#include "util/expected.hpp"

namespace kopa::io::layout {

// Readers (h5py, xarray) then list variables and attributes in the order written.
void track_creation_order(hid_t group_plist);
hdf5::Handle creation_ordered_group(hid_t parent, const char* name);

// A one-dimensional int32 coordinate first..first+n-1 that is also netCDF dimension `dimid`.
hdf5::Handle index_scale(hid_t group, const char* name, std::size_t size, std::int32_t dimid,
                         std::string_view long_name, std::int32_t first = 0);
// A string coordinate (a breakdown's labels) that is netCDF dimension `dimid`.
hdf5::Handle label_scale(hid_t group, const std::string& name,
                         const std::vector<std::string>& labels, std::int32_t dimid);

// A float64 dataset of shape `dims` that reads NaN until written, attributes in creation order,
// one chunk per run (the first `run_axes` dimensions chunked by 1; none for an empty one), byte
// shuffled and deflated at `deflate_level` (0: not compressed).
hdf5::Handle run_dataset(hid_t group, const std::string& name, const std::vector<hsize_t>& dims,
                         std::size_t run_axes, unsigned deflate_level);
// Attaches `scales` to the dataset's dimensions 0, 1, ... in order.
void attach_scales(hid_t dataset, const std::vector<hid_t>& scales, const std::string& what);
// The variable attributes every value dataset carries: units, long_name, then accumulation
// (monthly metrics only; empty: none) and _FillValue (NaN).
void describe_variable(hid_t dataset, std::string_view units, std::string_view long_name,
                       std::string_view accumulation);

// `time` [month]: the first day of each month as days since month 0's first day (calendar
// month `start`, util/year_month.hpp), which CF readers (xarray, ncdump -t) decode to dates. CF's
// "months since" would be months of 365.2425 / 12 days, which xarray refuses to decode with the
// standard calendar, so the month index stays an index and the dates are this coordinate.
// Value datasets name it in their `coordinates` attribute.
void time_coordinate(hid_t group, std::int64_t start, int months, hid_t month_scale);

// Writes `values` (of `memory_type`) into the box start..start+count of dataset `name`.
void write_hyperslab(hid_t group, const char* name, const std::vector<hsize_t>& start,
                     const std::vector<hsize_t>& count, hid_t memory_type, const void* values);

// File access for new files: HDF5 1.10's formats, whose chunk indexes (fixed and extensible
// arrays) make writing one chunk per run several times cheaper than the 1.8 B-trees. h5py,
// xarray/h5netcdf and netCDF-C built on HDF5 >= 1.10 read them.
hdf5::Handle file_access();

// Creates the HDF5 file at `path` (file_access(), creation order tracked) with the root
// attributes every kopa file carries: format, format_version, kopa_version, git_commit,
// created_utc, command_line, threads, and status "interrupted" until the writer finishes (a file
// saved from a crash never claims to be complete).
hdf5::Handle create_kopa_file(const std::filesystem::path& path, std::string_view format,
                              const std::string& format_version, const std::string& command_line,
                              int threads);

// Opens dataset `name` for writing whole chunks once each: HDF5's chunk cache is off, so every
// write goes straight to the file and an open handle holds no data between runs.
hdf5::Handle open_for_streaming(hid_t group, const char* name);
// The same write into an already open dataset.
void write_hyperslab(hid_t dataset, std::string_view what, const std::vector<hsize_t>& start,
                     const std::vector<hsize_t>& count, hid_t memory_type, const void* values);

std::string utc_now_iso8601();
std::string quoted(const std::filesystem::path& path);  // 'path'

// fsync: data the kernel still buffers is not on disk, and a renamed file must not turn out
// empty after a power cut.
Status sync_to_disk(const std::filesystem::path& path);

}  // namespace kopa::io::layout
