// The population scale in the phases (docs/ODD.md 2.10, 7.14): whatever the people per agent,
// every founder a capacity acts on is one person (a pool of latent people splits into people as
// they form ideas), so caseload places, a round's budget and an event's places are taken one
// person at a time and every flow counts people. The rules for part of an agent that model v2
// had before pools are gone; these tests hold the plain rules at several people per agent.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "engine/run.hpp"
#include "phase_fixture.hpp"

namespace kopa {
namespace {

using testing::one_founder_per_person;
using testing::SmallRun;

constexpr auto seed_fund_pot = index(FunderKind::seed_fund);
constexpr std::int64_t people_per_agent = 4;

// With pools of 8 people and every lever on, no round overdraws its pot and no caseload holds
// more than its capacity, every month (tests/model/pools_test.cpp checks that every founder who
// is not latent is one person).
TEST(ScaleRules, NoPotBelowZeroNorCaseloadAboveCapacityWithPools) {
  const ModelParameters p = testing::all_levers(2000, 48, 8);
  const Model model(p);
  RunState state = initial_state(model, replicate_seed(1, 0));
  RunSeries series(model.months(), model.labels());
  ASSERT_GT(state.founders.people(0), 1u);  // the sampled agents are pools
  double supported = 0.0;
  while (state.month < model.months()) {
    step(model, state, series);
    supported += series.at(Metric::founders_supported, state.month - 1);
    for (Cents pot : state.pots) ASSERT_GE(pot, 0) << "month " << state.month;
    for (std::size_t a = 0; a < model.advocates().size(); ++a) {
      const auto capacity =
          static_cast<double>(model.advocate_kind(model.advocates()[a].kind).capacity) *
          (1.0 + p.levers.one_roof.capacity_gain);
      ASSERT_LE(state.caseload[a], std::floor(capacity)) << "advocate " << a;
    }
  }
  EXPECT_GT(supported, 0.0);  // caseloads were put to the test
}

// A seed fund whose monthly round holds EUR 10,000 and whose grants are EUR 1,000: room for ten.
ModelParameters seed_fund_of_ten_grants() {
  ModelParameters p = testing::test_parameters(40, 60);
  auto& lever = p.levers.seed_funding;
  lever.enabled = true;
  lever.budget_per_year = 12 * 10000.0;
  lever.grant_min = 1000;
  lever.grant_max = 1000;
  lever.inclusion_weight = 1.0;
  lever.score_threshold = 0.0;
  return p;
}

// Founders 0, 1 and 2 (region 0) apply, best first.
SmallRun three_applicants(int month, std::uint64_t seed = 1) {
  SmallRun run(seed_fund_of_ten_grants(), seed);
  run.set_all(Stage::micro_project);
  Founders& f = run.state.founders;
  for (std::size_t i = 0; i < 3; ++i) {
    f.group[i] = Group::women;
    f.need_fit[i] = static_cast<float>(1.0 - 0.4 * static_cast<double>(i));
    f.funding[i] = with_application(f.funding[i], static_cast<int>(seed_fund_pot));
  }
  run.open(month);
  return run;
}

// Founders 0, 1 and 2 may apply again: their awards are cleared and they apply to `funder`.
void reapply(SmallRun& run, std::size_t funder) {
  Founders& f = run.state.founders;
  for (std::size_t i = 0; i < 3; ++i) {
    f.award_balance[i] = 0;
    f.funding[i] = with_application(f.funding[i], static_cast<int>(funder));
  }
}

// An annual municipal call of EUR 10,000 per region with EUR 1,000 grants that anyone may win.
ModelParameters annual_call_parameters(std::int64_t weight) {
  ModelParameters p = testing::test_parameters(40, 60, weight);
  auto& municipal = p.funders[index(FunderKind::municipal_grant)];
  municipal.budget_per_year = 10000;
  municipal.grant_min = 1000;
  municipal.grant_max = 1000;
  testing::open_to_anyone(municipal);
  return p;
}

TEST(ScaleRules, OneAgentPerPersonNeverOverdrawsAnAnnualCall) {
  constexpr auto municipal = index(FunderKind::municipal_grant);
  ModelParameters p = annual_call_parameters(1);
  p.funders[municipal].budget_per_year = 2500;  // two grants and half of a third
  SmallRun run(p, 1);
  run.set_all(Stage::micro_project);
  reapply(run, municipal);
  run.open(static_cast<int>(p.funders[municipal].call_month));
  award_calls(run.model, run.state);
  EXPECT_EQ(run.state.flows.awards[municipal], 2.0);
  EXPECT_EQ(run.state.pots[pot_index(municipal, true, 0, run.model.region_count())],
            to_cents(500.0));
}

TEST(ScaleRules, OneAgentPerPersonSkipsWhatDoesNotFit) {
  SmallRun run = three_applicants(3);
  award_calls(run.model, run.state);
  EXPECT_EQ(run.state.flows.awards[seed_fund_pot], 3.0);  // room for ten, three apply
  EXPECT_EQ(run.state.flows.money[seed_fund_pot], 3000.0);
}

TEST(ScaleRules, ARoundSkipsARequestThatDoesNotFitAndFundsSmallerOnesBelowIt) {
  // Four people per agent, every one of them a founder: an annual call of EUR 2,500 and three
  // applicants in rank order asking EUR 1,000, 2,000 and 1,000 (the launch money they lack).
  constexpr auto municipal = index(FunderKind::municipal_grant);
  ModelParameters p = one_founder_per_person(annual_call_parameters(people_per_agent));
  p.funders[municipal].budget_per_year = 2500;
  p.funders[municipal].grant_max = 2000;
  p.funders[municipal].track_record_weight = 0.0;  // score: need fit (+-0.05 noise)
  p.startups.launch_cost = 2000;
  SmallRun run(p, 1);
  run.set_all(Stage::micro_project);
  Founders& f = run.state.founders;
  ASSERT_EQ(f.size(), 40u * people_per_agent);
  const std::array<float, 3> cash{1000.0f, 0.0f, 1000.0f};
  for (std::size_t i = 0; i < 3; ++i) {
    ASSERT_EQ(f.region[i], 0);
    f.need_fit[i] = static_cast<float>(1.0 - 0.4 * static_cast<double>(i));
    f.cash[i] = cash[i];
  }
  reapply(run, municipal);
  run.open(static_cast<int>(p.funders[municipal].call_month));
  award_calls(run.model, run.state);
  EXPECT_EQ(f.award_balance[0], to_cents(1000.0));
  EXPECT_EQ(f.award_balance[1], 0);  // EUR 2,000 against the 1,500 left: skipped, not overdrawn
  EXPECT_EQ(f.award_balance[2], to_cents(1000.0));
  EXPECT_EQ(run.state.flows.awards[municipal], 2.0);  // people
  EXPECT_EQ(run.state.flows.money[municipal], 2000.0);
  EXPECT_EQ(run.state.pots[pot_index(municipal, true, 0, run.model.region_count())],
            to_cents(500.0));
}

// Only NGO advocates, of capacity 10, discovering every candidate; `weight` people per agent,
// every one of them a founder.
ModelParameters caseload_parameters(std::int64_t weight) {
  ModelParameters p = one_founder_per_person(testing::near_parameters(400));
  for (Region& r : p.regions) {
    r.has_len = false;
    r.population = 100.0 * static_cast<double>(weight);
  }
  for (auto& kind : p.advocates) kind.per_region = 0;
  auto& ngo = p.advocates[index(AdvocateKind::ngo)];
  ngo.per_region = 1;
  ngo.capacity = 10;
  ngo.outreach = 1.0;
  return p;
}

// One month of an NGO advocate in region 0: release, then discovery among plentiful candidates.
// Returns its caseload after discovery.
std::int32_t caseload_month(SmallRun& run, int month) {
  run.open(month);
  release_caseloads(run.model, run.state);
  discover_founders(run.model, run.state);
  return run.state.caseload[run.advocate(0, AdvocateKind::ngo)];
}

// A supported founder of advocate a leaves the caseload (it goes dormant).
void one_leaves(SmallRun& run, std::size_t a) {
  Founders& f = run.state.founders;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f.advocate[i] == static_cast<AdvocateIndex>(a)) {
      f.stage[i] = Stage::dormant;
      return;
    }
  }
}

