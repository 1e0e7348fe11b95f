// The chart specifications hold exactly the statistics they draw: every row of a chart's inline
// data is checked against the Comparison, SeriesComparison or SweepSummary it came from.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "comparison_fixture.hpp"
#include "report/charts.hpp"

namespace kopa::report {
namespace {

using analysis::testing::full_scenario;

// baseline, seed_funding, one_roof: 6 replicates over 8 months; each scenario adds its own
// replicate-dependent effect, so the differences and their intervals all differ.
analysis::ComparisonInput small_input() {
  analysis::ComparisonInput input;
  const std::vector<std::string> names{"baseline", "seed_funding", "one_roof"};
  for (std::size_t s = 0; s < names.size(); ++s) {
    input.scenarios.push_back(
        full_scenario(names[s], 6, 8, [s](std::size_t metric, std::size_t r, std::size_t t) {
          const double shared = 10.0 * static_cast<double>(metric + 1) + static_cast<double>(t) +
                                std::sin(static_cast<double>(r * 3 + metric));
          const double effect =
              static_cast<double>(s) * (1.0 + 0.25 * static_cast<double>((r * (s + 2)) % 5));
          return metric == 6 ? 100.0 * shared + 50.0 * effect : shared + effect;
        }));
  }
  return input;
}

const std::vector<Json>& rows_of(const Chart& chart) {
  const Json* data = chart.spec.find("data");
  EXPECT_NE(data, nullptr);
  return data->find("values")->items();
}

std::string text(const Json& row, const char* key) {
  return row.find(key)->text();
}
double number(const Json& row, const char* key) {
  return row.find(key)->number();
}

// Chart data are rounded to 6 significant digits.
void expect_shown(double shown, double exact) {
  EXPECT_NEAR(shown, exact, 1e-5 * std::max(1.0, std::fabs(exact)));
}

TEST(ReportCharts, FanChartsSetEachScenarioBesideTheBaselineMonthByMonth) {
  const auto series = analysis::series(small_input());
  ASSERT_TRUE(series);
  const std::vector<Chart> charts = fan_charts(*series, "baseline");
  ASSERT_EQ(charts.size(), series->metrics.size());
  for (std::size_t m = 0; m < charts.size(); ++m) {
    EXPECT_EQ(charts[m].id, "fan-" + series->metrics[m].name);
    const auto& rows = rows_of(charts[m]);
    // Two panels (seed_funding, one_roof), each with the baseline and its scenario, 8 months.
    ASSERT_EQ(rows.size(), 2u * 2u * 8u);
    std::set<std::pair<std::string, std::string>> seen;
    for (const Json& row : rows) {
      const std::string panel = text(row, "panel"), scenario = text(row, "scenario");
      EXPECT_TRUE(scenario == "baseline" || scenario == panel) << panel << " " << scenario;
      seen.insert({panel, scenario});
      const auto s =
          static_cast<std::size_t>(std::find_if(series->scenarios.begin(), series->scenarios.end(),
                                                [&](const auto& x) { return x.name == scenario; }) -
                                   series->scenarios.begin());
      const auto month = static_cast<std::size_t>(number(row, "month"));
      const analysis::SeriesBand& band = series->scenarios[s].metrics[m];
      expect_shown(number(row, "median"), band.median[month]);
      expect_shown(number(row, "p05"), band.p05[month]);
      expect_shown(number(row, "p95"), band.p95[month]);
    }
    EXPECT_EQ(seen.size(), 4u);
  }
}

TEST(ReportCharts, AFileWithOnlyTheBaselineGetsOnePanelOfIt) {
  analysis::ComparisonInput input = small_input();
  input.scenarios.resize(1);
  const auto series = analysis::series(input);
  ASSERT_TRUE(series);
  const auto charts = fan_charts(*series, "baseline");
  const auto& rows = rows_of(charts.front());
  ASSERT_EQ(rows.size(), 8u);
  for (const Json& row : rows) EXPECT_EQ(text(row, "panel"), "baseline");
}

TEST(ReportCharts, DifferenceChartHoldsThePairedDifferencesAndTheirIntervals) {
  const auto comparison = analysis::compare(small_input());
  ASSERT_TRUE(comparison);
  const auto chart = difference_chart(*comparison);
  ASSERT_TRUE(chart.has_value());
  const auto& rows = rows_of(*chart);
  ASSERT_EQ(rows.size(), comparison->metrics.size() * 2);  // every metric, both scenarios
  for (const Json& row : rows) {
    const auto metric = static_cast<std::size_t>(
        std::find_if(comparison->metrics.begin(), comparison->metrics.end(),
                     [&](const auto& m) { return m.name == text(row, "metric"); }) -
        comparison->metrics.begin());
    const auto scenario =
        std::find_if(comparison->scenarios.begin(), comparison->scenarios.end(),
                     [&](const auto& s) { return s.name == text(row, "scenario"); });
    ASSERT_NE(scenario, comparison->scenarios.end());
    const stats::PairedDifference& d = scenario->metrics[metric].difference->value();
    expect_shown(number(row, "mean"), d.mean);
    expect_shown(number(row, "ci_low"), d.ci_low);
    expect_shown(number(row, "ci_high"), d.ci_high);
    EXPECT_LT(number(row, "ci_low"), number(row, "ci_high"));
    EXPECT_EQ(number(row, "n"), 6.0);
  }
}

TEST(ReportCharts, DifferenceChartLeavesOutAScenarioWithTooFewPairs) {
  analysis::ComparisonInput input = small_input();
  for (auto& metric : input.scenarios[2].metrics) metric.values.resize(1);  // one replicate
  const auto comparison = analysis::compare(input);
  ASSERT_TRUE(comparison);
  const auto chart = difference_chart(*comparison);
  ASSERT_TRUE(chart.has_value());
  ASSERT_EQ(rows_of(*chart).size(), comparison->metrics.size());
  for (const Json& row : rows_of(*chart)) EXPECT_EQ(text(row, "scenario"), "seed_funding");
  for (auto& metric : input.scenarios[1].metrics) metric.values.resize(1);
  const auto none = analysis::compare(input);
  ASSERT_TRUE(none);
  EXPECT_FALSE(difference_chart(*none).has_value());
}

TEST(ReportCharts, CostChartsHoldTheRatiosAndEveryPairedReplicate) {
  const auto comparison = analysis::compare(small_input());
  ASSERT_TRUE(comparison);
  const auto ratio = cost_ratio_chart(*comparison);
  ASSERT_TRUE(ratio.has_value());
  std::size_t defined = 0;
  for (const auto& scenario : comparison->scenarios) {
    for (const auto& cost : scenario.cost) defined += cost.ratio.has_value();
  }
  ASSERT_GT(defined, 0u);
  EXPECT_EQ(rows_of(*ratio).size(), defined);
  for (const Json& row : rows_of(*ratio)) {
    EXPECT_LE(number(row, "ci_low"), number(row, "estimate"));
    EXPECT_GE(number(row, "ci_high"), number(row, "estimate"));
  }

  const auto plane = cost_plane_chart(*comparison);
  ASSERT_TRUE(plane.has_value());
  const auto& rows = rows_of(*plane);
  ASSERT_EQ(rows.size(), 2u * 2u * 6u);  // two outcomes, two scenarios, six replicates
  const auto index = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find_if(comparison->metrics.begin(),
                                                 comparison->metrics.end(),
                                                 [&](const auto& m) { return m.name == name; }) -
                                    comparison->metrics.begin());
  };
  for (const Json& row : rows) {
    const auto& scenario =
        *std::find_if(comparison->scenarios.begin(), comparison->scenarios.end(),
                      [&](const auto& s) { return s.name == text(row, "scenario"); });
    const auto& baseline = comparison->scenarios.front();
    const auto r = static_cast<std::size_t>(number(row, "replicate"));
    const std::size_t cost = index("public_cost"), outcome = index(text(row, "outcome"));
    expect_shown(number(row, "cost_difference"),
                 scenario.metrics[cost].values[r] - baseline.metrics[cost].values[r]);
    expect_shown(number(row, "outcome_difference"),
                 scenario.metrics[outcome].values[r] - baseline.metrics[outcome].values[r]);
  }
}

