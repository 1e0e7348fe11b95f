#pragma once
#include <cstdint>
#include <string>

#include "model/model.hpp"

// Whether the agents resolve the regions' one-shot capacities. Capacities are real quantities
// (seats, event places, a round's money in largest awards); an agent of region r takes
// people_per_agent(r) of them at once. A round smaller than one agent is won whole or not at all
// (docs/ODD.md, section 7.14): its expected award is right, but the lumped demand of a few coarse
// agents meets the budget less often than many people would, so results depend on the agent
// count. The check below flags it, and names the least agent count at which every capacity holds
// an agent. Advocates' caseloads are exempt: they hold their capacity on average at any count.
namespace kopa {

struct CapacityResolution {
  bool sound = true;
  // The capacity with the fewest agents' worth, in words: "in region 'x', funders.municipal_grant's
  // year of EUR 30000 (6 of its largest awards, EUR 5000)".
  std::string tightest;
  double capacity_people = 0.0;   // that capacity, people
  double people_per_agent = 0.0;  // the agents' weight where it binds
  // The least simulation.founders at which every capacity holds at least one agent; 0 when no
  // agent count can (a capacity below one person: then even one agent per person is too coarse).
  std::int64_t smallest_sound_founders = 0;
};

CapacityResolution capacity_resolution(const Model& model);

// The warning `kopa run` and `kopa validate` print, or "" when sound. Names the scenario, the
// capacity and the smallest sound agent count.
std::string resolution_warning(const std::string& scenario, const Model& model);

}  // namespace kopa
