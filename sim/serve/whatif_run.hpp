#pragma once
// A what-if's two ensembles, base and what-if, with common random numbers (one base seed,
// replicate r of both paired): taken from the cache where they are, run where they are not.
#include <atomic>
#include <memory>
#include <optional>

#include "serve/ensemble_cache.hpp"
#include "serve/whatif_request.hpp"
#include "util/expected.hpp"

namespace kopa::serve {

struct WhatIfEnsembles {
  std::shared_ptr<const Ensemble> base;
  std::shared_ptr<const Ensemble> whatif;
  bool base_cached = false;
  bool whatif_cached = false;
};

// The cached ensembles when both are there (no run), else nullopt.
std::optional<WhatIfEnsembles> cached_ensembles(const WhatIfRequest& request, EnsembleCache& cache);

// Runs what the cache lacks on `threads` threads and caches it. Once `cancel` is set no further
// run starts and the answer is an error ("superseded"); nothing half-run is cached.
Expected<WhatIfEnsembles> run_ensembles(const WhatIfRequest& request, EnsembleCache& cache,
                                        int threads, const std::atomic<bool>& cancel);

}  // namespace kopa::serve
