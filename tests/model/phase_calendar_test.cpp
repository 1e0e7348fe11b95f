// open_calendar: levers switch on by their calendars, funders open calls, advocates' project
// funding ends, fixed lever costs are booked.
#include <gtest/gtest.h>

#include "phase_fixture.hpp"

namespace kopa {
namespace {

using testing::SmallRun;

TEST(PhaseCalendar, LeverActsExactlyFromStartToBeforeEnd) {
  ModelParameters p = testing::test_parameters(20);
  p.levers.seed_funding.enabled = true;
  p.levers.seed_funding.start_month = 5;
  p.levers.seed_funding.end_month = 8;
  SmallRun run(p);
  for (int m = 0; m < 14; ++m) {
    run.open(m);
    const bool on = m >= 5 && m < 8;
    EXPECT_EQ(run.state.context.lever_active[index(Lever::seed_funding)], on) << m;
    // The seed fund exists only while its lever acts; it is a rolling call.
    EXPECT_EQ(run.state.context.call_open[index(FunderKind::seed_fund)], on) << m;
    EXPECT_FALSE(run.state.context.lever_active[index(Lever::one_roof)]) << m;
  }
}

TEST(PhaseCalendar, DisabledLeverNeverActs) {
  ModelParameters p = testing::test_parameters(20);
  p.levers.one_roof.enabled = false;
  p.levers.one_roof.start_month = 0;
  SmallRun run(p);
  for (int m = 0; m < 24; ++m) {
    run.open(m);
    EXPECT_FALSE(run.state.context.lever_active[index(Lever::one_roof)]);
    EXPECT_EQ(run.state.flows.public_cost[index(Lever::one_roof)], 0.0);
  }
}

// An annual call holds its whole year's budget in its month (per region for a local funder) and
// nothing else; a rolling funder's pot gains a twelfth a month and, with nothing awarded, fills
// up to one year's budget and stays there.
TEST(PhaseCalendar, AnnualCallOpensOnlyInItsMonthAndRollingCallsEveryMonth) {
  ModelParameters p = testing::test_parameters(20);
  p.funders[index(FunderKind::leader)].call_month = 2;
  p.funders[index(FunderKind::bank_loan)].budget_per_year = 1000.07;  // twelfths in whole cents
  SmallRun run(p);
  const FunderParameters& leader = run.model.funder(FunderKind::leader);
  const FunderParameters& loan = run.model.funder(FunderKind::bank_loan);
  ASSERT_EQ(leader.calendar, static_cast<Integer>(Calendar::annual));
  ASSERT_EQ(loan.calendar, static_cast<Integer>(Calendar::rolling));
  const std::size_t regions = run.model.region_count();
  const auto& pots = run.state.pots;
  for (int m = 0; m < 36; ++m) {
    run.open(m);
    const auto& c = run.state.context;
    EXPECT_EQ(c.call_open[index(FunderKind::leader)], m % 12 == 2) << m;
    for (std::size_t r = 0; r < regions; ++r) {
      EXPECT_EQ(pots[pot_index(index(FunderKind::leader), true, r, regions)],
                m % 12 == 2 ? to_cents(leader.budget_per_year) : 0)
          << m;
    }
    EXPECT_TRUE(c.call_open[index(FunderKind::bank_loan)]) << m;
    const Cents loan_pot = pots[pot_index(index(FunderKind::bank_loan), false, 0, regions)];
    // 100,007 cents a year: 8,333 or 8,334 a month, the year's total exact by month 11.
    const Cents year = to_cents(loan.budget_per_year);
    EXPECT_EQ(loan_pot, m < 11 ? year * (m + 1) / 12 : year) << m;
  }
}

TEST(PhaseCalendar, ProjectFundingEndsAtItsMonthUnlessStableFunding) {
  ModelParameters p = testing::test_parameters(20);
  p.advocates[index(AdvocateKind::ngo)].project_end_month = 10;
  SmallRun baseline(p);
  const std::size_t ngo = baseline.advocate(0, AdvocateKind::ngo);
  const std::size_t leader = baseline.advocate(0, AdvocateKind::local_leader);
  baseline.open(9);
  EXPECT_TRUE(baseline.state.context.advocate_active[ngo]);
  baseline.open(10);
  EXPECT_FALSE(baseline.state.context.advocate_active[ngo]);
  EXPECT_TRUE(baseline.state.context.advocate_active[leader]);  // stable by default
  EXPECT_EQ(baseline.state.flows.public_cost[index(Lever::stable_funding)], 0.0);

  p.levers.stable_funding.enabled = true;
  SmallRun stable(p);
  stable.open(10);
  EXPECT_TRUE(stable.state.context.advocate_active[ngo]);
  // Every NGO advocate (one per region) kept past its end costs the stable-funding rate.
  EXPECT_DOUBLE_EQ(stable.state.flows.public_cost[index(Lever::stable_funding)],
                   4.0 * p.levers.stable_funding.cost_per_advocate_month);
}

TEST(PhaseCalendar, SimplificationLightensPublicFundersOnly) {
  ModelParameters p = testing::test_parameters(20);
  p.levers.simplification.enabled = true;
  SmallRun run(p);
  run.open(0);
  const auto& c = run.state.context;
  const double keep = 1.0 - p.levers.simplification.complexity_reduction;
  EXPECT_DOUBLE_EQ(c.complexity[index(FunderKind::leader)],
                   run.model.funder(FunderKind::leader).complexity * keep);
  EXPECT_DOUBLE_EQ(c.complexity[index(FunderKind::bank_loan)],
                   run.model.funder(FunderKind::bank_loan).complexity);
  EXPECT_DOUBLE_EQ(c.burden[index(FunderKind::national_grant)],
                   run.model.funder(FunderKind::national_grant).reporting_burden *
                       (1.0 - p.levers.simplification.burden_reduction));
  EXPECT_DOUBLE_EQ(run.state.flows.public_cost[index(Lever::simplification)],
                   p.levers.simplification.cost_per_month);
}

TEST(PhaseCalendar, OneRoofCostsPerRegionMonth) {
  ModelParameters p = testing::test_parameters(20);
  p.levers.one_roof.enabled = true;
  SmallRun run(p);
  run.open(3);
  EXPECT_DOUBLE_EQ(run.state.flows.public_cost[index(Lever::one_roof)],
                   4.0 * p.levers.one_roof.cost_per_region_month);
}

}  // namespace
}  // namespace kopa
