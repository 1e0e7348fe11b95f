#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "stats/descriptive.hpp"
#include "stats/quantile.hpp"

namespace kopa::stats {
namespace {

// Expected values by hand with numpy's linear method: h = (n-1) p, x[floor h] + frac(h) * gap.

TEST(Quantile, FourValuesMatchNumpyLinear) {
  const std::vector<double> x{4.0, 1.0, 3.0, 2.0};  // sorted: 1 2 3 4
  EXPECT_DOUBLE_EQ(quantile(x, 0.5), 2.5);          // h = 1.5: 2 + 0.5 * 1
  EXPECT_DOUBLE_EQ(quantile(x, 0.05), 1.15);        // h = 0.15: 1 + 0.15 * 1
  EXPECT_DOUBLE_EQ(quantile(x, 0.95), 3.85);        // h = 2.85: 3 + 0.85 * 1
  EXPECT_DOUBLE_EQ(quantile(x, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(quantile(x, 1.0), 4.0);
}

TEST(Quantile, ThreeValuesWithWideGaps) {
  const std::vector<double> x{10.0, 0.0, 5.0};  // sorted: 0 5 10
  EXPECT_DOUBLE_EQ(quantile(x, 0.05), 0.5);     // h = 0.1: 0 + 0.1 * 5
  EXPECT_DOUBLE_EQ(quantile(x, 0.95), 9.5);     // h = 1.9: 5 + 0.9 * 5
  EXPECT_DOUBLE_EQ(quantile(x, 0.5), 5.0);      // h = 1
}

TEST(Quantile, TiesInterpolateBetweenEqualValues) {
  const std::vector<double> x{2.0, 7.0, 2.0, 2.0};  // sorted: 2 2 2 7
  EXPECT_DOUBLE_EQ(quantile(x, 0.5), 2.0);          // h = 1.5: between 2 and 2
  EXPECT_DOUBLE_EQ(quantile(x, 0.95), 6.25);        // h = 2.85: 2 + 0.85 * 5
}

TEST(Quantile, TwentyValues) {
  std::vector<double> x;
  for (int i = 20; i >= 1; --i) x.push_back(i);
  EXPECT_NEAR(quantile(x, 0.05), 1.95, 1e-12);   // h = 0.95: 1 + 0.95 * 1
  EXPECT_NEAR(quantile(x, 0.95), 19.05, 1e-12);  // h = 18.05: 19 + 0.05 * 1
}

TEST(Quantile, SingleValueIsEveryQuantile) {
  const std::vector<double> x{3.0};
  EXPECT_EQ(quantile(x, 0.05), 3.0);
  EXPECT_EQ(quantile(x, 0.95), 3.0);
}

TEST(Quantile, EmptyOrNaNGivesNaN) {
  EXPECT_TRUE(std::isnan(quantile(std::vector<double>{}, 0.5)));
  const std::vector<double> x{1.0, std::numeric_limits<double>::quiet_NaN(), 2.0};
  EXPECT_TRUE(std::isnan(quantile(x, 0.5)));
}

TEST(Describe, SummarisesReplicates) {
  const std::vector<double> x{1.0, 2.0, 3.0, 4.0};
  const Summary s = describe(x);
  EXPECT_EQ(s.n, 4u);
  EXPECT_DOUBLE_EQ(s.mean, 2.5);
  EXPECT_DOUBLE_EQ(s.median, 2.5);
  EXPECT_DOUBLE_EQ(s.p05, 1.15);
  EXPECT_DOUBLE_EQ(s.p95, 3.85);
  // deviations -1.5 -0.5 0.5 1.5: squares 5 / (n - 1) = 5/3
  EXPECT_DOUBLE_EQ(s.sd, std::sqrt(5.0 / 3.0));
}

TEST(Describe, SingleReplicateHasMeanAndMedianButNoSpread) {
  const Summary s = describe(std::vector<double>{7.0});
  EXPECT_EQ(s.n, 1u);
  EXPECT_EQ(s.mean, 7.0);
  EXPECT_EQ(s.median, 7.0);
  EXPECT_EQ(s.p05, 7.0);
  EXPECT_EQ(s.p95, 7.0);
  EXPECT_TRUE(std::isnan(s.sd));
}

TEST(Describe, NoReplicatesIsNaN) {
  const Summary s = describe(std::vector<double>{});
  EXPECT_EQ(s.n, 0u);
  EXPECT_TRUE(std::isnan(s.mean));
  EXPECT_TRUE(std::isnan(s.median));
}

}  // namespace
}  // namespace kopa::stats
