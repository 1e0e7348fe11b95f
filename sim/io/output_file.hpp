#pragma once
// A text or binary file written whole or not at all: under a temporary name beside the target
// (TemporaryTarget), renamed into place only when `write` succeeded and every byte reached the
// disk. Used for the pages, images and tables kopa writes besides its HDF5 files.
#include <filesystem>
#include <functional>
#include <ostream>
#include <string_view>

#include "util/expected.hpp"

namespace kopa::io {

// Refuses an existing target unless `force`. A failed write (`write` returns an error, or the
// stream fails: a full disk) leaves nothing at the target and no temporary file.
Status write_output_file(const std::filesystem::path& target, bool force,
                         const std::function<Status(std::ostream&)>& write);

// The same for a ready text.
Status write_output_file(const std::filesystem::path& target, bool force, std::string_view text);

}  // namespace kopa::io
