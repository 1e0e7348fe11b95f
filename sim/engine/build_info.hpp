#pragma once
#include <string_view>

namespace kopa {

// Filled in at build time by cmake/WriteBuildInfo.cmake.
std::string_view kopa_version();
std::string_view git_commit();

}  // namespace kopa
