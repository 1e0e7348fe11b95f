// Cash flows of operate_initiatives, month by month, for one initiative whose income is known
// exactly (no revenue noise): income, costs, a grant's payouts and reporting, a loan's
// repayment (docs/ODD.md 7.9).
#include <gtest/gtest.h>

#include <vector>

#include "model/phase_support.hpp"
#include "phase_fixture.hpp"

namespace kopa {
namespace {

using testing::full_income;
using testing::SmallRun;

// Founder 0 operates as a sustained enterprise (full income, no ramp) with two jobs and cash
// enough never to run out; it neither hires nor fails nor exits.
struct OneInitiative {
  SmallRun run;
  Founders& f;

  explicit OneInitiative(ModelParameters p)
      : run([&] {
          p.startups.revenue_noise = 0.0;
          p.startups.sustained_failure_rate = 0.0;
          p.startups.hire_margin = 100.0;  // never hires
          return p;
        }()),
        f(run.state.founders) {
    run.set_all(Stage::latent, 0.5f);
    f.stage[0] = Stage::sustained;
    f.months_in_stage[0] = 30;
    f.jobs[0] = 2;
    f.cash[0] = 1e5f;
    f.revenue[0] = 0.0f;
  }

  const StartupParameters& startups() const { return run.model.parameters().startups; }
  double reporting_cost(FunderKind kind) const {
    return run.state.context.burden[index(kind)] * (1.0 - f.admin_capacity[0]) *
           startups().reporting_cost;
  }
  double fixed_costs() const { return startups().enterprise_fixed_cost + 2 * startups().wage; }

