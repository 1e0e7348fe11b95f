#include "cli/scenario_folder.hpp"

namespace kopa {

std::filesystem::path default_scenario_dir() {
  if (std::filesystem::is_directory("scenarios")) return "scenarios";
  return KOPA_DEFAULT_SCENARIO_DIR;
}

}  // namespace kopa
