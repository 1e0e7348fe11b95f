#include "model/population.hpp"

#include <algorithm>
#include <numeric>

namespace kopa {
namespace {

std::int64_t people(const Region& region) {
  return static_cast<std::int64_t>(region.population);
}

}  // namespace

std::int64_t total_population(const std::vector<Region>& regions) {
  std::int64_t total = 0;
  for (const Region& region : regions) total += people(region);
  return total;
}

std::vector<std::int64_t> agents_per_region(Integer founders, const std::vector<Region>& regions) {
  std::vector<std::int64_t> agents(regions.size(), 0);
  const std::int64_t total = total_population(regions);
  if (regions.empty() || total <= 0) return agents;
  if (founders == 0) {
    for (std::size_t r = 0; r < regions.size(); ++r) agents[r] = people(regions[r]);
    return agents;
  }
  // Exact quotas founders * population_r / total in integers: no rounding depends on the
  // platform. Products stay below 2^63 (founders <= 1e8 and populations <= 1e8 by the table).
  std::vector<std::pair<std::int64_t, std::size_t>> remainders;
  std::int64_t assigned = 0;
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const std::int64_t quota = founders * people(regions[r]);
    agents[r] = quota / total;
    assigned += agents[r];
    remainders.emplace_back(quota % total, r);
  }
  // Largest remainder; ties go to the earlier region, so the split is a pure function of input.
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; assigned < founders; ++k, ++assigned) ++agents[remainders[k].second];
  return agents;
}

std::int64_t agent_count(Integer founders, const std::vector<Region>& regions) {
  return founders == 0 ? total_population(regions) : founders;
}

std::int64_t agents_for_every_region(const std::vector<Region>& regions) {
  if (regions.empty()) return 0;
  std::int64_t smallest = people(regions.front());
  for (const Region& region : regions) smallest = std::min(smallest, people(region));
  const std::int64_t total = total_population(regions);
  return smallest > 0 ? (total + smallest - 1) / smallest : total;
}

std::string population_problem(Integer founders, const std::vector<Region>& regions) {
  if (regions.empty()) return "";
  const std::int64_t total = total_population(regions);
  if (founders > total) {
    return std::to_string(founders) + " founder agents for " + std::to_string(total) +
           " people: an agent stands for at least one person; use at most " +
           std::to_string(total) + ", or 0 for one agent per person";
  }
  const auto agents = agents_per_region(founders, regions);
  for (std::size_t r = 0; r < regions.size(); ++r) {
    if (agents[r] > 0) continue;
    return "region '" + regions[r].name + "' (" + std::to_string(people(regions[r])) +
           " people) gets no founder agent of " + std::to_string(founders) + "; use at least " +
           std::to_string(agents_for_every_region(regions)) +
           " (every region then gets one), or 0 for one agent per person";
  }
  return "";
}

}  // namespace kopa