TEST(ScaleRules, OneAgentPerPersonFillsTheCaseloadExactly) {
  SmallRun run(caseload_parameters(1), 1);
  run.set_all(Stage::idea);
  EXPECT_EQ(caseload_month(run, 0), 10);
  one_leaves(run, run.advocate(0, AdvocateKind::ngo));
  EXPECT_EQ(caseload_month(run, 1), 10);  // the place is refilled at once
}

TEST(ScaleRules, ACaseloadHoldsItsCapacityInPeopleAtSeveralPeoplePerAgent) {
  // Four people per agent: ten founders, ten people, never three agents' twelve (the rule for part
  // of an agent) or two agents' eight; a place left is refilled by one person at once.
  SmallRun run(caseload_parameters(people_per_agent), 1);
  run.set_all(Stage::idea);
  const std::size_t a = run.advocate(0, AdvocateKind::ngo);
  EXPECT_EQ(caseload_month(run, 0), 10);
  EXPECT_EQ(run.state.flows.new_supported, 10.0 * static_cast<double>(run.model.region_count()));
  one_leaves(run, a);
  EXPECT_EQ(caseload_month(run, 1), 10);
  EXPECT_EQ(run.state.flows.new_supported, 1.0);
}

TEST(ScaleRules, AFractionalCapacityRoundsDownToWholePeople) {
  // One roof raises the capacity of 10 by a quarter: 12.5 people, so 12 places, never a 13th
  // founder taken into half a place.
  ModelParameters p = caseload_parameters(people_per_agent);
  p.levers.one_roof.enabled = true;
  p.levers.one_roof.capacity_gain = 0.25;
  SmallRun run(p, 1);
  run.set_all(Stage::idea);
  EXPECT_EQ(caseload_month(run, 0), 12);
  ASSERT_EQ(run.state.context.capacity_multiplier[0], 1.25);
  EXPECT_EQ(caseload_month(run, 1), 12);
}

