#pragma once
#include <cstdint>
#include <string>

#include "model/model.hpp"

// Whether the agents resolve the regions' capacities. Capacities are real quantities (people on
// a caseload, seats, event places, a round's money in largest awards); an agent of region r
// takes people_per_agent(r) of them at once. A capacity smaller than one agent is present only
// in some replicates (docs/ODD.md, section 7.14): results stay unbiased for means in the
// simplest cases but depend on the agent count through every non-linear rule that reads it. The
// check below flags it, and names the least agent count at which every capacity holds an agent.
namespace kopa {

struct CapacityResolution {
  bool sound = true;
  // The capacity with the fewest agents' worth, in words: "in region 'x', advocates.local_leader
  // .capacity of 6 people".
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
