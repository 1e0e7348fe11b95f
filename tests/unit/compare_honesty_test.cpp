// kopa compare says what its numbers are: pairs or replicates without a value (0/0) are left out
// and counted, a scenario that costs more for less is "dominated" (and the converse "dominant")
// rather than a negative price, a flow summed over months is in the unit without "/month", and
// every column has a header.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "comparison_fixture.hpp"
#include "stats/comparison.hpp"
#include "stats/descriptive.hpp"
#include "stats/format.hpp"
#include "stats/paired.hpp"

namespace kopa::analysis {
namespace {

using testing::full_scenario;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// share_less was 0.8 for a scenario identical to the baseline when 4 of 5 pairs were 0/0.
TEST(CompareHonesty, PairsWithoutAValueAreLeftOutAndCounted) {
  const std::vector<double> baseline{0.4, nan, nan, nan, nan};
  const auto same = stats::paired_difference(baseline, baseline, "same");
  ASSERT_FALSE(same);  // one pair with values: no interval
  EXPECT_NE(same.error().message.find("4 pairs have none: 0/0"), std::string::npos)
      << same.error().message;

  const std::vector<double> a{0.4, 0.5, nan, 0.7};
  const std::vector<double> b{0.3, nan, 0.6, 0.5};
  const auto d = stats::paired_difference(a, b, "a");
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->n, 2u);
  EXPECT_EQ(d->excluded, 2u);
  EXPECT_DOUBLE_EQ(d->share_greater, 1.0);
  EXPECT_DOUBLE_EQ(d->share_less, 0.0);
  EXPECT_NEAR(d->mean, 0.15, 1e-12);
  EXPECT_NEAR(d->baseline_mean, 0.4, 1e-12);
}

// A NaN among the replicates blanked the mean while n still said 5.
TEST(CompareHonesty, ASummaryCountsWhatItLeavesOut) {
  const std::vector<double> values{1.0, nan, 3.0, nan, 5.0};
  const stats::Summary s = stats::describe(values);
  EXPECT_EQ(s.n, 3u);
  EXPECT_EQ(s.missing, 2u);
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  EXPECT_DOUBLE_EQ(s.median, 3.0);
}

// money_share_disadvantaged is 0/0 when no money was awarded in a replicate.
ComparisonInput input_with_undefined_shares() {
  ComparisonInput input;
  for (const char* name : {"baseline", "same"}) {
    input.scenarios.push_back(
        full_scenario(name, 5, 6, [](std::size_t m, std::size_t r, std::size_t t) {
          if ((m == 3 || m == 4) && r > 0) return 0.0;  // money: none awarded after replicate 0
          return 10.0 + static_cast<double>(m + r + t);
        }));
  }
  return input;
}

TEST(CompareHonesty, TheTableSaysWhatIsLeftOut) {
  CompareOptions options;
  options.metrics = {std::string(money_share_disadvantaged), "founders_sustained"};
  options.cost_effectiveness = false;
  const auto comparison = compare(input_with_undefined_shares(), options);
  ASSERT_TRUE(comparison) << comparison.error().message;
  const std::string table = format_comparison(*comparison, Format::table);
  EXPECT_NE(table.find("money_share_disadvantaged: 4 of 5 replicates of 'baseline' have no value "
                       "(0/0)"),
            std::string::npos)
      << table;
  const std::string json = format_comparison(*comparison, Format::json);
  EXPECT_NE(json.find("\"missing\":4"), std::string::npos) << json;
}

// Scenario `s` changes cost by `cost` EUR a month and sustained enterprises by `sustained`.
ComparisonInput cost_input(double cost, double sustained) {
  ComparisonInput input;
  for (int s = 0; s < 2; ++s) {
    input.scenarios.push_back(full_scenario(
        s == 0 ? "baseline" : "policy", 10, 6, [&, s](std::size_t m, std::size_t r, std::size_t t) {
          const double noise = std::sin(static_cast<double>(7 * r + 3 * m + t));
          const double jitter = 0.1 * std::sin(static_cast<double>(11 * r + 5 * m));
          const double level = 100.0 + 10.0 * noise;
          if (m == 0) return level + s * (sustained + jitter);             // founders_sustained
          if (m == 2) return level + s * (sustained + jitter);             // jobs_disadvantaged
          if (m == 6) return 1000.0 + 50.0 * noise + s * (cost + jitter);  // public_cost
          return level;
        }));
  }
  return input;
}

std::string cost_table(double cost, double sustained) {
  CompareOptions options;
  options.metrics = {"public_cost"};
  const auto comparison = compare(cost_input(cost, sustained), options);
  EXPECT_TRUE(comparison) << comparison.error().message;
  return format_comparison(*comparison, Format::table) +
         format_comparison(*comparison, Format::json);
}

// "-17.24k EUR per sustained" was printed, with no note, for more cost and fewer enterprises.
TEST(CompareHonesty, CostingMoreForLessIsDominatedAndTheConverseDominant) {
  const std::string dominated = cost_table(+500.0, -5.0);
  EXPECT_NE(dominated.find("dominated: 'policy' gives fewer sustained enterprises for more public "
                           "money"),
            std::string::npos)
      << dominated;
  EXPECT_NE(dominated.find("\"verdict\":\"dominated\""), std::string::npos);
  EXPECT_EQ(dominated.find("\"verdict\":\"cost_per_additional\""), std::string::npos);

  const std::string dominant = cost_table(-500.0, +5.0);
  EXPECT_NE(dominant.find("dominant: 'policy' gives more sustained enterprises for less public "
                          "money"),
            std::string::npos)
      << dominant;

  const std::string saving = cost_table(-500.0, -5.0);
  EXPECT_NE(saving.find("saves "), std::string::npos) << saving;
  EXPECT_NE(saving.find("\"verdict\":\"saving_per_unit_lost\""), std::string::npos);

  const std::string priced = cost_table(+500.0, +5.0);
  EXPECT_NE(priced.find("\"verdict\":\"cost_per_additional\""), std::string::npos);
  EXPECT_EQ(priced.find("dominat"), std::string::npos) << priced;
}

// The table said "EUR/month" over a sum of 120 months, and the significance column had no header.
TEST(CompareHonesty, UnitsAndHeadersSayWhatTheNumbersAre) {
  const std::string table = cost_table(+500.0, +5.0);
  EXPECT_NE(table.find("public_cost [EUR; flow summed over months 0-5]"), std::string::npos)
      << table;
  EXPECT_EQ(table.find("EUR/month"), std::string::npos) << table;
  EXPECT_NE(table.find(" sig "), std::string::npos) << table;
  EXPECT_NE(table.find("\"units\":\"EUR\""), std::string::npos);
}

}  // namespace
}  // namespace kopa::analysis
