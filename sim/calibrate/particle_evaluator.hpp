#pragma once
// Evaluates the sampler's proposals on the model, on the engine that runs sweeps: each proposal
// becomes the base scenario with its parameter values (every cross-field rule checked), run
// `replicates` times in parallel. Its runs' random numbers depend only on the calibration seed,
// the generation, the slot and the replicate, so the distances never depend on the thread count.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "calibrate/abc_smc.hpp"
#include "calibrate/targets.hpp"
#include "sweep/journal.hpp"

namespace kopa::calibrate {

struct EvaluatorOptions {
  int threads = 1;
  const std::atomic<bool>* stop = nullptr;
  // An evaluation already known (a resumed calibration's journal), or nullopt to run it.
  std::function<std::optional<Evaluation>(const Proposal&)> known;
  // Told of each evaluation that was run, on the calling thread, as it finishes (the journal).
  std::function<Status(const Proposal&, const Evaluation&)> finished;
};

// The sampler's settings as the targets file states them.
SmcSettings smc_settings(const Targets& targets);

// The journal of a calibration of `targets` by this build: one record per evaluated proposal
// (point = generation, replicate = slot; values = distance, then each target's simulated value;
// generation `generations + 1` holds the posterior predictive runs, slot = particle).
// Resume refuses a journal whose header differs.
sweep::JournalHeader journal_header(const Targets& targets);

// The replicate seed base of a generation's runs: replicate r of slot s is run
// (slot * replicates + r) under this base seed.
std::uint64_t generation_seed(std::uint64_t seed, int generation);

// The sampler's Evaluator for `targets`. Errors: a proposal that is not a valid scenario (its
// overrides and the reason), a run that failed, an interruption ("interrupted": every finished
// evaluation was handed to `finished` first).
Evaluator model_evaluator(const Targets& targets, const EvaluatorOptions& options);

// The simulated target values (kept) and the distance of a set of finished runs.
Evaluation evaluation_of(const Targets& targets, const std::vector<RunSeries>& runs);

}  // namespace kopa::calibrate
