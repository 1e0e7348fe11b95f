#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/model.hpp"

// Whether the regions' one-shot capacities can be resolved. Capacities are real quantities (seats,
// event places, a round's money in largest awards) and every founder who takes one is one person
// (a pool of latent people splits into people as they form ideas, docs/ODD.md 2.10), so any agent
// count resolves a capacity of at least one person. One below a person (a round smaller than its
// largest award) is won whole or not at all even one to one: the check below flags it (7.14).
// Advocates' caseloads are whole people (an integer capacity) and are not checked.
namespace kopa {

// The kinds of one-shot capacity; the workshop page words each from its catalogue's
// "capacity.<name>" template.
enum class CapacityKind : std::uint8_t { training_seats, exchange_places, funder_round };
inline constexpr std::array<std::string_view, 3> capacity_kind_names{
    "training_seats", "exchange_places", "funder_round"};

// One capacity, in parts: what it is and its numbers (a sentence in any language is built from
// these), and in English words as `kopa run` prints it.
struct Capacity {
  CapacityKind kind = CapacityKind::training_seats;
  double people = 0.0;   // the capacity, people: seats a month, places, or awards a year
  std::string funder;    // funder_round: the funder's name ("seed_fund" for the seed fund lever)
  double budget = 0.0;   // funder_round: a year's budget, EUR
  double largest = 0.0;  // funder_round: the largest award, EUR
  std::string what;      // in English: "funders.municipal_grant's year of EUR 30000 (...)"
};

struct CapacityResolution {
  bool sound = true;
  // The capacity with the fewest agents' worth, in words: "in region 'x', funders.municipal_grant's
  // year of EUR 30000 (6 of its largest awards, EUR 5000)".
  std::string tightest;
  std::string tightest_region;  // that capacity's region, and the capacity in parts
  Capacity tightest_capacity;
  double capacity_people = 0.0;   // that capacity, people
  double people_per_agent = 0.0;  // the agents' weight where it binds
  // The least simulation.founders at which every capacity holds at least one agent; 0 when no
  // agent count can (a capacity below one person: then even one agent per person is too coarse).
  std::int64_t smallest_sound_founders = 0;
};

CapacityResolution capacity_resolution(const Model& model);

// The warning `kopa run` and `kopa validate` print, or "" when sound. Names the scenario and the
// capacity below one person, which no agent count resolves.
std::string resolution_warning(const std::string& scenario, const Model& model);

}  // namespace kopa
