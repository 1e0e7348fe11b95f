#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "model/founders.hpp"
#include "model/kinds.hpp"
#include "model/metrics.hpp"
#include "model/money.hpp"
#include "model/random.hpp"
#include "util/blocks.hpp"

namespace kopa {

class Model;

// A founder-founder tie (knowledge exchange); ties to partner organisations are counted, not
// stored, since nothing later reads their ends.
struct Tie {
  std::uint32_t a;
  std::uint32_t b;
};

// What the calendar phase settles for the month: which levers act, which calls are open with
// what rules, which advocates work. Read-only for the other phases.
struct MonthContext {
  std::array<bool, lever_count> lever_active{};
  std::array<bool, funder_count> call_open{};
  std::array<double, funder_count> complexity{};
  std::array<double, funder_count> burden{};
  double atmosphere = 0.0;  // ally strength when active
  std::vector<std::uint8_t> advocate_active;
  std::vector<double> region_attitude;  // with the ally lever applied
  std::vector<double> training_chance;  // local_training seats per eligible founder, capped at 1
  bool exchange_event = false;
};

// Flows counted by one block of founders in a parallel phase, added up in block order. Counts
// are in real people (an agent adds its region's people_per_agent), except the agent counts
// training_eligible_by_region.
struct Tally {
  double new_ideas = 0;
  double new_micro_projects = 0;
  double new_startups = 0;
  double new_sustained = 0;
  double new_lasting_other = 0;
  double closures = 0;
  double dormancies = 0;
  double lever_training_seats = 0;
  std::array<double, group_count> new_startups_by_group{};
  std::array<double, partner_kind_count> new_ties_by_kind{};
  std::vector<double> new_micro_projects_by_region;
  std::vector<std::uint32_t> training_eligible_by_region;  // agents
  CohortSurvival survival;  // start-ups launched and operating at anniversaries (7.9)
  std::array<FunderBooks, funder_count> books{};  // paid out, repaid, returned, written off

  void reset(std::size_t regions);
  void add(const Tally& other);
};

// The month's flows, summed over phases; reset when the month starts. In real units (people,
// applications, awards, EUR).
struct MonthFlows {
  Tally founders;
  double new_supported = 0.0;
  double support_wait_months = 0.0;
  std::array<double, funder_count> applications{};
  std::array<double, funder_count> awards{};
  std::array<double, funder_count> money{};  // EUR awarded (whole cents per person)
  std::array<double, group_count> applications_by_group{};
  std::array<double, group_count> awards_by_group{};
  std::array<double, group_count> money_by_group{};
  std::array<double, lever_count> public_cost{};

  void reset(std::size_t regions);
};

// Everything one run changes. A plain value: copy it to fork a scenario from a warmed-up state.
struct RunState {
  int month = 0;
  Parallelism parallelism = Parallelism::blocks;
  RandomStreams random{0};
  Founders founders;
  std::vector<std::int32_t> caseload;  // per advocate, in agents
  // Per advocate, drawn once per replicate: the offset that rounds its capacity in agents (7.14).
  std::vector<double> capacity_offset;
  std::vector<Tie> ties;
  std::array<double, partner_kind_count> collaborations{};  // cumulative, by partner kind
  double cross_region_ties = 0.0;
  std::vector<std::uint32_t> training_eligible;  // per region, last month, in agents
  CohortSurvival survival;                       // cumulative over the run (7.9)
  // EUR cents each funder may still award: one pot per funder and region for local funders and
  // one per national funder (index: pot_index). A rolling funder's pot carries over.
  std::vector<Cents> pots;
  std::array<FunderBooks, funder_count> books{};  // cumulative over the run, per agent
  MonthContext context;
  MonthFlows flows;
  std::vector<Tally> block_tallies;                          // scratch, one per founder block
  std::vector<std::vector<std::uint32_t>> block_candidates;  // scratch, one per founder block
};

// Where funder k's pot for a founder of `region` is: its region's for a local funder, else the
// national one (slot `regions`).
inline std::size_t pot_index(std::size_t funder, bool local, std::size_t region,
                             std::size_t regions) {
  return funder * (regions + 1) + (local ? region : regions);
}

// Month 0's state for a replicate: founders drawn from the Setup stream.
RunState initial_state(const Model& model, std::uint64_t replicate_seed);

}  // namespace kopa
