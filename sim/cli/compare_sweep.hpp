#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "stats/format.hpp"
#include "util/expected.hpp"

namespace kopa {

// `kopa compare` on a sweep file (format kopa-sweep): for each metric (default: the headline
// totals that are plain metrics), per design point the mean and 90 % interval over the point's
// finished replicates at month M (stocks read at M, flows summed over 0..M).
Expected<std::string> compare_sweep(const std::filesystem::path& file,
                                    const std::vector<std::string>& metrics,
                                    std::optional<int> month, analysis::Format format);

// Whether the file is a kopa sweep file (its root `format` attribute says so).
bool is_sweep_file(const std::filesystem::path& file);

}  // namespace kopa