// Months without candidates: the advocate's room is left unused; then every founder looks for one.
std::int32_t after_empty_months(SmallRun& run, int empty_months) {
  run.set_all(Stage::latent);
  for (int m = 0; m < empty_months; ++m) caseload_month(run, m);
  run.set_all(Stage::idea);
  return caseload_month(run, empty_months);
}

TEST(ScaleRules, OneAgentPerPersonLosesRoomLeftUnused) {
  // Real people's places left empty are lost: after empty months the caseload fills to capacity.
  SmallRun run(caseload_parameters(1), 1);
  EXPECT_EQ(after_empty_months(run, 4), 10);
}

TEST(ScaleRules, RoomLeftUnusedIsLostAtSeveralPeoplePerAgent) {
  // As with one agent per person: four empty months bank nothing (model v2's part agents did).
  SmallRun run(caseload_parameters(16), 1);
  EXPECT_EQ(after_empty_months(run, 4), 10);
}

TEST(ScaleRules, SupportAndCollaborationsCountPeople) {
  // Four people per agent: each founder supported is one person, so the flows count the founders
  // on caseloads, not four times as many.
  ModelParameters p = caseload_parameters(people_per_agent);
  p.advocates[index(AdvocateKind::ngo)].brokerage = 1.0;
  SmallRun run(p, 1);
  run.set_all(Stage::idea);
  run.open(0);
  discover_founders(run.model, run.state);
  double held = 0.0;
  for (std::size_t r = 0; r < run.model.region_count(); ++r) {
    held += run.state.caseload[run.advocate(r, AdvocateKind::ngo)];
  }
  EXPECT_EQ(held, 10.0 * static_cast<double>(run.model.region_count()));
  EXPECT_EQ(run.state.flows.new_supported, held);
  coach_and_broker(run.model, run.state);
  double ties = 0.0;
  for (double n : run.state.flows.founders.new_ties_by_kind) ties += n;
  EXPECT_EQ(ties, held);  // brokerage 1: every supported person gains one
}

// An exchange event's places per region are people. The state is as set up: the people who
// start with an idea (half of them) have split off their pools, which keep the rest latent.
double event_participants(std::int64_t weight, std::uint64_t seed) {
  ModelParameters p = testing::test_parameters(400, 60, weight);
  p.founders.initial_micro_project_share = 0.0;
  p.founders.initial_idea_share = 0.5;
  auto& lever = p.levers.knowledge_exchange;
  lever.enabled = true;
  lever.participants_per_region = 10;
  lever.cost_per_event = 0.0;
  lever.cost_per_participant = 1.0;  // the cost counts the people taking part
  SmallRun run(p, seed);
  run.state.training_eligible.assign(run.model.region_count(), 100);
  run.open(0);
  EXPECT_TRUE(run.state.context.exchange_event);
  exchange_knowledge(run.model, run.state);
  return run.state.flows.public_cost[index(Lever::knowledge_exchange)];
}

TEST(ScaleRules, ExchangePlacesHoldPeople) {
  EXPECT_EQ(event_participants(1, 1), 40.0);  // four regions, ten people each
  // At four people per agent, with pools of several people latent beside the founders: exactly
  // ten people per region, whatever the draws.
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    EXPECT_EQ(event_participants(people_per_agent, seed), 40.0) << "seed " << seed;
  }
}

TEST(ScaleRules, SurvivalCountsLaunchesWithinTheHorizonAndAnniversariesStillOperating) {
  // Months 0-59; a launch in month 30 has anniversaries 42 and 54 within them, 66 not.
  ModelParameters p = testing::near_parameters(40, 60);
  p.startups.launch_rate = 1.0;
  p.startups.min_micro_project_months = 0;
  p.startups.sustained_failure_rate = 0.0;
  SmallRun run(p);
  run.set_all(Stage::micro_project, 1.0f);
  Founders& f = run.state.founders;
  f.cash[0] = 1e6f;
  run.open(30);
  operate_initiatives(run.model, run.state);
  ASSERT_EQ(f.stage[0], Stage::startup);
  EXPECT_EQ(run.state.survival.launched[0], 1.0);
  EXPECT_EQ(run.state.survival.launched[1], 1.0);
  EXPECT_EQ(run.state.survival.launched[2], 0.0);
  // Operating with plenty of cash at its first anniversary: one survivor of its cohort.
  run.open(42);
  operate_initiatives(run.model, run.state);
  ASSERT_TRUE(f.stage[0] == Stage::startup || f.stage[0] == Stage::sustained);
  EXPECT_EQ(run.state.survival.operating[0], 1.0);
  EXPECT_EQ(run.state.survival.operating[1], 0.0);
  // Not an anniversary: nothing more.
  run.open(43);
  operate_initiatives(run.model, run.state);
  EXPECT_EQ(run.state.survival.operating[0], 1.0);
}

}  // namespace
}  // namespace kopa
