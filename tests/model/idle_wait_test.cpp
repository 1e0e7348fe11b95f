// Event scheduling of idle founders (model/idle_wait.hpp, docs/ODD.md section 3): the geometric
// draw, the re-draw when a lever changes a region's chances, and the statistical equivalence of
// whole runs with the month-by-month reference.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "ensemble.hpp"
#include "model/idle_wait.hpp"
#include "model/phases.hpp"
#include "model_fixture.hpp"
#include "stats/student_t.hpp"

namespace kopa {
namespace {

// On an even grid of u, the share of draws with K >= k is (1 - h)^k, the chance of k failures in
// a row, to within the grid's resolution; the draw is never below 0 and h = 0 never fires.
TEST(IdleWait, MonthsToEventIsGeometric) {
  constexpr int n = 200000;
  for (const double h : {0.3, 0.05, 6.55e-5}) {
    std::vector<int> at_least(40, 0);
    for (int j = 0; j < n; ++j) {
      const std::int64_t k = months_to_event(h, (j + 0.5) / n, 1000000000);
      ASSERT_GE(k, 0);
      for (std::size_t m = 0; m < at_least.size(); ++m)
        at_least[m] += k >= static_cast<std::int64_t>(m) ? 1 : 0;
    }
    for (std::size_t m = 0; m < at_least.size(); ++m) {
      EXPECT_NEAR(at_least[m] / static_cast<double>(n), std::pow(1.0 - h, m), 2.0 / n)
          << "h = " << h << ", k >= " << m;
    }
  }
  EXPECT_EQ(months_to_event(0.0, 0.999, 50), 50);
  EXPECT_EQ(months_to_event(1.0, 0.999, 50), 0);
  EXPECT_EQ(months_to_event(0.5, 0.999999, 5), 5);  // beyond the limit: the limit
}

// The ally lever starts at month 12 in one region: from that month the region's idle founders
// wait with the raised chance, drawn again from month 12; the other regions' waits are kept.
TEST(IdleWait, LeverStartRedrawsTheTargetedRegionsWaitsFromThatMonth) {
  ModelParameters p = testing::test_parameters(8000, 240);
  p.founders.ideation_rate = 0.01;  // waits of tens of months, so that most are still running
  p.levers.ally.enabled = true;
  p.levers.ally.atmosphere = 0.8;
  p.levers.ally.start_month = 12;
  p.levers.ally.end_month = 240;
  p.targeting[index(Lever::ally)].regions = {"town"};
  const Model model(p);
  RunState state = initial_state(model, replicate_seed(5, 0));
  RunSeries series(model.months(), model.labels());
  while (state.month < 12) step(model, state, series);
  const std::vector<std::int16_t> before = state.founders.idea_month;

  open_calendar(model, state);
  ASSERT_TRUE(state.context.lever_active[index(Lever::ally)]);
  schedule_idle_founders(model, state);
  const Founders& f = state.founders;
  std::size_t targeted = 0, moved = 0, kept = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (!waits_for_idea(f.stage[i])) continue;
    if (model.region(f.region[i]).name == "town") {
      ++targeted;
      EXPECT_EQ(f.idea_month[i], wake_month(model, state, i, 12)) << "founder " << i;
      moved += f.idea_month[i] != before[i] ? 1 : 0;
    } else {
      kept += f.idea_month[i] == before[i] ? 1 : 0;
      EXPECT_EQ(f.idea_month[i], before[i]) << "founder " << i;
    }
  }
  EXPECT_GT(targeted, 1000u);
  EXPECT_GT(moved, targeted / 2);  // not a trivial equality: most waits changed
  EXPECT_GT(kept, 3000u);
  // Waits start no earlier than the month they are drawn in.
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (waits_for_idea(f.stage[i])) {
      EXPECT_GE(f.idea_month[i], 12) << "founder " << i;
    }
  }
}

// Statistical equivalence with the month-by-month reference (Scheduling::monthly, the model as
// written): each scenario runs `replicates` replicates under each scheduling, from different base
// seeds so that the two ensembles are independent, and every compared measure's means must agree
// by Welch's t. With Bonferroni over all K comparisons at family-wise alpha 0.01, each is tested
// at 0.01 / K two-sided: a correct engine fails the whole test with probability at most 1 %.
// The measures: the headline metrics (as `kopa compare` reads them), new ideas over the run and
// over its first six months, returns' source (dormancies), and the idle stocks at the end.
// Shown to fail: waits one month too long (months_to_event returning K + 1), a rate 10 % too
// high, and no re-draw when a lever starts (docs/performance.md gives the t values).
constexpr int replicates = 16;
constexpr double family_alpha = 0.01;

