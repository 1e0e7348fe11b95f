# Precompiled headers: CI builds kopa twice from nothing on two cores (release, then the clang
# sanitizer build), and about half of a translation unit's compile time is spent parsing the
# same standard, TBB, Boost and GoogleTest headers again (gtest 2.7 s, program_options 3.2 s,
# tbb/parallel_for 2.4 s, <filesystem> 1.6 s of CPU each, measured with g++ 12 -O3). Each target
# parses them once instead: sampled translation units compile in 0.62-0.79 of their time
# without (kopa_model_tests 0.62, kopa_cli 0.64, kopa_sim 0.72, kopa_unit_tests 0.79).
#
# Off when a compiler launcher (ccache) is set: ccache does not cache compiles that use a
# precompiled header without extra sloppiness settings, and a warm cache saves more. Off also
# with KOPA_PRECOMPILED_HEADERS=OFF, e.g. to check that every file includes what it uses.
# kopa_analysis and kopa_report have none: with one, g++ 12 -O3 raises its false
# -Wstringop-overflow / -Warray-bounds in libstdc++'s string copies there (the family of GCC bug
# 105329 that those targets already work around), which -Werror turns into errors.
option(KOPA_PRECOMPILED_HEADERS "Precompile the common headers of each target" ON)

set(KOPA_PCH_STANDARD
  <algorithm> <array> <cmath> <cstddef> <cstdint> <cstdio> <cstdlib> <cstring> <filesystem>
  <functional> <limits> <map> <memory> <optional> <ostream> <set> <sstream> <string>
  <string_view> <utility> <variant> <vector>)

# kopa_precompile(TARGET [HEADER...]): the standard headers above plus HEADERS, precompiled for
# TARGET's own sources.
function(kopa_precompile target)
  if(NOT KOPA_PRECOMPILED_HEADERS OR CMAKE_CXX_COMPILER_LAUNCHER)
    return()
  endif()
  target_precompile_headers(${target} PRIVATE ${KOPA_PCH_STANDARD} ${ARGN})
endfunction()
