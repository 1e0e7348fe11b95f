#pragma once
#include <cstdint>

#include "model/metrics.hpp"
#include "model/model.hpp"
#include "model/state.hpp"

namespace kopa {

// One month: the phases in their fixed order, then the observer. Advances state.month.
void step(const Model& model, RunState& state, RunSeries& series);

// A whole run of one replicate: the model's months from its initial state. Uses the calling
// thread's TBB arena for the founder phases; knows nothing of files or the command line.
// `scheduling` = monthly is the reference for idle founders (tests and the bench driver).
RunSeries run_replicate(const Model& model, std::uint64_t base_seed, int replicate,
                        Parallelism parallelism = Parallelism::blocks,
                        Scheduling scheduling = Scheduling::events);

// Continues a (possibly copied) state to the model's horizon, recording into `series`.
void run_to_end(const Model& model, RunState& state, RunSeries& series);

}  // namespace kopa
