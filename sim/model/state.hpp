#pragma once
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "model/census.hpp"
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

// The month's effective parameters: what the calendar phase settles once at the start of the
// month (which calls are open with what rules, which advocates work) and what the active levers
// fold in for the regions and groups they target (model/lever_unit.hpp). Without a lever every
// value is the one the model has without it. Read-only for the other phases, which never test a
// lever's flag. Sized once per run (initial_state): nothing is allocated per month.
struct MonthContext {
  std::array<bool, lever_count> lever_active{};  // by the levers' calendars
  std::array<bool, funder_count> call_open{};
  bool seed_fund_open = false;  // seed_funding
  bool exchange_event = false;  // knowledge_exchange holds an event this month

  // Per region.
  std::vector<double> atmosphere;            // ally strength, 0 without it
  std::vector<double> region_attitude;       // authorities' attitude with the atmosphere
  std::vector<double> training_chance;       // local_training seats per eligible founder (<= 1)
  std::vector<double> discovery_multiplier;  // one_roof: advocates' outreach
  std::vector<double> capacity_multiplier;   // one_roof: advocates' caseload
  std::vector<double> brokerage_multiplier;  // advocacy
  std::vector<double> public_body_tie_rate;  // advocacy
  std::vector<double> advocacy_bonus;        // advocacy: bonus in funders' scoring
  std::vector<double> exchange_places;       // knowledge_exchange: whole people per region
  std::vector<double> complexity_factor;     // simplification, for mainstream public funders
  std::vector<double> burden_factor;         // simplification
  std::vector<std::uint8_t> stable_funding;  // project-funded advocates are kept
  // Per award round (slot r of pot_index: a region, or `regions` for a national funder): whether
  // open_schemes reserves a share of a mainstream public funder's round, and which.
  std::vector<std::uint8_t> reserve_round;
  double reserved_share = 0.0;

  // Per region x funder (r * funder_count + k).
  std::vector<double> complexity;
  std::vector<double> burden;

  // Per region x group cell (cell_of).
  std::vector<double> awareness_gain;       // one_roof
  std::vector<double> guidance;             // one_roof: share of application effort left
  std::vector<double> outreach_awareness;   // open_schemes
  std::vector<double> threshold_relief;     // open_schemes, at mainstream public funders
  std::vector<double> application_cost;     // open_schemes: EUR per application
  std::vector<std::uint8_t> reserved_for;   // open_schemes: first claim on a reserved share
  std::vector<std::uint8_t> seed_eligible;  // seed_funding: may apply to the seed fund

  // local_training's gains and price per seat taken (the same everywhere it acts).
  double training_skill_gain = 0.0;
  double training_admin_gain = 0.0;
  double training_seat_cost = 0.0;

  std::vector<std::uint8_t> advocate_active;  // per advocate

  // Sizes every table for the model's regions and advocates (once per run).
  void size_for(std::size_t regions, std::size_t advocates);
  // Every value as it is without levers, for the month's folding (no allocation).
  void reset_without_levers();
};

// Flows counted by one block of founders in a parallel phase, added up in block order. Counts
// are in real people: a founder adds the people it stands for (Founders::people), one for every
// founder the phases act on (model/phase_support.hpp); training_eligible_by_region counts them.
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
  std::vector<std::uint32_t> training_eligible_by_region;  // founders, each one person
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

// How idle founders (latent, dormant) are advanced: `events` draws the month of each one's next
// idea and visits it only then (model/idle_wait.hpp); `monthly` draws for every idle founder every
// month, as the model is written. The two give the same results' distribution
// (tests/model/idle_wait_test.cpp); `monthly` is kept as that test's reference.
enum class Scheduling { events, monthly };

// What an idle founder's chance reads of its region's month context (model/idle_wait.hpp).
struct IdleContext {
  double attitude = std::numeric_limits<double>::quiet_NaN();  // NaN: nothing drawn yet
  double atmosphere = std::numeric_limits<double>::quiet_NaN();
  bool operator==(const IdleContext&) const = default;
};