TEST(ReportCharts, NoDifferenceOrCostChartWithoutAnotherScenario) {
  analysis::ComparisonInput input = small_input();
  input.scenarios.resize(1);
  const auto alone = analysis::compare(input);
  ASSERT_TRUE(alone);
  EXPECT_FALSE(cost_ratio_chart(*alone).has_value());
  EXPECT_FALSE(cost_plane_chart(*alone).has_value());
  EXPECT_FALSE(difference_chart(*alone).has_value());
}

TEST(ReportCharts, BreakdownChartHasAPanelPerLabelAndARowPerCell) {
  BreakdownSummary breakdown{"founders_sustained_by_region",
                             "region",
                             "founders",
                             "self-sufficient social enterprises by region",
                             false,
                             "stock at month 7",
                             {}};
  for (const char* scenario : {"baseline", "seed_funding"}) {
    for (const char* label : {"north", "Łódź"}) {
      breakdown.cells.push_back({scenario, label, stats::describe(std::vector<double>{1, 2, 4})});
    }
  }
  const Chart chart = breakdown_chart(breakdown, {"baseline", "seed_funding"}, "baseline");
  EXPECT_EQ(chart.id, "breakdown-founders_sustained_by_region");
  const auto& rows = rows_of(chart);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(text(rows[1], "label"), "Łódź");
  EXPECT_EQ(number(rows[1], "median"), 2.0);
  EXPECT_EQ(number(rows[1], "n"), 3.0);
  EXPECT_EQ(chart.spec.find("facet")->find("sort")->items().size(), 2u);
}

