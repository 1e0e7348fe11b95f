#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "stats/bootstrap.hpp"
#include "stats/cost_effectiveness.hpp"

namespace kopa::stats {
namespace {

// Five replicates; the scenario adds outcomes and costs that vary by replicate, roughly 1000 EUR
// per extra outcome with noise.
const std::vector<double> outcome_base{10, 12, 9, 11, 10};
const std::vector<double> outcome_scen{13, 14, 12, 15, 12};  // +3 +2 +3 +4 +2
const std::vector<double> cost_base{500, 600, 450, 550, 500};
const std::vector<double> cost_scen{3600, 2500, 3300, 4700, 2400};  // +3100 +1900 +2850 +4150 +1900

TEST(ResampleIndices, AreInRangeAndKeyedByDrawAndPosition) {
  const ResampleIndices a(7, 5);
  const ResampleIndices b(7, 5);
  std::set<std::size_t> seen;
  for (std::uint32_t draw = 0; draw < 50; ++draw) {
    for (std::uint32_t position = 0; position < 5; ++position) {
      const std::size_t i = a(draw, position);
      EXPECT_LT(i, 5u);
      EXPECT_EQ(i, b(draw, position));
      seen.insert(i);
    }
  }
  EXPECT_EQ(seen.size(), 5u);  // 250 draws from 5 reach every index
}

TEST(Bootstrap, SameSeedSameIntervalOtherSeedOther) {
  const BootstrapOptions options{.seed = 42, .draws = 1000, .confidence = 0.95};
  const auto first =
      bootstrap_ratio_of_differences({cost_scen, cost_base}, {outcome_scen, outcome_base}, options);
  const auto again =
      bootstrap_ratio_of_differences({cost_scen, cost_base}, {outcome_scen, outcome_base}, options);
  EXPECT_EQ(first.ci_low, again.ci_low);
  EXPECT_EQ(first.ci_high, again.ci_high);
  BootstrapOptions other = options;
  other.seed = 43;
  const auto different =
      bootstrap_ratio_of_differences({cost_scen, cost_base}, {outcome_scen, outcome_base}, other);
  EXPECT_TRUE(different.ci_low != first.ci_low || different.ci_high != first.ci_high);
}

TEST(Bootstrap, IntervalContainsThePointEstimate) {
  const auto r = bootstrap_ratio_of_differences({cost_scen, cost_base},
                                                {outcome_scen, outcome_base}, BootstrapOptions{});
  // mean cost difference 13900 / 5 = 2780; mean outcome difference 14 / 5 = 2.8.
  EXPECT_NEAR(r.estimate, 2780.0 / 2.8, 1e-9);
  EXPECT_LT(r.ci_low, r.estimate);
  EXPECT_GT(r.ci_high, r.estimate);
  EXPECT_EQ(r.draws + r.draws_dropped, BootstrapOptions{}.draws);
  EXPECT_EQ(r.draws_dropped, 0u);  // every outcome difference is positive
  // Every draw's ratio lies between the smallest and largest per-replicate ratio (a mediant).
  EXPECT_GE(r.ci_low, 1900.0 / 2.0 - 1e-9);   // replicate 1 and 4 ratio: 950
  EXPECT_LE(r.ci_high, 4150.0 / 4.0 + 1e-9);  // replicate 3 ratio: 1037.5
}

TEST(Bootstrap, ExactProportionalityGivesAPointInterval) {
  const std::vector<double> cost_exact{300, 200, 300, 400, 200};  // 100 EUR per extra outcome
  const std::vector<double> zero(5, 0.0);
  const auto r = bootstrap_ratio_of_differences({cost_exact, zero}, {outcome_scen, outcome_base},
                                                BootstrapOptions{});
  EXPECT_NEAR(r.estimate, 100.0, 1e-12);
  EXPECT_NEAR(r.ci_low, 100.0, 1e-12);
  EXPECT_NEAR(r.ci_high, 100.0, 1e-12);
}

TEST(CostPerAdditional, GivesTheRatioWhenTheOutcomeGainIsClear) {
  const auto r = cost_per_additional({cost_scen, cost_base}, {outcome_scen, outcome_base},
                                     "seed_funding", "founders_sustained", BootstrapOptions{});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_NEAR(r->estimate, 992.857142857, 1e-6);  // 2780 / 2.8
}

TEST(CostPerAdditional, IsNotAvailableWhenTheOutcomeIntervalIncludesZero) {
  const std::vector<double> flat_scen{11, 11, 10, 10, 10};  // +1 -1 +1 -1 0: mean 0
  const auto r = cost_per_additional({cost_scen, cost_base}, {flat_scen, outcome_base}, "one_roof",
                                     "jobs_disadvantaged", BootstrapOptions{});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("includes zero"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("jobs_disadvantaged"), std::string::npos);
  EXPECT_NE(r.error().message.find("one_roof"), std::string::npos);
}

TEST(CostPerAdditional, IsNotAvailableWithOneReplicate) {
  const std::vector<double> one{1}, two{2};
  const auto r = cost_per_additional({two, one}, {two, one}, "combined", "founders_sustained", {});
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("combined"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("1 replicate"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace kopa::stats
