// Money is conserved to the cent, every month, for every funder: what it awarded is paid out,
// still owed, or returned / written off (docs/ODD.md 7.8, 7.9), and what it awards comes out of
// its pots, which fill by its calendar.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "engine/run.hpp"
#include "model/phase_support.hpp"
#include "model_fixture.hpp"

namespace kopa {
namespace {

std::vector<testing::NamedParameters> money_cases() {
  std::vector<testing::NamedParameters> all;
  ModelParameters every = testing::all_levers(6000, 72);
  every.levers.seed_funding.end_month = 40;  // the seed fund closes while its grants still run
  all.push_back({"all levers", every});
  // Loans to micro-projects (held until launch), lean pots that must carry over, one-month
  // grants, and failures that go dormant rather than close.
  ModelParameters edges = every;
  auto& loan = edges.funders[index(FunderKind::bank_loan)];
  loan.micro_projects_eligible = true;
  loan.budget_per_year = 60000;
  edges.funders[index(FunderKind::municipal_grant)].grant_months = 1;
  edges.funders[index(FunderKind::impact_investor)].budget_per_year = 60000;
  edges.startups.closure_share = 0.0;
  edges.startups.sustained_failure_rate = 0.05;
  all.push_back({"edges", edges});
  return all;
}

// A funder's pot after this month's calendar, from last month's pot (the rule of docs/ODD.md
// 7.2, written out again here as the oracle).
Cents filled_pot(const FunderParameters& funder, bool open, int month, Cents last) {
  if (!open) return 0;
  const Cents year = to_cents(funder.budget_per_year);
  if (funder.calendar == static_cast<Integer>(Calendar::annual)) return year;
  const Cents m = month % 12;
  return std::min(year, last + year * (m + 1) / 12 - year * m / 12);
}

// Checks the month just run against the state before it (pots and books).
void check_month(const Model& model, const RunState& state, const RunSeries& series,
                 const std::vector<Cents>& last_pots,
                 const std::array<FunderBooks, funder_count>& last_books,
                 const std::string& where) {
  const int m = state.month - 1;
  const Founders& f = state.founders;
  std::array<Cents, funder_count> owed{};
  for (std::size_t i = 0; i < f.size(); ++i) {
    ASSERT_GE(f.award_balance[i], 0) << where << " founder " << i;
    if (f.award_balance[i] == 0) continue;
    const int k = award_funder_of(f.funding[i]);
    ASSERT_GE(k, 0) << where << " founder " << i << " holds money of no funder";
    owed[static_cast<std::size_t>(k)] += f.award_balance[i];
  }
  const std::size_t regions = model.region_count();
  for (std::size_t k = 0; k < funder_count; ++k) {
    const auto kind = static_cast<FunderKind>(k);
    const FunderParameters& funder = model.funder(kind);
    const FunderBooks& b = state.books[k];
    const std::string at = where + " " + std::string(funder_names[k]);
    if (funder.repayable) {
      EXPECT_EQ(b.awarded, b.disbursed) << at;
      EXPECT_EQ(b.disbursed, b.repaid + owed[k] + b.written_off) << at;
      EXPECT_EQ(b.returned, 0) << at;
    } else {
      EXPECT_EQ(b.awarded, b.disbursed + owed[k] + b.returned) << at;
      EXPECT_EQ(b.repaid + b.written_off, 0) << at;
    }
    // This month's awards came out of the pots, which filled by the calendar's rule.
    const Cents awarded = b.awarded - last_books[k].awarded;
    EXPECT_EQ(to_cents(series.at(Metric::money_awarded_by_funder, m, k)), awarded) << at;
    const bool local = funder.scope == static_cast<Integer>(Scope::local);
    Cents spent = 0;
    for (std::size_t r = 0; r < (local ? regions : 1); ++r) {
      const std::size_t p = pot_index(k, local, r, regions);
      const Cents pot = state.pots[p];
      EXPECT_GE(pot, 0) << at;
      spent += filled_pot(funder, state.context.call_open[k], m, last_pots[p]) - pot;
    }
    EXPECT_EQ(spent, awarded) << at;
  }
}

TEST(Money, ConservedToTheCentEveryMonthForEveryFunder) {
  FunderBooks total;
  for (const testing::NamedParameters& c : money_cases()) {
    const Model model(c.parameters);
    for (std::uint64_t seed : {1u, 2u}) {
      RunState state = initial_state(model, replicate_seed(seed, 0));
      RunSeries series(model.months(), model.labels());
      while (state.month < model.months()) {
        const std::vector<Cents> pots = state.pots;
        const auto books = state.books;
        step(model, state, series);
        check_month(
            model, state, series, pots, books,
            c.name + " seed " + std::to_string(seed) + " month " + std::to_string(state.month - 1));
        if (::testing::Test::HasFailure()) return;
      }
      for (const FunderBooks& b : state.books) total += b;
      // The impact investor's pot reaches its minimum award.
      EXPECT_GT(state.books[index(FunderKind::impact_investor)].awarded, 0) << c.name;
    }
  }
  // Not vacuous: every kind of movement happened.
  EXPECT_GT(total.disbursed, 0);
  EXPECT_GT(total.repaid, 0);
  EXPECT_GT(total.returned, 0);
  EXPECT_GT(total.written_off, 0);
}

}  // namespace
}  // namespace kopa
