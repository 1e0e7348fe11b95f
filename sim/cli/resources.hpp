#pragma once
// What a job may ask of the machine, checked before it starts: threads within reason, and the
// memory its runs need within what the system and `ulimit -v` allow.
#include <cstddef>
#include <vector>

#include "model/model.hpp"
#include "util/expected.hpp"

namespace kopa {

// More threads than this many per hardware thread only add overhead (results never depend on
// the count), and a huge count exhausts memory on thread stacks before any run starts.
inline constexpr int max_threads_per_hardware_thread = 4;

// The thread count for `requested` (--threads): 0 is every hardware thread; a negative count or
// one above max_threads_per_hardware_thread per hardware thread is bad input.
Expected<int> resolve_threads(int requested);

// Refuses, as bad input, an ensemble of `jobs` runs of `models` on `threads` threads that would
// not fit in memory: the message says what it needs, what there is, and what to change.
Status check_memory(const std::vector<const Model*>& models, std::size_t jobs, int threads,
                    std::size_t queue_capacity);

}  // namespace kopa
