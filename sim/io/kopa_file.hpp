#pragma once
// Opening a kopa file (results or sweep) for reading, with one message for every way it can
// fail before HDF5 has parsed a byte of it: missing, a folder, not a regular file (a FIFO would
// block, a device would be read forever), unreadable, not HDF5, or HDF5 but truncated or
// damaged. open_kopa_file is internal to sim/io (it hands out an HDF5 handle); read_file_format
// is for anyone who must tell the two kinds apart.
#include <filesystem>
#include <string>
#include <string_view>

#include "io/hdf5.hpp"
#include "util/expected.hpp"

namespace kopa::io {

// Opens `path` read-only. `kind` ("results", "sweep") completes "not a kopa ... file".
Expected<hdf5::Handle> open_kopa_file(const std::filesystem::path& path, std::string_view kind);

// The root `format` attribute ("kopa-results", "kopa-sweep"), or the error saying why the file
// is not a kopa file at all.
Expected<std::string> read_file_format(const std::filesystem::path& path);

}  // namespace kopa::io
