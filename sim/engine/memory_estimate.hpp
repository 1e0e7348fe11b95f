#pragma once
// What an ensemble of runs (engine/ensemble.hpp) holds in memory at once, estimated from the
// models before anything is allocated.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/model.hpp"

namespace kopa {

// Bytes one founder takes in a run's state, with margin: measured at 64 (the founder arrays of
// model/founders.hpp plus the scratch and ties that grow with them, peak resident size of runs of
// 10^5 to 4 * 10^6 founders); tests/unit/memory_estimate_test.cpp fails when the model outgrows
// it.
inline constexpr std::uint64_t bytes_per_founder = 96;

struct MemoryEstimate {
  std::uint64_t per_run = 0;        // the largest model's state and series
  std::size_t concurrent = 0;       // runs in memory at once
  std::uint64_t data = 0;           // concurrent runs, finished series waiting to be written, fixed
  std::uint64_t address_space = 0;  // data plus what each thread reserves (util/system_memory)
};

MemoryEstimate estimate_ensemble_memory(const std::vector<const Model*>& models, std::size_t jobs,
                                        int threads, std::size_t queue_capacity);

}  // namespace kopa
