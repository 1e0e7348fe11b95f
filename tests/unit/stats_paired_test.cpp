#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "stats/paired.hpp"

namespace kopa::stats {
namespace {

TEST(PairedDifference, MeanIntervalAndRelativeChangeByHand) {
  const std::vector<double> scenario{3, 5, 4, 6};
  const std::vector<double> baseline{1, 2, 3, 4};
  const auto d = paired_difference(scenario, baseline, "seed_funding");
  ASSERT_TRUE(d) << d.error().message;
  // differences 2 3 1 2: mean 2; deviations 0 1 -1 0, sd = sqrt(2/3); t(0.975, 3) = 3.182446;
  // half width = 3.1824463 * 0.8164966 / 2 = 1.2992283.
  EXPECT_EQ(d->n, 4u);
  EXPECT_DOUBLE_EQ(d->mean, 2.0);
  EXPECT_NEAR(d->sd, std::sqrt(2.0 / 3.0), 1e-15);
  EXPECT_NEAR(d->t_quantile, 3.182446305284263, 1e-9);
  EXPECT_NEAR(d->ci_low, 2.0 - 1.2992283, 1e-6);
  EXPECT_NEAR(d->ci_high, 2.0 + 1.2992283, 1e-6);
  EXPECT_TRUE(d->excludes_zero());
  EXPECT_DOUBLE_EQ(d->baseline_mean, 2.5);
  EXPECT_DOUBLE_EQ(d->relative_change, 0.8);  // 2 / 2.5
  EXPECT_DOUBLE_EQ(d->share_greater, 1.0);
}

TEST(PairedDifference, TiesAreCountedSeparately) {
  const std::vector<double> scenario{1, 2, 3, 5};
  const std::vector<double> baseline{1, 3, 3, 4};  // differences 0 -1 0 +1
  const auto d = paired_difference(scenario, baseline, "s");
  ASSERT_TRUE(d);
  EXPECT_DOUBLE_EQ(d->share_greater, 0.25);
  EXPECT_DOUBLE_EQ(d->share_equal, 0.5);
  EXPECT_DOUBLE_EQ(d->share_less, 0.25);
  EXPECT_FALSE(d->excludes_zero());
}

TEST(PairedDifference, ZeroVarianceCollapsesTheInterval) {
  const std::vector<double> baseline{1, 5, 9};
  const std::vector<double> shifted{3, 7, 11};
  const auto d = paired_difference(shifted, baseline, "s");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->sd, 0.0);
  EXPECT_EQ(d->ci_low, 2.0);
  EXPECT_EQ(d->ci_high, 2.0);
  EXPECT_TRUE(d->excludes_zero());

  const auto same = paired_difference(baseline, baseline, "s");
  ASSERT_TRUE(same);
  EXPECT_EQ(same->ci_low, 0.0);
  EXPECT_EQ(same->ci_high, 0.0);
  EXPECT_FALSE(same->excludes_zero());
  EXPECT_DOUBLE_EQ(same->share_equal, 1.0);
}

TEST(PairedDifference, RelativeChangeIsNaNWhenBaselineMeanIsZero) {
  const auto d = paired_difference(std::vector<double>{1, 2}, std::vector<double>{0, 0}, "s");
  ASSERT_TRUE(d);
  EXPECT_TRUE(std::isnan(d->relative_change));
}

TEST(PairedDifference, SingleReplicateIsAnErrorNamingScenarioAndCount) {
  const auto d = paired_difference(std::vector<double>{4}, std::vector<double>{3}, "one_roof");
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().message.find("one_roof"), std::string::npos) << d.error().message;
  EXPECT_NE(d.error().message.find("1 replicate"), std::string::npos) << d.error().message;
}

TEST(PairedDifference, MismatchedLengthsAreAnError) {
  EXPECT_FALSE(paired_difference(std::vector<double>{1, 2}, std::vector<double>{1, 2, 3}, "s"));
}

}  // namespace
}  // namespace kopa::stats
