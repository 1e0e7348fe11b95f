#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "stats/student_t.hpp"

namespace kopa::stats {
namespace {

TEST(StudentT, MatchesPrintedTableValues) {
  // Two-sided 95 % column of the usual t table (3 decimals).
  EXPECT_NEAR(student_t_quantile(0.975, 1), 12.706, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 2), 4.303, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 4), 2.776, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 9), 2.262, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.975, 29), 2.045, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.95, 10), 1.812, 5e-4);
  EXPECT_NEAR(student_t_quantile(0.995, 5), 4.032, 5e-4);
}

TEST(StudentT, MatchesClosedFormsToFullPrecision) {
  for (const double p : {0.6, 0.9, 0.975, 0.995, 0.9995, 0.025}) {
    // df = 1 is Cauchy: tan(pi (p - 1/2)).
    const double cauchy = std::tan(std::numbers::pi * (p - 0.5));
    EXPECT_NEAR(student_t_quantile(p, 1), cauchy, 1e-12 * std::fabs(cauchy)) << p;
    // df = 2: (2p - 1) / sqrt(2 p (1 - p)).
    const double two = (2 * p - 1) / std::sqrt(2 * p * (1 - p));
    EXPECT_NEAR(student_t_quantile(p, 2), two, 1e-12 * std::fabs(two)) << p;
    // df = 4: a = 4p(1-p), q = cos(acos(sqrt a) / 3) / sqrt a, t = sign(p - 1/2) 2 sqrt(q - 1).
    const double a = 4 * p * (1 - p);
    const double q = std::cos(std::acos(std::sqrt(a)) / 3) / std::sqrt(a);
    const double four = (p > 0.5 ? 1 : -1) * 2 * std::sqrt(q - 1);
    EXPECT_NEAR(student_t_quantile(p, 4), four, 1e-11 * std::fabs(four)) << p;
  }
}

TEST(StudentT, ApproachesTheNormalForLargeDf) {
  EXPECT_NEAR(student_t_quantile(0.975, 1e7), 1.959963984540054, 1e-6);
}

TEST(StudentT, IsSymmetricAndInvertsTheCdf) {
  EXPECT_EQ(student_t_quantile(0.5, 3), 0.0);
  for (const double df : {1.0, 2.5, 7.0, 29.0, 200.0}) {
    for (const double p : {0.01, 0.2, 0.8, 0.975}) {
      EXPECT_NEAR(student_t_quantile(p, df), -student_t_quantile(1 - p, df), 1e-10) << df;
      EXPECT_NEAR(student_t_cdf(student_t_quantile(p, df), df), p, 1e-13) << df << " " << p;
    }
  }
}

}  // namespace
}  // namespace kopa::stats
