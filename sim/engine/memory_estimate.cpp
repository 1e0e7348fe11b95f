#include "engine/memory_estimate.hpp"

#include <algorithm>

#include "model/population.hpp"
#include "util/system_memory.hpp"

namespace kopa {
namespace {

// Libraries, HDF5's caches and the process's own bookkeeping.
constexpr std::uint64_t fixed_bytes = std::uint64_t{64} << 20;

std::uint64_t series_bytes(const Model& model) {
  std::uint64_t values = 0;
  for (const auto& spec : metric_catalog()) values += model.labels().width(spec.breakdown);
  // The series, and the flat copy a sweep's journal makes of it.
  return 2 * values * static_cast<std::uint64_t>(model.months()) * sizeof(double);
}

// The founders a run holds: its agents (simulation.founders 0: one per person) and the people
// who split off pools of several (model/pools.hpp), at most the rest of the population. A
// 120-month baseline forms ideas in about 1.4 % of the people (docs/ODD.md 2.10); a sixteenth
// leaves room for levers that raise it.
std::uint64_t founders_in_memory(const Model& model) {
  const auto& regions = model.parameters().regions;
  const auto agents =
      static_cast<std::uint64_t>(agent_count(model.parameters().simulation.founders, regions));
  const auto people = static_cast<std::uint64_t>(total_population(regions));
  return agents + std::min(people - std::min(people, agents), people / 16);
}

}  // namespace

MemoryEstimate estimate_ensemble_memory(const std::vector<const Model*>& models, std::size_t jobs,
                                        int threads, std::size_t queue_capacity) {
  MemoryEstimate estimate;
  std::uint64_t series = 0;
  for (const Model* model : models) {
    const auto founders = founders_in_memory(*model);
    series = std::max(series, series_bytes(*model));
    estimate.per_run = std::max(estimate.per_run, founders * bytes_per_founder + series);
  }
  estimate.concurrent = std::min<std::size_t>(static_cast<std::size_t>(std::max(1, threads)),
                                              std::max<std::size_t>(1, jobs));
  estimate.data = estimate.concurrent * estimate.per_run + queue_capacity * series + fixed_bytes;
  estimate.address_space =
      estimate.data + static_cast<std::uint64_t>(std::max(1, threads)) * address_space_per_thread;
  return estimate;
}

}  // namespace kopa
