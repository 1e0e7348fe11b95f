#pragma once
// How much more memory this process may take, as the system and its limits say, so that a job
// too large to fit is refused before it allocates rather than killed (or thrown std::bad_alloc)
// half-way.
#include <cstdint>
#include <optional>

namespace kopa {

struct MemoryLimits {
  // The kernel's estimate of memory available for new work without swapping (MemAvailable in
  // /proc/meminfo); unknown when it cannot be read.
  std::optional<std::uint64_t> available;
  // What the address-space limit (`ulimit -v`, RLIMIT_AS) leaves beside what the process has
  // mapped already (VmSize); unknown when there is no limit.
  std::optional<std::uint64_t> address_space_left;
};

MemoryLimits memory_limits();

// Address space each extra thread reserves besides the data it works on: its stack (8 MiB by
// default) and glibc's per-thread malloc arena (64 MiB reserved on 64-bit systems).
inline constexpr std::uint64_t address_space_per_thread = std::uint64_t{72} << 20;

}  // namespace kopa
