// operate_initiatives, founders_act, exchange_knowledge and observe on hand-built states.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "model/metrics.hpp"
#include "model/phase_support.hpp"
#include "phase_fixture.hpp"

namespace kopa {
namespace {

using testing::full_income;
using testing::SmallRun;

TEST(PhaseOperate, FundedMicroProjectLaunchesWhenTheDrawAllows) {
  using testing::full_income;
  for (double rate : {0.0, 1.0}) {
    ModelParameters p = testing::test_parameters(20);
    p.startups.launch_rate = rate;
    p.startups.micro_project_abandon_rate = 0.0;
    SmallRun run(p);
    run.set_all(Stage::micro_project, 0.5f);  // launch hazard = rate * (0.5 + skill) = rate
    Founders& f = run.state.founders;
    const auto ready = static_cast<std::uint16_t>(p.startups.min_micro_project_months);
    f.months_in_stage[0] = ready;
    f.cash[0] = static_cast<float>(p.startups.launch_cost + 100);
    f.months_in_stage[1] = ready;  // no money
    f.months_in_stage[2] = 0;      // too young
    f.cash[2] = static_cast<float>(p.startups.launch_cost);
    run.open(4);
    operate_initiatives(run.model, run.state);
    EXPECT_EQ(f.stage[0], rate > 0 ? Stage::startup : Stage::micro_project);
    EXPECT_EQ(f.stage[1], Stage::micro_project);
    EXPECT_EQ(f.stage[2], Stage::micro_project);
    if (rate > 0) {
      EXPECT_FLOAT_EQ(f.cash[0], 100.0f);
      EXPECT_EQ(run.state.flows.founders.new_startups, 1u);
      EXPECT_EQ(run.state.flows.founders.new_startups_by_group[index(Group::mainstream)], 1u);
    }
  }
}

TEST(PhaseOperate, StartupInDeepDebtClosesOrGoesDormant) {
  for (double closure : {0.0, 1.0}) {
    ModelParameters p = testing::test_parameters(20);
    p.startups.closure_share = closure;
    SmallRun run(p);
    run.set_all(Stage::startup);
    Founders& f = run.state.founders;
    f.cash[0] = -100000.0f;
    f.jobs[0] = 2;
    f.cash[1] = 100000.0f;
    run.open(10);
    operate_initiatives(run.model, run.state);
    EXPECT_EQ(f.stage[0], closure > 0 ? Stage::closed : Stage::dormant);
    EXPECT_EQ(f.jobs[0], 0);
    EXPECT_EQ(f.stage[1], Stage::startup);
    EXPECT_EQ(run.state.flows.founders.closures, closure > 0 ? 1u : 0u);
    EXPECT_EQ(run.state.flows.founders.dormancies, closure > 0 ? 0u : 1u);
  }
}

// A profitable start-up in its 12th self-sufficient month becomes sustained, counted by form.
TEST(PhaseOperate, TwelveSelfSufficientMonthsMakeItSustainedByForm) {
  ModelParameters p = testing::test_parameters(20);
  p.startups.enterprise_revenue = 1e6;
  p.startups.other_revenue = 1e6;
  p.startups.revenue_noise = 0.0;
  p.startups.sustained_failure_rate = 0.0;
  p.startups.wage = 2000.0;
  p.startups.max_jobs = 255;
  SmallRun run(p);
  run.set_all(Stage::startup);
  Founders& f = run.state.founders;
  const auto needed = static_cast<std::uint16_t>(p.startups.self_sufficiency_months);
  for (std::size_t i = 0; i < 4; ++i) {
    f.cash[i] = 10000.0f;
    f.months_in_stage[i] = 20;  // past the revenue ramp
    f.self_sufficient_months[i] = static_cast<std::uint16_t>(needed - 1);
  }
  f.form[0] = Form::enterprise;
  f.form[1] = Form::platform;
  f.form[2] = Form::ngo;
  f.self_sufficient_months[3] = static_cast<std::uint16_t>(needed - 2);  // one month short
  // Founder 4's own income (smoothed: 0.7 x last month's 0 + 0.3 x at most 1e6 = 3e5) falls
  // short of its costs (200 jobs x 2,000 EUR = 4e5): not self-sufficient, however much cash it
  // holds.
  f.cash[4] = 1e7f;
  f.self_sufficient_months[4] = static_cast<std::uint16_t>(needed - 1);
  f.months_in_stage[4] = 5;
  f.revenue[4] = 0.0f;
  f.jobs[4] = 200;
  run.open(10);
  operate_initiatives(run.model, run.state);
  EXPECT_EQ(f.stage[0], Stage::sustained);
  EXPECT_EQ(f.stage[1], Stage::sustained);
  EXPECT_EQ(f.stage[2], Stage::sustained);
  EXPECT_EQ(f.stage[3], Stage::startup);
  EXPECT_EQ(f.stage[4], Stage::startup);
  EXPECT_EQ(f.self_sufficient_months[4], 0);
  EXPECT_EQ(run.state.flows.founders.new_sustained, 1u);
  EXPECT_EQ(run.state.flows.founders.new_lasting_other, 2u);

  RunSeries series(run.model.months(), run.model.labels());
  observe(run.model, run.state, series);
  EXPECT_EQ(series.at(Metric::founders_sustained, 10), 1.0);
  EXPECT_EQ(series.at(Metric::founders_lasting_platform, 10), 1.0);
  EXPECT_EQ(series.at(Metric::founders_lasting_ngo, 10), 1.0);
  EXPECT_EQ(series.at(Metric::founders_lasting_civic, 10), 0.0);
  EXPECT_EQ(series.at(Metric::new_sustained, 10), 1.0);
}

// A launch in month 4 is followed by the first operating month 5, which earns 1/ramp_months of
// full income, the second 2/ramp_months, and so on (docs/ODD.md 7.9).
TEST(PhaseOperate, RevenueRampsFromOneTwelfthInTheFirstOperatingMonth) {
  ModelParameters p = testing::test_parameters(20);
  p.startups.launch_rate = 1.0;
  p.startups.revenue_noise = 0.0;
  p.startups.ramp_months = 12;
  SmallRun run(p);
  run.set_all(Stage::micro_project, 0.5f);
  Founders& f = run.state.founders;
  f.months_in_stage[0] = static_cast<std::uint16_t>(p.startups.min_micro_project_months);
  f.cash[0] = static_cast<float>(p.startups.launch_cost + 1e6);  // no debt, no exit
  run.open(4);
  operate_initiatives(run.model, run.state);
  ASSERT_EQ(f.stage[0], Stage::startup);
  for (int k = 1; k <= 3; ++k) {
    const float before = f.revenue[0];
    run.open(4 + k);
    operate_initiatives(run.model, run.state);
    const double income = full_income(run.model, f, 0) * k / 12.0;
    const double expected = k == 1 ? income : 0.7 * before + 0.3 * income;
    EXPECT_NEAR(f.revenue[0], expected, 1e-6 * expected) << "operating month " << k;
  }
}

// The self-sufficiency spell may be set as long as the horizon: 300 months counted one by one.
TEST(PhaseOperate, SelfSufficiencyCountsBeyondTwoHundredFiftyFiveMonths) {
  ModelParameters p = testing::test_parameters(20, 400);
  p.startups.self_sufficiency_months = 300;
  p.startups.enterprise_revenue = 1e6;
  p.startups.revenue_noise = 0.0;
  p.startups.sustained_failure_rate = 0.0;
  SmallRun run(p);
  run.set_all(Stage::startup);
  Founders& f = run.state.founders;
  f.months_in_stage[0] = 20;  // past the ramp
  f.cash[0] = 1e5f;
  for (int m = 0; m < 300; ++m) {
    run.open(m);
    operate_initiatives(run.model, run.state);
    ASSERT_EQ(f.stage[0], m < 299 ? Stage::startup : Stage::sustained) << "month " << m;
  }
}

// people_served grows by people_served_<form> a month on average, and a new initiative starts
// counting from zero.
TEST(PhaseOperate, PeopleServedGrowsByTheDocumentedMeanAndRestartsWithTheInitiative) {
  ModelParameters p = testing::test_parameters(2000);
  p.startups.people_served_enterprise = 2.0;
  p.startups.enterprise_revenue = 1e6;
  p.startups.sustained_failure_rate = 0.0;
  p.startups.launch_rate = 1.0;
  SmallRun run(p);
  run.set_all(Stage::micro_project);  // skill 0.5: launch chance launch_rate * 1 = 1
  Founders& f = run.state.founders;
  for (std::size_t i = 0; i < f.size(); ++i) {
    f.months_in_stage[i] = static_cast<std::uint16_t>(p.startups.min_micro_project_months);
    f.cash[i] = static_cast<float>(p.startups.launch_cost + 1e5);
  }
  for (int m = 0; m <= 12; ++m) {  // launch in month 0, operate in months 1-12
    run.open(m);
    operate_initiatives(run.model, run.state);
  }
  RunSeries series(run.model.months(), run.model.labels());
  observe(run.model, run.state, series);
  // 12 months of 2 people: 24 a founder.
  const double mean = series.at(Metric::people_served, 12) / static_cast<double>(f.size());
  EXPECT_NEAR(mean, 24.0, 0.3);

  // Founder 0 exits in deep debt, comes back as a micro-project and launches again: its new
  // initiative counts the people it serves from zero. The others stop operating.
  for (std::size_t i = 1; i < f.size(); ++i) f.stage[i] = Stage::latent;
  f.cash[0] = -1e6f;
  run.open(13);
  operate_initiatives(run.model, run.state);
  ASSERT_FALSE(is_operating(f.stage[0]));
  f.stage[0] = Stage::micro_project;
  f.months_in_stage[0] = static_cast<std::uint16_t>(p.startups.min_micro_project_months);
  f.cash[0] = static_cast<float>(p.startups.launch_cost + 1e5);
  run.open(14);
  operate_initiatives(run.model, run.state);
  ASSERT_EQ(f.stage[0], Stage::startup);
  run.open(15);  // its first operating month
  operate_initiatives(run.model, run.state);
  observe(run.model, run.state, series);
  EXPECT_GE(series.at(Metric::people_served, 15), 1.0);  // 2 on average
  EXPECT_LE(series.at(Metric::people_served, 15), 3.0);
}

// A micro-project that gives up returns the grant it has not spent to its funder: the balance
// no longer blocks a new application, nothing is paid out to a founder who stopped, and the
// funder's books show the return.
TEST(PhaseOperate, GivingUpReturnsTheUnspentGrant) {
  ModelParameters p = testing::test_parameters(20);
  p.startups.micro_project_abandon_rate = 1.0;
  SmallRun run(p);
  run.set_all(Stage::micro_project);
  Founders& f = run.state.founders;
  f.motivation[0] = 0.0f;    // gives up for certain
  f.months_in_stage[0] = 0;  // too young to launch
  f.award_balance[0] = static_cast<std::int32_t>(to_cents(3000.0));
  f.funding[0] = with_award_funder(0, static_cast<int>(index(FunderKind::leader)));
  f.award_end_month[0] = 20;
  run.open(5);
  operate_initiatives(run.model, run.state);
  ASSERT_EQ(f.stage[0], Stage::dormant);
  EXPECT_EQ(f.award_balance[0], 0);
  EXPECT_EQ(award_funder_of(f.funding[0]), -1);
  EXPECT_EQ(run.state.books[index(FunderKind::leader)].returned, to_cents(3000.0));
}

// Founders on a caseload are counted as supported only while they are in the active stages: an
// initiative that exits this month is no longer counted, though its advocate lets go of it only
// next month.
TEST(PhaseObserve, SupportedCountsOnlyFoundersStillInTheActiveStages) {
  SmallRun run(testing::test_parameters(20));
  run.set_all(Stage::idea);
  Founders& f = run.state.founders;
  const std::size_t a = run.advocate(f.region[0], AdvocateKind::ngo);
  run.support(0, a);  // exits this month
  run.support(1, a);  // stays an idea
  f.stage[0] = Stage::startup;
  f.months_in_stage[0] = 5;
  f.cash[0] = -1e6f;
  run.open(3);
  operate_initiatives(run.model, run.state);
  ASSERT_FALSE(is_operating(f.stage[0]));
  RunSeries series(run.model.months(), run.model.labels());
  observe(run.model, run.state, series);
  EXPECT_EQ(series.at(Metric::founders_supported, 3), 1.0);
  EXPECT_EQ(series.at(Metric::founders_supported_by_region, 3, f.region[0]), 1.0);
}

// The census is the same whatever order its blocks are counted in: its sums are integers
// (model/census.hpp). Skills of 24 significant bits spanning 40 binary orders of magnitude would
// show a sum of doubles taken in the order threads finish (sums of 10^5 of them round).
TEST(PhaseObserve, CensusAddsBlocksInBlockOrder) {
  SmallRun run(testing::test_parameters(100000));
  Founders& f = run.state.founders;
  for (std::size_t i = 0; i < f.size(); ++i) {
    const double golden = std::fmod(static_cast<double>(i) * 0.6180339887498949, 1.0);
    f.business_skill[i] =
        std::ldexp(static_cast<float>(0.5 + 0.5 * golden), -static_cast<int>((i * 7) % 40));
  }
  run.open(0);
  std::vector<RunSeries> series;
  for (Parallelism mode : {Parallelism::serial, Parallelism::reversed, Parallelism::blocks}) {
    run.state.parallelism = mode;
    series.emplace_back(run.model.months(), run.model.labels());
    observe(run.model, run.state, series.back());
  }
  EXPECT_EQ(series[0].at(Metric::mean_business_skill, 0),
            series[1].at(Metric::mean_business_skill, 0));
  EXPECT_TRUE(series[0] == series[1]);
  EXPECT_TRUE(series[0] == series[2]);
}

TEST(PhaseObserve, CountsStagesGroupsAndSupport) {
  SmallRun run(testing::test_parameters(30));
  run.set_all(Stage::latent);
  Founders& f = run.state.founders;
  const std::array<Stage, 6> stages{Stage::idea,    Stage::micro_project, Stage::startup,
                                    Stage::dormant, Stage::closed,        Stage::startup};
  for (std::size_t i = 0; i < stages.size(); ++i) f.stage[i] = stages[i];
  f.group[0] = Group::women;
  f.group[1] = Group::women;
  f.group[2] = Group::youth;
  run.support(1, run.advocate(f.region[1], AdvocateKind::ngo));
  run.open(5);
  RunSeries series(run.model.months(), run.model.labels());
  observe(run.model, run.state, series);
  EXPECT_EQ(series.at(Metric::founders_latent, 5), 24.0);
  EXPECT_EQ(series.at(Metric::founders_idea, 5), 1.0);
  EXPECT_EQ(series.at(Metric::founders_micro_project, 5), 1.0);
  EXPECT_EQ(series.at(Metric::founders_startup, 5), 2.0);
  EXPECT_EQ(series.at(Metric::founders_dormant, 5), 1.0);
  EXPECT_EQ(series.at(Metric::founders_closed, 5), 1.0);
  EXPECT_EQ(series.at(Metric::founders_supported, 5), 1.0);
  EXPECT_EQ(series.at(Metric::population_by_group, 5, index(Group::women)), 2.0);
  EXPECT_EQ(series.at(Metric::population_by_group, 5, index(Group::mainstream)), 27.0);
  EXPECT_EQ(series.at(Metric::founders_startup_by_group, 5, index(Group::youth)), 1.0);
  EXPECT_DOUBLE_EQ(series.at(Metric::mean_business_skill, 5), 0.5);
}

TEST(PhaseFounders, IdeationIsCertainAtRateOneAndAbsentAtZero) {
  for (double rate : {0.0, 1.0}) {
    ModelParameters p = testing::test_parameters(20);
    p.founders.ideation_rate = rate;
    SmallRun run(p);
    run.set_all(Stage::latent);
    // Mainstream, motivation 1: hazard = rate * 2 * (0.5 + demand) * (0.75 + 0.5 attitude) >= rate.
    for (auto& m : run.state.founders.motivation) m = 1.0f;
    run.open(2);
    founders_act(run.model, run.state);
    for (std::size_t i = 0; i < run.state.founders.size(); ++i) {
      EXPECT_EQ(run.state.founders.stage[i], rate > 0 ? Stage::idea : Stage::latent);
      if (rate > 0) {
        EXPECT_EQ(run.state.founders.idea_month[i], 2);
      }
    }
    EXPECT_EQ(run.state.flows.founders.new_ideas, rate > 0 ? 20u : 0u);
  }
}

TEST(PhaseFounders, SupportedIdeaBecomesAMicroProjectAtRateOne) {
  ModelParameters p = testing::test_parameters(20);
  p.founders.co_creation_rate = 0.0;
  p.founders.supported_co_creation_rate = 1.0;
  SmallRun run(p);
  run.set_all(Stage::idea);
  run.support(0, run.advocate(run.state.founders.region[0], AdvocateKind::ngo));
  run.open(1);
  founders_act(run.model, run.state);
  EXPECT_EQ(run.state.founders.stage[0], Stage::micro_project);
  EXPECT_NE(run.state.founders.stage[1], Stage::micro_project);  // no co-creators, no advocate
  EXPECT_EQ(run.state.flows.founders.new_micro_projects, 1u);
}

TEST(PhaseFounders, SupportedMicroProjectWithoutMoneyAppliesToTheSimplestOpenCall) {
  ModelParameters p = testing::test_parameters(20);
  p.levers.seed_funding.enabled = true;
  p.levers.seed_funding.complexity = 0.0;  // no effort: applies with chance = motivation
  p.founders.motivation_reversion = 0.0;   // motivation stays at what is set below
  SmallRun run(p);
  run.set_all(Stage::micro_project);
  Founders& f = run.state.founders;
  f.group[0] = Group::migrants;
  f.motivation[0] = 1.0f;
  run.support(0, run.advocate(f.region[0], AdvocateKind::ngo));
  f.motivation[1] = 0.0f;  // not motivated: never applies
  run.open(1);
  founders_act(run.model, run.state);
  EXPECT_EQ(application_of(f.funding[0]), static_cast<int>(index(FunderKind::seed_fund)));
  EXPECT_EQ(application_of(f.funding[1]), -1);
}

TEST(PhaseExchange, EventTiesOneParticipantPerRegionAcrossRegions) {
  ModelParameters p = testing::test_parameters(40);
  auto& exchange = p.levers.knowledge_exchange;
  exchange.enabled = true;
  exchange.participants_per_region = 1;
  exchange.tie_probability = 1.0;
  exchange.distance_scale_km = 1e9;  // distance plays no part
  exchange.diffusion_rate = 0.0;
  SmallRun run(p);
  run.set_all(Stage::idea);
  run.open(0);
  ASSERT_TRUE(run.state.context.exchange_event);
  exchange_knowledge(run.model, run.state);
  // Four regions, one participant each: every cross-region pair ties (4 choose 2).
  EXPECT_EQ(run.state.ties.size(), 6u);
  EXPECT_EQ(run.state.cross_region_ties, 6.0);
  EXPECT_EQ(run.state.flows.founders.new_ties_by_kind[index(PartnerKind::founder)], 6u);
  for (const Tie& tie : run.state.ties) {
    EXPECT_NE(run.state.founders.region[tie.a], run.state.founders.region[tie.b]);
  }
  EXPECT_DOUBLE_EQ(run.state.flows.public_cost[index(Lever::knowledge_exchange)],
                   exchange.cost_per_event + 4 * exchange.cost_per_participant);
  run.open(1);  // no event between intervals
  EXPECT_FALSE(run.state.context.exchange_event);
}

TEST(PhaseExchange, SkillDiffusesAlongTiesToTheLowerEnd) {
  ModelParameters p = testing::test_parameters(20);
  p.levers.knowledge_exchange.diffusion_rate = 0.5;
  SmallRun run(p);
  run.set_all(Stage::idea);
  run.state.founders.business_skill[0] = 0.2f;
  run.state.founders.business_skill[1] = 0.8f;
  run.state.ties.push_back({0, 1});
  run.open(1);
  exchange_knowledge(run.model, run.state);
  EXPECT_FLOAT_EQ(run.state.founders.business_skill[0], 0.5f);
  EXPECT_FLOAT_EQ(run.state.founders.business_skill[1], 0.8f);
}

}  // namespace
}  // namespace kopa
