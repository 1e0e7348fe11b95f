#include <gtest/gtest.h>

#include <cmath>

#include "comparison_fixture.hpp"
#include "stats/comparison.hpp"
#include "stats/series.hpp"

namespace kopa::analysis {
namespace {

using testing::flow;
using testing::full_scenario;
using testing::stock;

// Two scenarios, 4 replicates, 3 months. Stocks at month 2: baseline 10 12 9 11, policy 13 14 12
// 15 (earlier months hold other numbers so reading the wrong month shows). Public cost per month
// 100 (baseline) and 1000 (policy) in every replicate.
ComparisonInput two_scenarios() {
  ComparisonInput input;
  const testing::Rows base_sustained{{0, 5, 10}, {0, 5, 12}, {0, 5, 9}, {0, 5, 11}};
  const testing::Rows policy_sustained{{0, 6, 13}, {0, 6, 14}, {0, 6, 12}, {0, 6, 15}};
  const testing::Rows base_cost(4, {100, 100, 100});
  const testing::Rows policy_cost(4, {1000, 1000, 1000});
  // Money: baseline 10+10+20 = 40 awarded, 5+5+10 = 20 to disadvantaged founders: share 0.5.
  // Policy replicate r: 40 awarded, 20 + 4r to disadvantaged founders: shares 0.5 0.6 0.7 0.8.
  const testing::Rows money(4, {10, 10, 20});
  const testing::Rows base_disadvantaged(4, {5, 5, 10});
  const testing::Rows policy_disadvantaged{{5, 5, 10}, {5, 5, 14}, {5, 5, 18}, {5, 5, 22}};
  const auto scenario = [&](std::string name, const testing::Rows& sustained,
                            const testing::Rows& cost, const testing::Rows& disadvantaged) {
    return ScenarioResults{
        std::move(name),
        {},
        {stock("founders_sustained", sustained), stock("founders_startup", sustained),
         stock("jobs_disadvantaged", sustained), flow("money_awarded_disadvantaged", disadvantaged),
         flow("money_awarded", money), stock("collaborations", sustained),
         flow("public_cost", cost)},
        {}};
  };
  input.scenarios.push_back(
      scenario("policy", policy_sustained, policy_cost, policy_disadvantaged));
  input.scenarios.push_back(scenario("baseline", base_sustained, base_cost, base_disadvantaged));
  return input;
}

std::size_t index_of(const Comparison& comparison, const std::string& metric) {
  for (std::size_t i = 0; i < comparison.metrics.size(); ++i) {
    if (comparison.metrics[i].name == metric) return i;
  }
  ADD_FAILURE() << metric;
  return 0;
}

TEST(Compare, BaselineIsTheScenarioNamedBaselineElseTheFirst) {
  const auto named = compare(two_scenarios());
  ASSERT_TRUE(named) << named.error().message;
  EXPECT_EQ(named->baseline, "baseline");
  EXPECT_TRUE(named->scenarios[1].is_baseline);

  ComparisonInput unnamed = two_scenarios();
  unnamed.scenarios[1].name = "status_quo";
  const auto first = compare(unnamed);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->baseline, "policy");
}

TEST(Compare, UnknownBaselineOrMetricIsAnErrorListingTheChoices) {
  const auto baseline = compare(two_scenarios(), {.baseline = "nope"});
  ASSERT_FALSE(baseline);
  EXPECT_NE(baseline.error().message.find("policy, baseline"), std::string::npos);

  const auto metric = compare(two_scenarios(), {.metrics = {"founders_sustaind"}});
  ASSERT_FALSE(metric);
  EXPECT_NE(metric.error().message.find("founders_sustaind"), std::string::npos);
  EXPECT_NE(metric.error().message.find("founders_sustained"), std::string::npos);
}

TEST(Compare, MonthOutOfRangeAndRaggedInputAreErrors) {
  EXPECT_FALSE(compare(two_scenarios(), {.month = 3}));
  EXPECT_FALSE(compare(two_scenarios(), {.month = -1}));
  ComparisonInput ragged = two_scenarios();
  ragged.scenarios[0].metrics[0].values[2].pop_back();
  EXPECT_FALSE(compare(ragged));
  EXPECT_FALSE(compare(ComparisonInput{}));
}

TEST(Compare, StocksAreReadAtTheMonthAndFlowsSummedUpToIt) {
  const auto last = compare(two_scenarios());
  ASSERT_TRUE(last);
  EXPECT_EQ(last->month, 2);
  const std::size_t sustained = index_of(*last, "founders_sustained");
  const std::size_t cost = index_of(*last, "public_cost");
  EXPECT_EQ(last->metrics[sustained].aggregation, Aggregation::stock_at_month);
  EXPECT_EQ(last->metrics[cost].aggregation, Aggregation::flow_sum);
  EXPECT_EQ(last->scenarios[1].metrics[sustained].values, (std::vector<double>{10, 12, 9, 11}));
  EXPECT_DOUBLE_EQ(last->scenarios[1].metrics[sustained].summary.mean, 10.5);
  EXPECT_DOUBLE_EQ(last->scenarios[0].metrics[cost].summary.mean, 3000.0);  // 3 x 1000

  const auto earlier = compare(two_scenarios(), {.month = 1});
  ASSERT_TRUE(earlier);
  EXPECT_DOUBLE_EQ(earlier->scenarios[1].metrics[sustained].summary.mean, 5.0);
  EXPECT_DOUBLE_EQ(earlier->scenarios[0].metrics[cost].summary.mean, 2000.0);  // 2 x 1000
}

TEST(Compare, MoneyShareIsTheRatioOfSummedFlowsPerReplicate) {
  const auto c = compare(two_scenarios());
  ASSERT_TRUE(c);
  const MetricResult& share = c->scenarios[0].metrics[index_of(*c, "money_share_disadvantaged")];
  ASSERT_EQ(share.values.size(), 4u);
  EXPECT_DOUBLE_EQ(share.values[0], 0.5);  // 20 / 40
  EXPECT_DOUBLE_EQ(share.values[3], 0.8);  // 32 / 40
  EXPECT_DOUBLE_EQ(share.summary.mean, 0.65);
  ASSERT_TRUE(share.difference && *share.difference);
  EXPECT_DOUBLE_EQ(share.difference->value().share_equal, 0.25);  // replicate 0 ties at 0.5
  EXPECT_DOUBLE_EQ(share.difference->value().share_greater, 0.75);
}

TEST(Compare, DifferencesArePairedByReplicate) {
  const auto c = compare(two_scenarios());
  ASSERT_TRUE(c);
  const MetricResult& policy = c->scenarios[0].metrics[index_of(*c, "founders_sustained")];
  ASSERT_TRUE(policy.difference && *policy.difference);
  const stats::PairedDifference& d = policy.difference->value();
  // differences 3 2 3 4: mean 3, sd sqrt(2/3), relative 3 / 10.5
  EXPECT_EQ(d.n, 4u);
  EXPECT_DOUBLE_EQ(d.mean, 3.0);
  EXPECT_NEAR(d.sd, std::sqrt(2.0 / 3.0), 1e-15);
  EXPECT_NEAR(d.relative_change, 3.0 / 10.5, 1e-15);
  EXPECT_FALSE(c->scenarios[1].metrics[0].difference.has_value());  // the baseline itself
}

TEST(Compare, PairsOnReplicateNumbersNotRowOrder) {
  ComparisonInput input = two_scenarios();
  // The policy finished replicates 0, 2 and 3 only (an interrupted run): drop row 1.
  for (MetricSeries& metric : input.scenarios[0].metrics) {
    metric.values.erase(metric.values.begin() + 1);
  }
  input.scenarios[0].replicate_ids = {0, 2, 3};
  input.interrupted = true;
  const auto c = compare(input);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_TRUE(c->interrupted);
  EXPECT_EQ(c->scenarios[0].paired_replicates, 3u);
  const auto& d = c->scenarios[0].metrics[index_of(*c, "founders_sustained")].difference;
  ASSERT_TRUE(d && *d);
  // pairs (13, 10), (12, 9), (15, 11): differences 3 3 4, mean 10/3; baseline mean 30/3 = 10
  EXPECT_NEAR(d->value().mean, 10.0 / 3.0, 1e-15);
  EXPECT_NEAR(d->value().baseline_mean, 10.0, 1e-15);
}

TEST(Compare, SingleReplicateGivesDescriptiveStatsAndErrorValuesForIntervals) {
  ComparisonInput input = two_scenarios();
  for (ScenarioResults& scenario : input.scenarios) {
    for (MetricSeries& metric : scenario.metrics) metric.values.resize(1);
  }
  const auto c = compare(input);
  ASSERT_TRUE(c) << c.error().message;
  const MetricResult& policy = c->scenarios[0].metrics[index_of(*c, "founders_sustained")];
  EXPECT_DOUBLE_EQ(policy.summary.mean, 13.0);
  EXPECT_DOUBLE_EQ(policy.summary.median, 13.0);
  ASSERT_TRUE(policy.difference.has_value());
  ASSERT_FALSE(*policy.difference);
  EXPECT_NE(policy.difference->error().message.find("'policy'"), std::string::npos);
  EXPECT_NE(policy.difference->error().message.find("1 replicate"), std::string::npos);
  ASSERT_EQ(c->scenarios[0].cost.size(), 2u);
  EXPECT_FALSE(c->scenarios[0].cost[0].ratio);
}

TEST(Compare, CostPerAdditionalSustainedEnterprise) {
  const auto c = compare(two_scenarios());
  ASSERT_TRUE(c);
  const auto& cost = c->scenarios[0].cost;
  ASSERT_EQ(cost.size(), 2u);
  EXPECT_EQ(cost[0].outcome, "founders_sustained");
  ASSERT_TRUE(cost[0].ratio) << cost[0].ratio.error().message;
  // extra cost 2700 in every replicate, extra enterprises 3 2 3 4 (mean 3): 900 per enterprise.
  EXPECT_NEAR(cost[0].ratio->estimate, 900.0, 1e-9);
  EXPECT_LE(cost[0].ratio->ci_low, 900.0);
  EXPECT_GE(cost[0].ratio->ci_high, 900.0);
  EXPECT_TRUE(c->scenarios[1].cost.empty());  // none for the baseline
}

TEST(Compare, CostEffectivenessNeedsItsComponents) {
  ComparisonInput input = two_scenarios();
  for (ScenarioResults& scenario : input.scenarios) scenario.metrics.pop_back();  // public_cost
  const auto missing = compare(input, {.metrics = {"founders_sustained"}});
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("public_cost"), std::string::npos);
  EXPECT_TRUE(compare(input, {.metrics = {"founders_sustained"}, .cost_effectiveness = false}));
}

