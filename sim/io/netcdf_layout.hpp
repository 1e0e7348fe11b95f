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

// A one-dimensional int32 coordinate 0..n-1 that is also netCDF dimension `dimid`.
hdf5::Handle index_scale(hid_t group, const char* name, std::size_t size, std::int32_t dimid,
                         std::string_view long_name);
// A string coordinate (a breakdown's labels) that is netCDF dimension `dimid`.
hdf5::Handle label_scale(hid_t group, const std::string& name,
                         const std::vector<std::string>& labels, std::int32_t dimid);

// Writes `values` (of `memory_type`) into the box start..start+count of dataset `name`.
void write_hyperslab(hid_t group, const char* name, const std::vector<hsize_t>& start,
                     const std::vector<hsize_t>& count, hid_t memory_type, const void* values);

std::string utc_now_iso8601();
std::string quoted(const std::filesystem::path& path);  // 'path'

// fsync: data the kernel still buffers is not on disk, and a renamed file must not turn out
// empty after a power cut.
Status sync_to_disk(const std::filesystem::path& path);

}  // namespace kopa::io::layout
