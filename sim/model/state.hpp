#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "model/founders.hpp"
#include "model/kinds.hpp"
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

// Flows counted by one block of founders in a parallel phase, added up in block order.
struct Tally {
  std::uint32_t new_ideas = 0;
  std::uint32_t new_micro_projects = 0;
  std::uint32_t new_startups = 0;
  std::uint32_t new_sustained = 0;
  std::uint32_t new_lasting_other = 0;
  std::uint32_t closures = 0;
  std::uint32_t dormancies = 0;
  std::uint32_t lever_training_seats = 0;
  std::array<std::uint32_t, group_count> new_startups_by_group{};
  std::array<std::uint32_t, partner_kind_count> new_ties_by_kind{};
  std::vector<std::uint32_t> new_micro_projects_by_region;
  std::vector<std::uint32_t> training_eligible_by_region;
  std::array<FunderBooks, funder_count> books{};  // paid out, repaid, returned, written off

  void reset(std::size_t regions);
  void add(const Tally& other);
};

// The month's flows, summed over phases; reset when the month starts.
struct MonthFlows {
  Tally founders;
  std::uint32_t new_supported = 0;
  double support_wait_months = 0.0;
  std::array<std::uint32_t, funder_count> applications{};
  std::array<std::uint32_t, funder_count> awards{};
  std::array<double, funder_count> money{};  // EUR awarded (whole cents)
  std::array<std::uint32_t, group_count> applications_by_group{};
  std::array<std::uint32_t, group_count> awards_by_group{};
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
  std::vector<std::int32_t> caseload;  // per advocate
  std::vector<Tie> ties;
  std::array<double, partner_kind_count> collaborations{};  // cumulative, by partner kind
  double cross_region_ties = 0.0;
  std::vector<std::uint32_t> training_eligible;  // per region, last month
  // EUR cents each funder may still award: one pot per funder and region for local funders and
  // one per national funder (index: pot_index). A rolling funder's pot carries over.
  std::vector<Cents> pots;
  std::array<FunderBooks, funder_count> books{};  // cumulative over the run
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
