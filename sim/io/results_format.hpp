#pragma once
// The one place the results file format's identity and version live (docs/output-format.md).
#include <string>
#include <string_view>

#include "util/expected.hpp"

namespace kopa::io {

inline constexpr std::string_view results_format_name = "kopa-results";

// Bump the minor version for additions an older reader can ignore (a new metric, a new
// attribute); bump the major version for anything else (a renamed or reshaped dataset, a changed
// type). Version history: docs/output-format.md.
//   1.0  first version
//   2.0  no variable-length strings (fixed-length UTF-8); every dataset chunked with the
//        Fletcher-32 checksum; metrics in real units with the scenario attribute
//        people_per_agent; cohort survival dataset `survival` [replicate, year]
inline constexpr int results_format_major = 2;
inline constexpr int results_format_minor = 0;
// The oldest major version this kopa still reads (1.0 files hold variable-length strings, which
// the readers still decode).
inline constexpr int oldest_readable_major = 1;

std::string results_format_version();  // "2.0"

// The one rule every reader applies: accept a major version from oldest_readable_major to the
// current one, with any minor version; refuse a newer major version (use a newer kopa) and an
// older one (use the kopa that wrote it). The message names both versions.
Status check_results_format_version(std::string_view found);

// Sweep files (`kopa sweep`) are a format of their own, versioned the same way and checked by
// the same rule: a results reader refuses a sweep file by its `format` and the other way round.
inline constexpr std::string_view sweep_format_name = "kopa-sweep";
// Same history as results files up to 2.0; 2.1 adds the `time` coordinate and the `start`
// attribute of /sweep when the base sets simulation.start.
inline constexpr int sweep_format_major = 2;
inline constexpr int sweep_format_minor = 1;

std::string sweep_format_version();  // "2.1"
Status check_sweep_format_version(std::string_view found);

}  // namespace kopa::io