  // One month of operate_initiatives in month m: what cash and the funder's books moved by.
  struct Month {
    double cash;
    FunderBooks books;
  };
  Month operate(int m, FunderKind kind) {
    const float cash = f.cash[0];
    const FunderBooks books = run.state.books[index(kind)];
    run.open(m);
    operate_initiatives(run.model, run.state);
    const FunderBooks& now = run.state.books[index(kind)];
    return {static_cast<double>(f.cash[0]) - cash,
            {0, now.disbursed - books.disbursed, now.repaid - books.repaid,
             now.returned - books.returned, now.written_off - books.written_off}};
  }
};

// Cash moves by income minus costs, and the smoothed income follows 0.7 * last + 0.3 * this.
TEST(CashFlow, CashMovesByIncomeMinusCostsAndIncomeIsSmoothed) {
  OneInitiative one(testing::test_parameters(20));
  const double income = full_income(one.run.model, one.f, 0);
  double smoothed = 0.0;
  for (int m = 5; m < 8; ++m) {
    const auto month = one.operate(m, FunderKind::leader);
    EXPECT_NEAR(month.cash, income - one.fixed_costs(), 0.02) << m;
    smoothed = 0.7 * smoothed + 0.3 * income;
    EXPECT_NEAR(one.f.revenue[0], smoothed, 1e-3) << m;
  }
}

// A grant awarded in month 10 over 12 months is paid out in months 10-21, in instalments that
// differ by at most a cent and add up to the award exactly; reporting costs are charged in
// those months and not in the end month 22.
TEST(CashFlow, GrantIsPaidOverExactlyItsMonthsAndReportedUntilItsEndMonth) {
  OneInitiative one(testing::test_parameters(20));
  const auto kind = FunderKind::leader;
  const Cents award = 1000001;  // EUR 10,000.01: twelve instalments cannot all be equal
  one.f.award_balance[0] = static_cast<std::int32_t>(award);
  one.f.funding[0] = with_award_funder(0, static_cast<int>(index(kind)));
  one.f.award_end_month[0] = 22;
  const double income = full_income(one.run.model, one.f, 0);
  Cents paid = 0;
  std::vector<Cents> instalments;
  for (int m = 10; m < 25; ++m) {
    const auto month = one.operate(m, kind);
    const bool running = m < 22;
    EXPECT_EQ(month.books.disbursed > 0, running) << m;
    if (running) instalments.push_back(month.books.disbursed);
    paid += month.books.disbursed;
    const double reporting = running ? one.reporting_cost(kind) : 0.0;
    ASSERT_GT(one.reporting_cost(kind), 1.0);  // so that charging it is visible
    EXPECT_NEAR(month.cash, income + to_eur(month.books.disbursed) - one.fixed_costs() - reporting,
                0.02)
        << m;
  }
  EXPECT_EQ(paid, award);
  ASSERT_EQ(instalments.size(), 12u);
  for (Cents c : instalments) EXPECT_LE(std::abs(c - award / 12), 1);
  EXPECT_EQ(one.f.award_balance[0], 0);
  EXPECT_EQ(one.run.state.books[index(kind)].returned, 0);
}

// A loan from the bank is paid into cash at its award and repaid over grant_months months in
// equal instalments (the last takes the rest), each charged as a cost; no reporting.
TEST(CashFlow, LoanIsPaidInAtAwardAndRepaidOverItsMonths) {
  ModelParameters p = testing::test_parameters(20);
  auto& bank = p.funders[index(FunderKind::bank_loan)];
  bank.grant_months = 6;
  bank.grant_min = 1000.05;  // EUR 1,000.05: six instalments cannot all be equal
  bank.grant_max = 1000.05;
  testing::open_to_anyone(bank);
  OneInitiative one(p);
  const auto kind = FunderKind::bank_loan;
  one.f.stage[0] = Stage::startup;  // sustained initiatives no longer borrow
  one.f.months_in_stage[0] = 30;    // past the ramp
  one.f.funding[0] = with_application(0, static_cast<int>(index(kind)));
  const float cash = one.f.cash[0];
  one.run.open(3);
  award_calls(one.run.model, one.run.state);
  const Cents loan = to_cents(1000.05);
  ASSERT_EQ(one.f.award_balance[0], loan);
  EXPECT_NEAR(one.f.cash[0] - cash, 1000.05, 0.01);
  const double income = full_income(one.run.model, one.f, 0);
  Cents repaid = 0;
  for (int m = 3; m < 12; ++m) {
    const auto month = one.operate(m, kind);
    const bool running = m < 3 + 6;
    EXPECT_EQ(month.books.repaid > 0, running) << m;
    if (running) {
      EXPECT_LE(std::abs(month.books.repaid - loan / 6), 1) << m;
    }
    repaid += month.books.repaid;
    EXPECT_EQ(month.books.disbursed, 0) << m;
    EXPECT_NEAR(month.cash, income - one.fixed_costs() - to_eur(month.books.repaid), 0.02) << m;
  }
  EXPECT_EQ(repaid, loan);
  EXPECT_EQ(one.f.award_balance[0], 0);
}

// A micro-project granted exactly what its launch lacks can launch, whatever fraction of a cent
// its cash holds: the gap, the request and the launch test are all counted in cents.
TEST(CashFlow, GrantOfExactlyTheLaunchGapLaunches) {
  ModelParameters p = testing::test_parameters(40);
  auto& municipal = p.funders[index(FunderKind::municipal_grant)];
  municipal.budget_per_year = 1e6;
  municipal.grant_min = 100;
  municipal.grant_max = 100000;  // above any launch gap: every request is exactly the gap
  testing::open_to_anyone(municipal);
  p.startups.launch_rate = 1.0;  // at skill 0.5: certain
  SmallRun run(p);
  run.set_all(Stage::micro_project, 0.5f);
  Founders& f = run.state.founders;
  for (std::size_t i = 0; i < f.size(); ++i) {
    f.months_in_stage[i] = 10;
    f.cash[i] = static_cast<float>(3000.0 + 1.2345678 * static_cast<double>(i));
    f.funding[i] = with_application(0, static_cast<int>(index(FunderKind::municipal_grant)));
  }
  const int month = static_cast<int>(municipal.call_month);
  run.open(month);
  award_calls(run.model, run.state);
  ASSERT_EQ(run.state.flows.awards[index(FunderKind::municipal_grant)], f.size());
  operate_initiatives(run.model, run.state);
  for (std::size_t i = 0; i < f.size(); ++i) {
    EXPECT_EQ(f.stage[i], Stage::startup) << i << ": cash " << f.cash[i];
  }
}

// An initiative that exits returns the grant money not yet paid to its funder, and a loan not
// yet repaid is written off.
TEST(CashFlow, ExitReturnsTheGrantAndWritesOffTheLoan) {
  for (const auto kind : {FunderKind::leader, FunderKind::bank_loan}) {
    OneInitiative one(testing::test_parameters(20));
    one.f.award_balance[0] = 120000;
    one.f.funding[0] = with_award_funder(0, static_cast<int>(index(kind)));
    one.f.award_end_month[0] = 20;
    one.f.cash[0] = -1e6f;  // exhausted
    const auto month = one.operate(10, kind);
    ASSERT_FALSE(is_operating(one.f.stage[0]));
    const Cents left = 120000 - (month.books.disbursed + month.books.repaid);
    EXPECT_EQ(left, 120000 - 120000 / 10);  // this month's instalment came first
    EXPECT_EQ(month.books.returned, kind == FunderKind::leader ? left : 0);
    EXPECT_EQ(month.books.written_off, kind == FunderKind::bank_loan ? left : 0);
    EXPECT_EQ(one.f.award_balance[0], 0);
    EXPECT_EQ(award_funder_of(one.f.funding[0]), -1);
  }
}

}  // namespace
}  // namespace kopa
