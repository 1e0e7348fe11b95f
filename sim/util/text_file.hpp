#pragma once
// Reading an input file (a scenario, a region preset, a sweep file) whole, safely: only a regular
// file (a device such as /dev/zero would be read forever, a pipe would block), and only up to a
// size no such file comes near, so a wrong path is a clear error and not memory growing without
// bound.
#include <cstdint>
#include <filesystem>
#include <string>

#include "util/expected.hpp"

namespace kopa {

// "a character device", "a named pipe", "a folder", ...: what a file that is not a regular one is,
// for messages.
std::string file_type_name(std::filesystem::file_type type);

// Scenario and sweep files are a few KiB; a thousand times that is surely the wrong file.
inline constexpr std::uintmax_t max_input_bytes = std::uintmax_t{1} << 20;

// The file's bytes, or why not (without the file's name: callers place it): "is a directory",
// "is a character device, not a file", "is larger than 1 MiB (...)", or the OS's words ("No
// such file or directory").
Expected<std::string> read_input_file(const std::filesystem::path& file);

}  // namespace kopa