std::vector<testing::NamedParameters> cases() {
  std::vector<testing::NamedParameters> all;
  all.push_back({"baseline", testing::test_parameters(10000, 60)});
  all.push_back({"combined", testing::all_levers(10000, 60)});
  // A lever that changes the idle founders' chances mid-run, in two of four regions.
  ModelParameters ally = testing::test_parameters(10000, 60);
  ally.levers.ally.enabled = true;
  ally.levers.ally.atmosphere = 0.8;
  ally.levers.ally.start_month = 18;
  ally.levers.ally.end_month = 42;
  ally.targeting[index(Lever::ally)].regions = {"town", "coast"};
  all.push_back({"ally months 18-41", ally});
  // Idle founders' chances raised 150-fold (ideas) and 5-fold (returns), so that a slip in the
  // draw shows in a small ensemble; the ally again starts and ends mid-run.
  ModelParameters fast = ally;
  fast.simulation.months = 24;
  fast.founders.ideation_rate = 0.01;
  fast.founders.dormant_return_rate = 0.05;
  fast.founders.idea_abandon_rate = 0.2;
  fast.levers.ally.start_month = 6;
  fast.levers.ally.end_month = 16;
  all.push_back({"fast idle", fast});
  // The same with agents of 12 people: latent pools whose wait is for the first of their people's
  // ideas and whose month of ideas draws how many (model/pools.hpp).
  ModelParameters pools = testing::test_parameters(2000, 24, 12);
  pools.founders = fast.founders;
  pools.levers = fast.levers;
  pools.targeting = fast.targeting;
  all.push_back({"fast idle, pools", pools});
  return all;
}

struct Measure {
  std::string name;
  std::function<double(const RunSeries&)> value;
};

std::vector<Measure> measures() {
  std::vector<Measure> all;
  for (const std::string_view name : analysis::headline_metrics()) {
    all.push_back({std::string(name),
                   [name](const RunSeries& s) { return testing::headline_value(name, s); }});
  }
  all.push_back(
      {"new_ideas", [](const RunSeries& s) { return testing::sum_over(s, Metric::new_ideas); }});
  all.push_back({"new_ideas months 0-5",
                 [](const RunSeries& s) { return testing::sum_over(s, Metric::new_ideas, 0, 6); }});
  all.push_back(
      {"dormancies", [](const RunSeries& s) { return testing::sum_over(s, Metric::dormancies); }});
  all.push_back({"founders_latent at end",
                 [](const RunSeries& s) { return testing::at_end(s, Metric::founders_latent); }});
  all.push_back({"founders_dormant at end",
                 [](const RunSeries& s) { return testing::at_end(s, Metric::founders_dormant); }});
  return all;
}

TEST(IdleWait, EnsembleMeansAgreeWithMonthByMonthScheduling) {
  const auto all_cases = cases();
  const auto all_measures = measures();
  const double comparisons = static_cast<double>(all_cases.size() * all_measures.size());
  const double per_test = family_alpha / comparisons;
  std::size_t failures = 0;
  for (const testing::NamedParameters& c : all_cases) {
    const Model model(c.parameters);
    const auto events = testing::run_ensemble(model, 101, replicates, Scheduling::events);
    const auto monthly = testing::run_ensemble(model, 202, replicates, Scheduling::monthly);
    for (const Measure& m : all_measures) {
      const auto a = testing::estimate(testing::per_replicate(events, m.value));
      const auto b = testing::estimate(testing::per_replicate(monthly, m.value));
      const testing::Welch w = testing::welch(a, b);
      const double critical = stats::student_t_quantile(1.0 - per_test / 2.0, w.df);
      const bool agree = std::fabs(w.t) <= critical;
      failures += agree ? 0 : 1;
      std::printf(
          "[idle] %-18s %-26s events %12.6g +- %-10.4g monthly %12.6g +- %-10.4g t=%+.2f%s\n",
          c.name.c_str(), m.name.c_str(), a.mean, a.se, b.mean, b.se, w.t,
          agree ? "" : "  DIFFERS");
    }
  }
  std::printf("[idle] %.0f comparisons, each at alpha %.3g two-sided\n", comparisons, per_test);
  std::fflush(stdout);
  EXPECT_EQ(failures, 0u) << "of " << comparisons << " comparisons (Bonferroni at family alpha "
                          << family_alpha << ")";
}

}  // namespace
}  // namespace kopa
