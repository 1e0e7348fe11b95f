#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "model/metrics.hpp"
#include "model/model.hpp"
#include "util/expected.hpp"

namespace kopa {

// One run of an ensemble: which model (scenario or design point) and which replicate.
struct RunJob {
  std::size_t model;
  int replicate;
};

struct EnsembleOptions {
  int threads = 1;
  std::uint64_t base_seed = 1;
  // Checked before each run starts; once true, no further run starts (finished ones are kept).
  const std::atomic<bool>* stop = nullptr;
  // How many finished runs may wait for the writer; bounds memory whatever the number of runs.
  std::size_t queue_capacity = 64;
};

// Runs every job in parallel (runs across threads, founders inside a run) and hands each
// finished run to `deliver` on the calling thread, in completion order. The calling thread is
// the only one that delivers, so `deliver` may write HDF5. A job's series depends only on its
// model, base seed and replicate: never on the thread count or completion order.
// Returns the first error `deliver` returned, or that a run threw (std::bad_alloc: "out of
// memory"); then no further run starts. Otherwise ok.
Status run_ensemble(const std::vector<const Model*>& models, const std::vector<RunJob>& jobs,
                    const EnsembleOptions& options,
                    const std::function<Status(const RunJob&, RunSeries&&)>& deliver);

}  // namespace kopa
