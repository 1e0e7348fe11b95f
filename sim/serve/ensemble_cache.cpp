#include "serve/ensemble_cache.hpp"

#include "scenario/scenario.hpp"

namespace kopa::serve {

std::string ensemble_key(const ModelParameters& parameters, std::uint64_t base_seed,
                         int replicates) {
  return write_resolved_toml("", "", parameters) + "\n# base seed " + std::to_string(base_seed) +
         ", replicates " + std::to_string(replicates) + "\n";
}

std::shared_ptr<const Ensemble> EnsembleCache::find(const std::string& key) {
  const std::lock_guard lock(mutex_);
  for (auto at = entries_.begin(); at != entries_.end(); ++at) {
    if (at->first != key) continue;
    entries_.splice(entries_.begin(), entries_, at);
    return entries_.front().second;
  }
  return nullptr;
}

void EnsembleCache::insert(const std::string& key, std::shared_ptr<const Ensemble> ensemble) {
  const std::lock_guard lock(mutex_);
  entries_.remove_if([&](const auto& entry) { return entry.first == key; });
  entries_.emplace_front(key, std::move(ensemble));
  while (entries_.size() > capacity_) entries_.pop_back();
}

}  // namespace kopa::serve
