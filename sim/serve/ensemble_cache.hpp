#pragma once
// Finished ensembles kept for reuse: a workshop moves one slider at a time, so the baseline (and
// any what-if the room goes back to) is run once and answered from memory afterwards.
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "model/metrics.hpp"
#include "model/parameters.hpp"

namespace kopa::serve {

// One scenario's replicates, as run.
struct Ensemble {
  ModelParameters parameters;
  std::uint64_t base_seed = 1;
  std::vector<RunSeries> runs;  // replicate r at index r
};

// What an ensemble is keyed by: every parameter (as resolved TOML), the base seed and the
// replicate count. Two requests with the same key get the same series, bit for bit.
std::string ensemble_key(const ModelParameters& parameters, std::uint64_t base_seed,
                         int replicates);

// At most `capacity` ensembles, the least recently used dropped first; safe to share between
// the server's threads.
class EnsembleCache {
 public:
  explicit EnsembleCache(std::size_t capacity) : capacity_(capacity) {}

  std::shared_ptr<const Ensemble> find(const std::string& key);
  void insert(const std::string& key, std::shared_ptr<const Ensemble> ensemble);

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::list<std::pair<std::string, std::shared_ptr<const Ensemble>>> entries_;  // newest first
};

}  // namespace kopa::serve
