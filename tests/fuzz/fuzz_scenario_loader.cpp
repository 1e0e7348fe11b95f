// libFuzzer target: any bytes given to the scenario loader as a file and as --set overrides give
// issues or a scenario, never a crash, a hang or a leak. File access is denied, so `extends` and
// region presets are reported as errors instead of reading the disk.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "scenario/scenario.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // The input's last line, when it starts with "--set ", is also tried as an override.
  std::vector<std::string> overrides;
  const auto last_line = input.rfind('\n');
  if (last_line != std::string_view::npos && input.substr(last_line + 1).starts_with("--set ")) {
    overrides.emplace_back(input.substr(last_line + 7));
  }
  const kopa::ScenarioLoad load =
      kopa::load_scenario_text(input, "fuzz.toml", overrides, kopa::FileAccess::denied);
  for (const auto& issue : load.issues) static_cast<void>(kopa::format_issue(issue));
  if (load.scenario) {
    // What the loader resolved must load again.
    const auto again = kopa::load_scenario_text(load.scenario->resolved_toml, "resolved.toml", {},
                                                kopa::FileAccess::denied);
    if (!again.scenario) __builtin_trap();
  }
  return 0;
}
