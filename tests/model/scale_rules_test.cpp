// The population scale in the phases (docs/ODD.md 2.10, 7.14): an agent of weight w counts as w
// people in every flow, takes w people's worth of each capacity, and is admitted to a one-shot
// round that holds only some of its people with the matching chance; caseloads in agents are
// the capacity in people rounded stochastically once per run. Each rule reduces to the plain
// one with one agent per person.
#include <gtest/gtest.h>

#include <cmath>

#include "phase_fixture.hpp"

namespace kopa {
namespace {

using testing::SmallRun;

constexpr auto seed_fund = index(FunderKind::seed_fund);
constexpr std::int64_t people_per_agent = 4;

// A seed fund whose monthly round holds EUR 10,000 and whose grants are EUR 1,000: room for ten
// people, so for two agents of four and half of a third.
ModelParameters seed_fund_parameters(std::int64_t weight) {
  ModelParameters p = testing::test_parameters(40, 60, weight);
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
SmallRun three_applicants(std::int64_t weight, int month, std::uint64_t seed = 1) {
  SmallRun run(seed_fund_parameters(weight), seed);
  run.set_all(Stage::micro_project);
  Founders& f = run.state.founders;
  for (std::size_t i = 0; i < 3; ++i) {
    f.group[i] = Group::women;
    f.need_fit[i] = static_cast<float>(1.0 - 0.4 * static_cast<double>(i));
    f.funding[i] = with_application(f.funding[i], static_cast<int>(seed_fund));
  }
  run.open(month);
  return run;
}

TEST(ScaleRules, AnAwardCountsEveryPersonAndAPartRoundAdmitsByChance) {
  SmallRun run = three_applicants(people_per_agent, 3);
  ASSERT_EQ(run.model.people_per_agent(0), 4.0);
  const double draw = run.state.random.uniforms(Stream::scoring, 3, 2)[1];
  award_calls(run.model, run.state);
  const auto& flows = run.state.flows;
  const bool third = draw < 2.0 / 4.0;  // the round has room for 2 of its 4 people
  EXPECT_EQ(flows.applications[seed_fund], 12.0);
  EXPECT_EQ(flows.awards[seed_fund], third ? 12.0 : 8.0);
  EXPECT_EQ(flows.money[seed_fund], third ? 12000.0 : 8000.0);
  // The pot falls by what real applicants would spend: 8 + 2 grants, whatever the draw.
  const std::size_t regions = run.model.region_count();
  EXPECT_EQ(run.state.pots[pot_index(seed_fund, false, 0, regions)], 0);
  // Each person's award is the agent's own state.
  EXPECT_EQ(run.state.founders.award_balance[0], to_cents(1000.0));
  EXPECT_EQ(run.state.founders.award_balance[2], third ? to_cents(1000.0) : 0);
}

TEST(ScaleRules, APartRoundIsUnbiasedInExpectation) {
  // The third agent's expected award is the 2 people the round still holds.
  double awarded = 0.0;
  const int rounds = 2000;
  for (int r = 0; r < rounds; ++r) {
    SmallRun run = three_applicants(people_per_agent, 3, static_cast<std::uint64_t>(r) + 1);
    award_calls(run.model, run.state);
    awarded += run.state.flows.awards[seed_fund] - 8.0;
  }
  // Binomial: 4 * Bernoulli(1/2) has sd 2, so the mean of 2000 has sd 0.045; 5 sd.
  EXPECT_NEAR(awarded / rounds, 2.0, 0.23);
}

TEST(ScaleRules, OneAgentPerPersonSkipsWhatDoesNotFit) {
  SmallRun run = three_applicants(1, 3);
  award_calls(run.model, run.state);
  EXPECT_EQ(run.state.flows.awards[seed_fund], 3.0);  // room for ten, three apply
  EXPECT_EQ(run.state.flows.money[seed_fund], 3000.0);
}

// Only NGO advocates, of capacity 10, discovering every candidate.
ModelParameters caseload_parameters(std::int64_t weight) {
  ModelParameters p = testing::near_parameters(400);
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

std::int32_t filled_caseload(std::int64_t weight, std::uint64_t seed) {
  SmallRun run(caseload_parameters(weight), seed);
  run.set_all(Stage::idea);
  run.open(0);
  discover_founders(run.model, run.state);
  return run.state.caseload[run.advocate(0, AdvocateKind::ngo)];
}

TEST(ScaleRules, ACaseloadHoldsItsPeopleInAgentsOnAverage) {
  // One agent per person: exactly the capacity.
  EXPECT_EQ(filled_caseload(1, 1), 10);
  // Four people per agent: 10 / 4 = 2.5 agents, rounded to 2 or 3 with the advocate's offset.
  double total = 0.0;
  const int runs = 400;
  for (int seed = 1; seed <= runs; ++seed) {
    const std::int32_t held = filled_caseload(people_per_agent, static_cast<std::uint64_t>(seed));
    EXPECT_TRUE(held == 2 || held == 3) << held;
    total += held;
  }
  // Bernoulli(1/2) has sd 0.5: the mean of 400 has sd 0.025; 5 sd.
  EXPECT_NEAR(total / runs, 2.5, 0.125);
}

TEST(ScaleRules, SupportAndCollaborationsCountPeople) {
  ModelParameters p = caseload_parameters(people_per_agent);
  p.advocates[index(AdvocateKind::ngo)].brokerage = 1.0;
  SmallRun run(p, 1);
  run.set_all(Stage::idea);
  run.open(0);
  discover_founders(run.model, run.state);
  const std::int32_t held = run.state.caseload[run.advocate(0, AdvocateKind::ngo)];
  double regions_held = 0.0;
  for (std::size_t r = 0; r < run.model.region_count(); ++r) {
    regions_held += run.state.caseload[run.advocate(r, AdvocateKind::ngo)];
  }
  EXPECT_EQ(run.state.flows.new_supported, 4.0 * regions_held);
  ASSERT_GT(held, 0);
  coach_and_broker(run.model, run.state);
  double ties = 0.0;
  for (double n : run.state.flows.founders.new_ties_by_kind) ties += n;
  EXPECT_EQ(ties, 4.0 * regions_held);  // brokerage 1: every supported person gains one
}

// An exchange event's places per region are people: agents of four fill ten places as two
// whole agents and, half the time, a third.
double event_participants(std::int64_t weight, std::uint64_t seed) {
  ModelParameters p = testing::test_parameters(400, 60, weight);
  auto& lever = p.levers.knowledge_exchange;
  lever.enabled = true;
  lever.participants_per_region = 10;
  lever.cost_per_event = 0.0;
  lever.cost_per_participant = 1.0;  // the cost counts the people taking part
  SmallRun run(p, seed);
  run.set_all(Stage::idea);
  run.state.training_eligible.assign(run.model.region_count(), 100);
  run.open(0);
  EXPECT_TRUE(run.state.context.exchange_event);
  exchange_knowledge(run.model, run.state);
  return run.state.flows.public_cost[index(Lever::knowledge_exchange)];
}

TEST(ScaleRules, ExchangePlacesHoldPeople) {
  EXPECT_EQ(event_participants(1, 1), 40.0);  // four regions, ten people each
  double total = 0.0;
  const int runs = 400;
  for (int seed = 1; seed <= runs; ++seed) {
    const double people = event_participants(people_per_agent, static_cast<std::uint64_t>(seed));
    EXPECT_EQ(std::fmod(people, 4.0), 0.0) << people;  // whole agents
    total += people;
  }
  // Per region 8 + 4 Bernoulli(1/2): sd 2; four regions, 400 runs: the mean's sd is 0.2.
  EXPECT_NEAR(total / runs, 40.0, 1.0);
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
