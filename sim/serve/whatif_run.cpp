#include "serve/whatif_run.hpp"

#include <array>

#include "engine/ensemble.hpp"

namespace kopa::serve {
namespace {

// Common random numbers: both scenarios run with the base's seed, as `kopa run BASE WHATIF`
// runs every scenario with the first one's.
std::uint64_t base_seed_of(const WhatIfRequest& request) {
  return static_cast<std::uint64_t>(request.base.parameters.simulation.seed);
}

std::string key_of(const Scenario& scenario, const WhatIfRequest& request) {
  return ensemble_key(scenario.parameters, base_seed_of(request), request.replicates);
}

}  // namespace

std::optional<WhatIfEnsembles> cached_ensembles(const WhatIfRequest& request,
                                                EnsembleCache& cache) {
  WhatIfEnsembles found;
  found.base = cache.find(key_of(request.base, request));
  found.whatif = cache.find(key_of(request.whatif, request));
  if (!found.base || !found.whatif) return std::nullopt;
  found.base_cached = found.whatif_cached = true;
  return found;
}

Expected<WhatIfEnsembles> run_ensembles(const WhatIfRequest& request, EnsembleCache& cache,
                                        int threads, const std::atomic<bool>& cancel) {
  const std::array<const Scenario*, 2> scenarios{&request.base, &request.whatif};
  std::array<std::shared_ptr<const Ensemble>, 2> found;
  std::vector<std::unique_ptr<Model>> models;
  std::vector<const Model*> model_views;
  std::vector<std::size_t> slot_of_model;  // which of base (0) and what-if (1) a model runs
  std::array<std::shared_ptr<Ensemble>, 2> fresh;
  const bool same = key_of(request.base, request) == key_of(request.whatif, request);
  for (std::size_t s = 0; s < (same ? 1 : scenarios.size()); ++s) {
    found[s] = cache.find(key_of(*scenarios[s], request));
    if (found[s]) continue;
    models.push_back(std::make_unique<Model>(scenarios[s]->parameters));
    model_views.push_back(models.back().get());
    slot_of_model.push_back(s);
    fresh[s] = std::make_shared<Ensemble>();
    fresh[s]->parameters = scenarios[s]->parameters;
    fresh[s]->base_seed = base_seed_of(request);
    fresh[s]->runs.resize(static_cast<std::size_t>(request.replicates));
  }
  std::vector<RunJob> jobs;
  for (int r = 0; r < request.replicates; ++r) {
    for (std::size_t m = 0; m < models.size(); ++m) jobs.push_back({m, r});
  }
  EnsembleOptions options;
  options.threads = threads;
  options.base_seed = base_seed_of(request);
  options.stop = &cancel;
  std::size_t delivered = 0;
  Status status = run_ensemble(
      model_views, jobs, options, [&](const RunJob& job, RunSeries&& series) -> Status {
        Ensemble& ensemble = *fresh[slot_of_model[job.model]];
        ensemble.runs[static_cast<std::size_t>(job.replicate)] = std::move(series);
        ++delivered;
        return ok();
      });
  if (!status) return status.error();
  if (delivered < jobs.size()) {
    return Error{"superseded by a newer what-if from the same page; nothing was kept"};
  }
  WhatIfEnsembles result;
  for (std::size_t s = 0; s < (same ? 1 : scenarios.size()); ++s) {
    if (fresh[s]) cache.insert(key_of(*scenarios[s], request), fresh[s]);
    (s == 0 ? result.base : result.whatif) = found[s] ? found[s] : fresh[s];
  }
  // A what-if that changes nothing is its base, run once.
  if (same) result.whatif = result.base;
  result.base_cached = found[0] != nullptr;
  result.whatif_cached = same ? result.base_cached : found[1] != nullptr;
  return result;
}

}  // namespace kopa::serve
