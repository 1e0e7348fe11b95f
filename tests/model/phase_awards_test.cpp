// award_calls: competitive rounds ranked by score, awarded until the budget is spent.
#include <gtest/gtest.h>

#include <cmath>

#include "model/award_ranking.hpp"
#include "phase_fixture.hpp"

namespace kopa {
namespace {

using testing::SmallRun;

constexpr auto seed_fund = index(FunderKind::seed_fund);

// A seed fund whose monthly round holds 10,000 EUR and whose grants are 4,000 EUR: room for two.
ModelParameters seed_fund_parameters() {
  ModelParameters p = testing::test_parameters(40);
  auto& lever = p.levers.seed_funding;
  lever.enabled = true;
  lever.budget_per_year = 12 * 10000.0;
  lever.grant_min = 4000;
  lever.grant_max = 4000;
  lever.inclusion_weight = 1.0;  // score = 0.5 need fit + 0.5 (disadvantaged) + noise (+-0.05)
  lever.score_threshold = 0.0;
  return p;
}

void apply(SmallRun& run, std::size_t i, std::size_t funder) {
  run.state.founders.funding[i] =
      with_application(run.state.founders.funding[i], static_cast<int>(funder));
}

TEST(PhaseAwards, AwardsInScoreOrderUntilTheBudgetIsSpent) {
  SmallRun run(seed_fund_parameters());
  run.set_all(Stage::micro_project);
  Founders& f = run.state.founders;
  // Need fit 0, 0.25, ..., 1: score gaps of 0.125 exceed the scoring noise (0.1 wide).
  for (std::size_t i = 0; i < 5; ++i) {
    f.group[i] = Group::women;
    f.need_fit[i] = static_cast<float>(0.25 * static_cast<double>(i));
    apply(run, i, seed_fund);
  }
  run.open(3);
  award_calls(run.model, run.state);
  const auto& flows = run.state.flows;
  EXPECT_EQ(flows.applications[seed_fund], 5u);
  EXPECT_EQ(flows.awards[seed_fund], 2u);
  EXPECT_DOUBLE_EQ(flows.money[seed_fund], 8000.0);
  // The month's twelfth of the budget, less the two grants, stays in the national pot.
  const std::size_t regions = run.model.region_count();
  EXPECT_EQ(run.state.pots[pot_index(seed_fund, false, 0, regions)], to_cents(2000.0));
  for (std::size_t i = 0; i < 5; ++i) {
    const bool winner = i >= 3;  // the two best need fits
    EXPECT_EQ(f.award_balance[i], winner ? to_cents(4000.0) : 0) << i;
    EXPECT_EQ(application_of(f.funding[i]), -1) << i;  // applications are used up
    if (winner) {
      EXPECT_EQ(f.award_end_month[i], 3 + run.model.funder(FunderKind::seed_fund).grant_months);
      EXPECT_EQ(award_funder_of(f.funding[i]), static_cast<int>(seed_fund));
    }
  }
  // Seed-fund money costs the public its amount plus administration.
  EXPECT_DOUBLE_EQ(flows.public_cost[index(Lever::seed_funding)],
                   8000.0 * (1.0 + run.model.parameters().levers.seed_funding.admin_cost_share));
  EXPECT_EQ(flows.awards_by_group[index(Group::women)], 2u);
  EXPECT_DOUBLE_EQ(flows.money_by_group[index(Group::women)], 8000.0);
}

TEST(PhaseAwards, RejectedApplicantsLoseMotivation) {
  SmallRun run(seed_fund_parameters());
  run.set_all(Stage::micro_project);
  Founders& f = run.state.founders;
  for (std::size_t i = 0; i < 3; ++i) {
    f.group[i] = Group::youth;
    f.need_fit[i] = static_cast<float>(0.5 * static_cast<double>(i));
    apply(run, i, seed_fund);
  }
  run.open(0);
  award_calls(run.model, run.state);
  EXPECT_FLOAT_EQ(f.motivation[0],
                  0.5f - static_cast<float>(run.model.parameters().founders.rejection_penalty));
  EXPECT_FLOAT_EQ(f.motivation[2], 0.5f);
}

TEST(PhaseAwards, BelowThresholdOrIneligibleGetsNothingEvenWithBudgetLeft) {
  ModelParameters p = seed_fund_parameters();
  p.levers.seed_funding.score_threshold = 0.9;  // above any score of a need fit 0 applicant
  SmallRun run(p);
  run.set_all(Stage::micro_project);
  run.state.founders.group[0] = Group::migrants;
  run.state.founders.need_fit[0] = 0.0f;
  apply(run, 0, seed_fund);
  run.open(0);
  award_calls(run.model, run.state);
  EXPECT_EQ(run.state.flows.awards[seed_fund], 0u);
  EXPECT_EQ(run.state.founders.award_balance[0], 0);
}

// Equal scores rank by founder id, lowest first, whatever order the applications came in.
TEST(PhaseAwards, TiedScoresRankByLowerIdFirst) {
  std::vector<Application> round{
      {0.5, 7, 100, true}, {0.5, 3, 100, true}, {0.7, 9, 100, true}, {0.5, 5, 100, true}};
  rank_applications(round);
  std::vector<std::uint32_t> order;
  for (const Application& a : round) order.push_back(a.founder);
  EXPECT_EQ(order, (std::vector<std::uint32_t>{9, 3, 5, 7}));
}

// A rejection never takes motivation below 0.
TEST(PhaseAwards, RejectionLeavesMotivationInTheUnitInterval) {
  ModelParameters p = seed_fund_parameters();
  p.levers.seed_funding.score_threshold = 2.0;  // above any score: everyone is rejected
  p.founders.rejection_penalty = 0.3;
  SmallRun run(p);
  run.set_all(Stage::micro_project);
  Founders& f = run.state.founders;
  f.group[0] = Group::youth;
  f.motivation[0] = 0.1f;
  apply(run, 0, seed_fund);
  run.open(0);
  award_calls(run.model, run.state);
  EXPECT_EQ(run.state.flows.awards[seed_fund], 0u);
  EXPECT_EQ(f.motivation[0], 0.0f);
}

// Funders credit a start-up's track record by how far its own income has covered its costs
// towards self-sufficiency, not merely for having income. Score = track + noise when the
// track-record weight is 1 and the founder is unsupported; the threshold is set just above what
// each founder scores without the bonus.
TEST(PhaseAwards, TrackRecordIsIncomeCoveringCostsNotJustIncome) {
  ModelParameters p = testing::test_parameters(40);
  auto& leader = p.funders[index(FunderKind::leader)];
  leader.budget_per_year = 1e6;
  leader.admin_threshold = 0.0;
  leader.cofinancing_share = 0.0;
  leader.track_record_weight = 1.0;
  const int month = static_cast<int>(leader.call_month);
  // Skill and admin capacity 0.5: track = 0.5 before any bonus. Founder 0 and a founder j of the
  // same region whose score noise is within 0.02 of founder 0's.
  const RandomStreams random(1);  // SmallRun's replicate seed
  auto noise = [&](std::size_t i) {
    return 0.1 * (random.uniforms(Stream::scoring, month, i)[0] - 0.5);
  };
  std::size_t j = 1;
  while (std::abs(noise(j) - noise(0)) > 0.02) ++j;
  ASSERT_LT(j, 10u);  // the first region's founders
  leader.score_threshold = 0.5 + std::max(noise(0), noise(j)) + 0.05;
  SmallRun run(p, 1);
  run.set_all(Stage::startup, 0.5f);
  Founders& f = run.state.founders;
  // Founder 0 has had income but never covered its costs; founder j has covered them for the
  // whole spell a start-up needs to become sustained.
  for (std::size_t i : {std::size_t{0}, j}) {
    f.months_in_stage[i] = 20;
    f.revenue[i] = 500.0f;
    apply(run, i, index(FunderKind::leader));
  }
  f.self_sufficient_months[j] = static_cast<std::uint16_t>(p.startups.self_sufficiency_months);
  run.open(month);
  award_calls(run.model, run.state);
  EXPECT_EQ(f.award_balance[0], 0);
  EXPECT_GT(f.award_balance[j], 0);
}

// A rolling funder carries what it does not award: an investor with EUR 150,000 a year and
// awards from EUR 20,000 cannot fund its minimum from one month's EUR 12,500, but can in the
// second month, and keeps the rest.
TEST(PhaseAwards, RollingFunderCarriesItsPotUntilItCanFundItsMinimum) {
  ModelParameters p = testing::test_parameters(40);
  auto& investor = p.funders[index(FunderKind::impact_investor)];
  investor.budget_per_year = 150000;
  investor.grant_min = 20000;
  investor.grant_max = 50000;
  testing::open_to_anyone(investor);
  SmallRun run(p);
  run.set_all(Stage::startup);
  Founders& f = run.state.founders;
  f.idea_quality[0] = 0.0f;  // asks for the minimum
  const std::size_t k = index(FunderKind::impact_investor);
  const Cents& pot = run.state.pots[pot_index(k, false, 0, run.model.region_count())];
  for (int m = 0; m < 3; ++m) {
    if (m < 2) apply(run, 0, k);  // until it holds the award
    run.open(m);
    award_calls(run.model, run.state);
    EXPECT_EQ(run.state.flows.awards[k], m == 1 ? 1u : 0u) << m;
  }
  EXPECT_EQ(f.award_balance[0], to_cents(20000.0));
  EXPECT_EQ(pot, to_cents(3 * 12500.0 - 20000.0));
}

// open_schemes: a reserved share of a mainstream public round goes first to disadvantaged
// applicants, even when mainstream applicants score higher.
ModelParameters national_grant_parameters(bool open_schemes) {
  ModelParameters p = testing::test_parameters(40);
  auto& grant = p.funders[index(FunderKind::national_grant)];
  grant.budget_per_year = 10000;
  grant.grant_min = 5000;
  grant.grant_max = 5000;
  testing::open_to_anyone(grant);
  grant.track_record_weight = 1.0;  // score = skill and plan quality (+ noise)
  p.levers.open_schemes.enabled = open_schemes;
  p.levers.open_schemes.reserved_share = 0.5;
  return p;
}

std::vector<double> national_grant_round(bool open_schemes) {
  SmallRun run(national_grant_parameters(open_schemes));
  run.set_all(Stage::micro_project);
  Founders& f = run.state.founders;
  const std::array<Group, 4> groups{Group::mainstream, Group::mainstream, Group::seniors,
                                    Group::disabled};
  const std::array<float, 4> skill{0.9f, 0.8f, 0.4f, 0.2f};
  for (std::size_t i = 0; i < 4; ++i) {
    f.group[i] = groups[i];
    f.business_skill[i] = skill[i];
    f.admin_capacity[i] = skill[i];
    apply(run, i, index(FunderKind::national_grant));
  }
  const int call = static_cast<int>(run.model.funder(FunderKind::national_grant).call_month);
  run.open(call);
  award_calls(run.model, run.state);
  EXPECT_DOUBLE_EQ(run.state.flows.money[index(FunderKind::national_grant)], 10000.0);
  return {to_eur(f.award_balance[0]), to_eur(f.award_balance[1]), to_eur(f.award_balance[2]),
          to_eur(f.award_balance[3])};
}

TEST(PhaseAwards, OpenSchemesReservedShareGoesFirstToDisadvantaged) {
  EXPECT_EQ(national_grant_round(false), (std::vector<double>{5000, 5000, 0, 0}));
  EXPECT_EQ(national_grant_round(true), (std::vector<double>{5000, 0, 5000, 0}));
}

TEST(PhaseAwards, LocalFundersRankAndBudgetPerRegion) {
  ModelParameters p = testing::test_parameters(40);
  auto& municipal = p.funders[index(FunderKind::municipal_grant)];
  municipal.budget_per_year = 3000;
  municipal.grant_min = 3000;
  municipal.grant_max = 3000;
  testing::open_to_anyone(municipal);
  SmallRun run(p);
  run.set_all(Stage::micro_project);
  // Every founder applies: each region's round funds exactly one.
  for (std::size_t i = 0; i < run.state.founders.size(); ++i) {
    apply(run, i, index(FunderKind::municipal_grant));
  }
  run.open(static_cast<int>(municipal.call_month));
  award_calls(run.model, run.state);
  std::vector<int> per_region(run.model.region_count(), 0);
  for (std::size_t i = 0; i < run.state.founders.size(); ++i) {
    if (run.state.founders.award_balance[i] > 0) ++per_region[run.state.founders.region[i]];
  }
  EXPECT_EQ(per_region, std::vector<int>(run.model.region_count(), 1));
}

}  // namespace
}  // namespace kopa
