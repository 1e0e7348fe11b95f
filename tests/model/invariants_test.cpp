// Invariants checked every month of randomized runs: several seeds, several lever mixes,
// stepped month by month so the run state can be inspected between months.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "engine/run.hpp"
#include "model_fixture.hpp"

namespace kopa {
namespace {

std::vector<testing::NamedParameters> invariant_cases() {
  std::vector<testing::NamedParameters> all;
  all.push_back({"baseline", testing::test_parameters(6000, 72)});
  ModelParameters every = testing::all_levers(6000, 72);
  all.push_back({"all levers", every});
  // Levers that switch on and off mid-run, and a one-roof platform that closes while its
  // enlarged caseloads are still full.
  ModelParameters windows = every;
  for (std::size_t l = 0; l < lever_count; ++l) {
    auto& calendar = windows.levers.calendar(static_cast<Lever>(l));
    calendar.start_month = 6 + static_cast<Integer>(l);
    calendar.end_month = 40 + static_cast<Integer>(l);
  }
  all.push_back({"lever windows", windows});
  // Small caseloads and eager outreach, so that capacity binds.
  ModelParameters tight = windows;
  for (auto& advocate : tight.advocates) {
    advocate.capacity = 2;
    advocate.outreach = 0.5;
  }
  tight.advocates[index(AdvocateKind::accelerator_team)].per_region = 1;
  all.push_back({"tight caseloads", tight});
  return all;
}

double stage_total(const RunSeries& s, int m) {
  double total = 0.0;
  for (Metric metric :
       {Metric::founders_latent, Metric::founders_idea, Metric::founders_micro_project,
        Metric::founders_startup, Metric::founders_sustained, Metric::founders_lasting_platform,
        Metric::founders_lasting_civic, Metric::founders_lasting_ngo, Metric::founders_dormant,
        Metric::founders_closed}) {
    total += s.at(metric, m);
  }
  return total;
}

// Founders' fields, one by one; stops at the first bad founder.
void check_founders(const Model& model, const RunState& state, const std::string& where) {
  const auto& p = model.parameters();
  const Founders& f = state.founders;
  for (std::size_t i = 0; i < f.size(); ++i) {
    for (float x : {f.business_skill[i], f.admin_capacity[i], f.motivation[i], f.social_capital[i],
                    f.awareness[i], f.idea_quality[i], f.need_fit[i]}) {
      ASSERT_TRUE(x >= 0.0f && x <= 1.0f) << where << " founder " << i << " = " << x;
    }
    for (float x : {f.cash[i], f.revenue[i]}) {
      ASSERT_TRUE(std::isfinite(x)) << where << " founder " << i;
    }
    // A balance belongs to a recorded funder (money_test.cpp checks the books to the cent).
    ASSERT_GE(f.award_balance[i], 0) << where << " founder " << i;
    if (f.award_balance[i] > 0) {
      ASSERT_GE(award_funder_of(f.funding[i]), 0) << where << " founder " << i;
    }
    if (f.stage[i] == Stage::startup || f.stage[i] == Stage::sustained) {
      // An operating initiative more than a month of fixed costs in debt exits that month.
      const double overdraft = f.form[i] == Form::enterprise ? p.startups.enterprise_fixed_cost
                                                             : p.startups.other_fixed_cost;
      ASSERT_GE(f.cash[i], -overdraft) << where << " founder " << i;
    }
  }
}

// Returns how many advocates are at their (unraised) capacity, so the caller can see that the
// caseload bound was put to the test.
int check_month(const Model& model, const RunState& state, const RunSeries& s,
                const std::string& where) {
  const int m = state.month;
  const double population = static_cast<double>(state.founders.size());
  EXPECT_EQ(stage_total(s, m), population) << where;

  for (std::size_t metric = 0; metric < metric_count; ++metric) {
    for (std::size_t k = 0; k < s.width(static_cast<Metric>(metric)); ++k) {
      const double v = s.at(static_cast<Metric>(metric), m, k);
      EXPECT_TRUE(std::isfinite(v) && v >= 0.0)
          << where << " metric " << metric_catalog()[metric].name << "[" << k << "] = " << v;
    }
  }

  for (std::size_t k = 0; k < funder_count; ++k) {
    EXPECT_LE(s.at(Metric::awards_by_funder, m, k), s.at(Metric::applications_by_funder, m, k))
        << where << " funder " << funder_names[k];
  }

  // Caseloads: never above capacity (raised by one-roof while it runs, or ran in an earlier
  // month: founders taken on then are kept), equal to the founders who name the advocate, and
  // empty for advocates whose funding has ended.
  const auto& p = model.parameters();
  const double gain = p.levers.one_roof.enabled ? 1.0 + p.levers.one_roof.capacity_gain : 1.0;
  int full = 0;
  std::vector<std::int32_t> counted(model.advocates().size(), 0);
  for (std::size_t i = 0; i < state.founders.size(); ++i) {
    const AdvocateIndex a = state.founders.advocate[i];
    if (a != no_advocate) ++counted[static_cast<std::size_t>(a)];
  }
  for (std::size_t a = 0; a < model.advocates().size(); ++a) {
    const auto capacity =
        static_cast<double>(model.advocate_kind(model.advocates()[a].kind).capacity);
    EXPECT_GE(state.caseload[a], 0) << where;
    EXPECT_LE(state.caseload[a], std::floor(capacity * gain)) << where << " advocate " << a;
    EXPECT_EQ(state.caseload[a], counted[a]) << where << " advocate " << a;
    if (state.caseload[a] >= capacity) ++full;
    if (!state.context.advocate_active[a]) {
      EXPECT_EQ(state.caseload[a], 0) << where;
    }
  }

  check_founders(model, state, where);
  return full;
}

TEST(Invariants, HoldEveryMonthOfRandomizedRuns) {
  int full_advocate_months = 0;
  for (const testing::NamedParameters& c : invariant_cases()) {
    const Model model(c.parameters);
    double operating = 0.0;
    for (std::uint64_t seed : {1u, 2u, 3u}) {
      RunState state = initial_state(model, replicate_seed(seed, 0));
      RunSeries series(model.months(), model.labels());
      double awarded = 0.0;
      while (state.month < model.months()) {
        step(model, state, series);
        --state.month;  // inspect the month just recorded
        full_advocate_months += check_month(
            model, state, series,
            c.name + " seed " + std::to_string(seed) + " month " + std::to_string(state.month));
        awarded += series.at(Metric::money_awarded, state.month);
        ++state.month;
        if (::testing::Test::HasFailure()) return;
      }
      // The runs are not vacuous: money was awarded and initiatives operate (over the three
      // seeds: at 6,000 founders the baseline ends with about 3.6 start-ups and sustained
      // enterprises a run, so one run in about 30 ends with none).
      EXPECT_GT(awarded, 0.0) << c.name;
      operating += series.at(Metric::founders_startup, model.months() - 1) +
                   series.at(Metric::founders_sustained, model.months() - 1);
    }
    EXPECT_GT(operating, 0.0) << c.name;
  }
  // Caseloads did reach capacity, so the bound above was put to the test.
  EXPECT_GT(full_advocate_months, 0);
}

}  // namespace
}  // namespace kopa
