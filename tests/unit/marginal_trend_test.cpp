#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "stats/marginal_trend.hpp"

namespace kopa::analysis {
namespace {

TEST(MarginalTrend, FewDistinctValuesGiveOneGroupPerValue) {
  // A 3 x 2 grid: factor 1 takes 10, 20, 30; the output is factor + the other factor (0 or 4).
  const std::vector<double> factor{10, 10, 20, 20, 30, 30};
  const std::vector<double> output{10, 14, 20, 24, 30, 34};
  const auto trend = marginal_trend(factor, output);
  ASSERT_EQ(trend.size(), 3u);
  for (std::size_t g = 0; g < 3; ++g) {
    EXPECT_EQ(trend[g].factor, 10.0 * static_cast<double>(g + 1));
    EXPECT_EQ(trend[g].mean, 10.0 * static_cast<double>(g + 1) + 2.0);
    EXPECT_EQ(trend[g].points, 2u);
  }
}

TEST(MarginalTrend, ManyValuesGiveEqualCountGroupsInFactorOrder) {
  // 23 points in scrambled order, output = 2 * factor: 5 groups of 4 or 5 points.
  std::vector<double> factor, output;
  for (int i = 0; i < 23; ++i) {
    const double x = static_cast<double>((i * 7) % 23);
    factor.push_back(x);
    output.push_back(2 * x);
  }
  const auto trend = marginal_trend(factor, output, 5);
  ASSERT_EQ(trend.size(), 5u);
  std::size_t total = 0;
  for (std::size_t g = 0; g < trend.size(); ++g) {
    EXPECT_GE(trend[g].points, 4u);
    EXPECT_LE(trend[g].points, 5u);
    EXPECT_DOUBLE_EQ(trend[g].mean, 2 * trend[g].factor);
    if (g > 0) {
      EXPECT_GT(trend[g].factor, trend[g - 1].factor);
    }
    total += trend[g].points;
  }
  EXPECT_EQ(total, 23u);
  EXPECT_DOUBLE_EQ(trend.front().factor, (0 + 1 + 2 + 3) / 4.0);  // the 4 smallest values
}

TEST(MarginalTrend, PointsWithoutAnOutputAreLeftOut) {
  const double nan = std::nan("");
  const auto trend =
      marginal_trend(std::vector<double>{1, 1, 2, 2}, std::vector<double>{3, nan, nan, nan});
  ASSERT_EQ(trend.size(), 1u);
  EXPECT_EQ(trend[0].factor, 1.0);
  EXPECT_EQ(trend[0].mean, 3.0);
  EXPECT_EQ(trend[0].points, 1u);
  EXPECT_TRUE(marginal_trend(std::vector<double>{1}, std::vector<double>{nan}).empty());
}

}  // namespace
}  // namespace kopa::analysis