TEST(Series, BandsPerMonthEndAtTheComparisonsMedian) {
  const ComparisonInput input = testing::realistic_input();
  const auto bands = series(input, {"founders_sustained", "public_cost"});
  ASSERT_TRUE(bands) << bands.error().message;
  ASSERT_EQ(bands->scenarios.size(), 5u);
  EXPECT_EQ(bands->months, 120);
  const auto c = compare(input, {.metrics = {"founders_sustained", "public_cost"}});
  ASSERT_TRUE(c);
  for (std::size_t s = 0; s < 5; ++s) {
    for (std::size_t m = 0; m < 2; ++m) {
      const SeriesBand& band = bands->scenarios[s].metrics[m];
      ASSERT_EQ(band.median.size(), 120u);
      EXPECT_EQ(band.median.back(), c->scenarios[s].metrics[m].summary.median);
      EXPECT_EQ(band.p05.back(), c->scenarios[s].metrics[m].summary.p05);
      EXPECT_LE(band.p05[40], band.median[40]);
      EXPECT_LE(band.median[40], band.p95[40]);
    }
    // Public cost is a flow, so its series is cumulative: it grows month by month.
    EXPECT_GT(bands->scenarios[s].metrics[1].median[60], bands->scenarios[s].metrics[1].median[59]);
  }
}

TEST(Series, MonthZeroOfAFlowIsItsFirstMonth) {
  const auto bands = series(two_scenarios(), {"public_cost"});
  ASSERT_TRUE(bands);
  EXPECT_EQ(bands->scenarios[0].metrics[0].median, (std::vector<double>{1000, 2000, 3000}));
}

}  // namespace
}  // namespace kopa::analysis
