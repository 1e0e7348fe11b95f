#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "model/parameters.hpp"

// The population scale: how many founder agents each region gets and how many real people each
// agent stands for (docs/ODD.md, section 2.9). A region's agents are a sample of its working-age
// residents; every agent of region r stands for people_per_agent(r) = population_r / agents_r
// identical people.
namespace kopa {

// The regions' populations (people), summed exactly.
std::int64_t total_population(const std::vector<Region>& regions);

// Agents per region: all `founders` split over the regions by population with the largest
// remainder method (integer arithmetic, ties to the earlier region), or one agent per person
// when `founders` is 0.
std::vector<std::int64_t> agents_per_region(Integer founders, const std::vector<Region>& regions);

// The agents the split gives in total (founders, or the total population when founders is 0).
std::int64_t agent_count(Integer founders, const std::vector<Region>& regions);

// A number of agents that gives every region at least one agent: ceil(total / smallest
// population). Enough, not always the least (largest remainders may do with fewer).
std::int64_t agents_for_every_region(const std::vector<Region>& regions);

// What is wrong with `founders` for these regions, if anything: more agents than people, or a
// region left without an agent. Empty when the split is usable.
std::string population_problem(Integer founders, const std::vector<Region>& regions);

}  // namespace kopa
