#include "cli/resources.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>

#include "engine/memory_estimate.hpp"
#include "util/system_memory.hpp"

namespace kopa {
namespace {

int hardware_threads() {
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

std::string gib(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f GiB", static_cast<double>(bytes) / (1u << 30));
  return text;
}

// What to change so that the job fits in `room` bytes.
std::string advice(const MemoryEstimate& estimate, std::uint64_t room, int threads) {
  const std::uint64_t one_run = estimate.data - (estimate.concurrent - 1) * estimate.per_run;
  if (estimate.concurrent > 1 && one_run + address_space_per_thread <= room) {
    const std::uint64_t spare = room - (one_run + address_space_per_thread);
    const auto more = static_cast<int>(spare / (estimate.per_run + address_space_per_thread));
    const int fits = std::min(threads - 1, 1 + more);
    return "run fewer at a time (--threads " + std::to_string(std::max(1, fits)) +
           ") or with fewer founders (simulation.founders)";
  }
  return "use fewer founders (simulation.founders): one run alone needs " + gib(one_run);
}

}  // namespace

Expected<int> resolve_threads(int requested) {
  if (requested < 0) {
    return Error{"--threads must be 0 (all cores) or more, got " + std::to_string(requested), true};
  }
  const int hardware = hardware_threads();
  if (requested == 0) return hardware;
  const int most = max_threads_per_hardware_thread * hardware;
  if (requested > most) {
    return Error{"--threads " + std::to_string(requested) + " is more than " +
                     std::to_string(max_threads_per_hardware_thread) + " per hardware thread (" +
                     std::to_string(hardware) + " here, so at most " + std::to_string(most) +
                     "); results do not depend on it, and 0 uses every core",
                 true};
  }
  return requested;
}

Status check_memory(const std::vector<const Model*>& models, std::size_t jobs, int threads,
                    std::size_t queue_capacity) {
  const MemoryEstimate estimate = estimate_ensemble_memory(models, jobs, threads, queue_capacity);
  const MemoryLimits limits = memory_limits();
  const std::string needs = "these runs need about " + gib(estimate.data) + " (" +
                            std::to_string(estimate.concurrent) + " at a time, " +
                            gib(estimate.per_run) + " each)";
  if (limits.address_space_left && estimate.address_space > *limits.address_space_left) {
    return Error{needs + " and " + gib(estimate.address_space) +
                     " of address space with their threads, but the address-space limit "
                     "(ulimit -v) leaves " +
                     gib(*limits.address_space_left) + "; " +
                     advice(estimate, *limits.address_space_left, threads),
                 true};
  }
  if (limits.available && estimate.data > *limits.available) {
    return Error{needs + ", but only " + gib(*limits.available) + " of memory is available; " +
                     advice(estimate, *limits.available, threads),
                 true};
  }
  return ok();
}

}  // namespace kopa
