#include "engine/memory_estimate.hpp"

#include <algorithm>

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

}  // namespace

MemoryEstimate estimate_ensemble_memory(const std::vector<const Model*>& models, std::size_t jobs,
                                        int threads, std::size_t queue_capacity) {
  MemoryEstimate estimate;
  std::uint64_t series = 0;
  for (const Model* model : models) {
    const auto founders = static_cast<std::uint64_t>(model->parameters().simulation.founders);
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