TEST(ReportCharts, SweepChartHasAPanelPerFactorAndLeavesOutPointsWithoutRuns) {
  analysis::SweepSummary summary;
  summary.metric = "founders_sustained";
  summary.month = 11;
  summary.factor_paths = {"levers.seed_funding.budget_per_year", "levers.seed_funding.grant_max"};
  for (std::size_t p = 0; p < 4; ++p) {
    const double budget = 1e5 * static_cast<double>(p + 1);
    summary.points.push_back({p,
                              {budget, 5000.0},
                              p == 3 ? 0u : 2u,
                              p == 3 ? std::nan("") : static_cast<double>(p),
                              0,
                              1});
  }
  const Chart chart = sweep_factor_chart(summary,
                                         {{"levers.seed_funding.budget_per_year", "EUR/year", true},
                                          {"levers.seed_funding.grant_max", "EUR", false}},
                                         "founders");
  EXPECT_EQ(chart.id, "sweep-founders_sustained");
  const auto& panels = chart.spec.find("concat")->items();
  ASSERT_EQ(panels.size(), 2u);
  const Json& x = *panels[0].find("layer")->items()[0].find("encoding")->find("x");
  EXPECT_EQ(x.find("scale")->find("type")->text(), "log");
  EXPECT_EQ(x.find("title")->text(), "levers.seed_funding.budget_per_year [EUR/year]");
  std::size_t points = 0, trend = 0;
  for (const Json& row : rows_of(chart)) {
    if (text(row, "kind") == "point") {
      ++points;
      EXPECT_NE(number(row, "point"), 3.0);
    } else {
      ++trend;
    }
  }
  EXPECT_EQ(points, 2u * 3u);  // two factors, three points with runs
  EXPECT_EQ(trend, 3u + 1u);   // budget: three values; grant_max: one value
}

TEST(ReportCharts, ChartIdsAreFileNameSafe) {
  EXPECT_EQ(chart_id("fan", "founders_sustained"), "fan-founders_sustained");
  EXPECT_EQ(chart_id("sweep", "a/b c.d"), "sweep-a_b_c_d");
}

}  // namespace
}  // namespace kopa::report