// People of pool `parent` who split off in this month's founders_act (model/pools.hpp): the
// pool's people numbered `number` ... number + count - 1 (Model::first_person). Recorded by
// founder blocks in parallel, appended after them in block order.
struct PoolSplit {
  std::uint32_t parent;
  std::uint32_t number;
  std::uint32_t count;
};

// Everything one run changes. A plain value: copy it to fork a scenario from a warmed-up state.
struct RunState {
  int month = 0;
  Parallelism parallelism = Parallelism::blocks;
  Scheduling scheduling = Scheduling::events;
  RandomStreams random{0};
  Founders founders;
  std::vector<std::int32_t> caseload;  // per advocate: founders, each one person
  std::vector<Tie> ties;
  std::array<double, partner_kind_count> collaborations{};  // cumulative, by partner kind
  double cross_region_ties = 0.0;
  std::vector<std::uint32_t> training_eligible;  // per region, last month: people
  CohortSurvival survival;                       // cumulative over the run (7.9)
  // EUR cents each funder may still award: one pot per funder and region for local funders and
  // one per national funder (index: pot_index). A rolling funder's pot carries over. Never below
  // zero: a round funds a request only while the pot holds it (7.8).
  std::vector<Cents> pots;
  std::array<FunderBooks, funder_count> books{};  // cumulative over the run, per agent
  MonthContext context;
  MonthFlows flows;
  std::vector<Tally> block_tallies;                          // scratch, one per founder block
  std::vector<std::vector<std::uint32_t>> block_candidates;  // scratch, one per founder block
  // Per founder block, in id order: the engaged founders at the start of the month
  // (model/engaged.hpp), the only ones the other founder phases act on, as offsets in the block
  // (block b's list fills engaged[b * founder_block_size ...] up to engaged_count[b]: 2 bytes per
  // founder, allocated once); and the idle founders who formed an idea in this month's
  // founders_act (ids). A superset is harmless: every phase still tests the stage.
  // The lists are last month's lists brought up to date (model/engaged.hpp) when
  // engaged_listed_month is last month; -1 (set up, or stages edited by hand): every founder is
  // scanned.
  std::vector<std::uint16_t> engaged;
  std::vector<std::uint32_t> engaged_count;
  std::vector<std::vector<std::uint32_t>> joined;
  std::vector<std::vector<PoolSplit>> block_splits;  // scratch, one per founder block
  int engaged_listed_month = -1;
  // Per region: the context the idle founders' waits were last drawn with (schedule_idle_founders
  // draws them again where it changes), and scratch for which regions changed this month.
  std::vector<IdleContext> idle_context;
  std::vector<std::uint8_t> idle_redraw;
  // Per region x group cell (cell_of): the census of the founders in an idle stage (latent,
  // dormant, closed), counted afresh when the engaged founders are listed by a scan of all and
  // kept up to date since (model/census.hpp): a founder is added when it enters an idle stage,
  // taken away when it forms an idea, and taken away and added again when a tie's diffusion
  // changes its skills. observe adds it to a count of the engaged founders' lists.
  std::vector<CensusCell> idle_census;
};

// Where funder k's pot for a founder of `region` is: its region's for a local funder, else the
// national one (slot `regions`).
inline std::size_t pot_index(std::size_t funder, bool local, std::size_t region,
                             std::size_t regions) {
  return funder * (regions + 1) + (local ? region : regions);
}

// Month 0's state for a replicate: founders drawn from the Setup stream, set up by founder blocks
// (in parallel unless told otherwise; the same state either way). The state keeps `parallelism`
// for the month's phases.
RunState initial_state(const Model& model, std::uint64_t replicate_seed,
                       Parallelism parallelism = Parallelism::blocks);

}  // namespace kopa
