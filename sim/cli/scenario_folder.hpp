#pragma once
#include <filesystem>

namespace kopa {

// Where the shipped scenarios are: ./scenarios if present (a source checkout), else the folder
// the build recorded. `kopa run` with no scenario runs the defaults from it; `kopa describe
// presets` lists its region presets.
std::filesystem::path default_scenario_dir();

}  // namespace kopa
