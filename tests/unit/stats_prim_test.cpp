// PRIM on a synthetic box: the cases of interest fill a known box in a unit cube, PRIM must find
// its limits, leave the irrelevant factor alone and call the restrictions significant.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "stats/binomial_test.hpp"
#include "stats/prim.hpp"
#include "stats/sensitivity_report.hpp"

namespace kopa::stats {
namespace {

struct Cloud {
  std::vector<std::vector<double>> x;
  std::vector<bool> interest;
};

// Uniform on [0, 1) from 53 random bits (the same numbers with any standard library).
struct Unit {
  std::mt19937_64 engine;
  double operator()() { return static_cast<double>(engine() >> 11) * 0x1.0p-53; }
};

// 1000 points uniform in [0,1]^3; of interest: 0.2 <= x0 <= 0.6 and x1 >= 0.7 (12 % of them);
// x2 plays no part.
Cloud box_cloud() {
  Unit unit{std::mt19937_64(2024)};
  Cloud cloud;
  for (int p = 0; p < 1000; ++p) {
    std::vector<double> point{unit(), unit(), unit()};
    cloud.interest.push_back(point[0] >= 0.2 && point[0] <= 0.6 && point[1] >= 0.7);
    cloud.x.push_back(std::move(point));
  }
  return cloud;
}

TEST(Prim, FindsTheSyntheticBoxAndLeavesTheIrrelevantFactorAlone) {
  const Cloud cloud = box_cloud();
  const auto t = prim_trajectory(cloud.x, cloud.interest);
  ASSERT_TRUE(t) << t.error().message;
  const PrimStep& last = t->steps.back();
  EXPECT_GT(last.density, 0.95);
  EXPECT_GT(last.coverage, 0.8);
  const PrimBox& box = last.box;
  EXPECT_NEAR(box.low[0], 0.2, 0.05);
  EXPECT_NEAR(box.high[0], 0.6, 0.05);
  EXPECT_NEAR(box.low[1], 0.7, 0.05);
  EXPECT_EQ(last.restricted, 2u);

  const auto restrictions = prim_restrictions(*t, t->steps.size() - 1, cloud.x, cloud.interest);
  ASSERT_EQ(restrictions.size(), 2u);
  EXPECT_EQ(restrictions[0].factor, 0u);
  EXPECT_EQ(restrictions[1].factor, 1u);
  EXPECT_LT(restrictions[0].p_low, 1e-6);
  EXPECT_LT(restrictions[0].p_high, 1e-6);
  EXPECT_LT(restrictions[1].p_low, 1e-6);
  EXPECT_TRUE(std::isnan(restrictions[1].p_high)) << "x1's upper side is not restricted";
}

TEST(Prim, PeelsShrinkTheBoxAndRaiseItsDensityDownToTheMinimumMass) {
  const Cloud cloud = box_cloud();
  const auto t = prim_trajectory(cloud.x, cloud.interest);
  ASSERT_TRUE(t);
  ASSERT_GT(t->steps.size(), 5u);
  const PrimStep& start = t->steps.front();
  EXPECT_EQ(start.move, PrimMove::start);
  EXPECT_EQ(start.points, 1000u);
  EXPECT_EQ(start.coverage, 1.0);
  EXPECT_EQ(t->of_interest, start.of_interest);
  for (std::size_t s = 1; s < t->steps.size(); ++s) {
    const PrimStep& before = t->steps[s - 1];
    const PrimStep& step = t->steps[s];
    EXPECT_GE(step.mass, 0.05);
    if (step.move == PrimMove::peel) {
      EXPECT_LT(step.points, before.points) << "step " << s;
      EXPECT_GE(step.density, before.density) << "step " << s;
      EXPECT_LE(step.coverage, before.coverage) << "step " << s;
    } else {
      EXPECT_EQ(step.move, PrimMove::paste);
      EXPECT_GT(step.points, before.points) << "step " << s;
      EXPECT_GT(step.density, before.density) << "step " << s;
    }
  }
}

TEST(Prim, PastingWidensAnOverPeeledBoxWhenThatRaisesDensity) {
  // A noisy box: 80 % of the points with x0 > 0.5 and x1 > 0.5 are of interest, 10 % elsewhere.
  // Peeling one quantile at a time overshoots an edge now and then; pasting takes back what
  // raises the density again.
  Unit unit{std::mt19937_64(0)};
  Cloud cloud;
  for (int p = 0; p < 400; ++p) {
    const double a = unit(), b = unit(), c = unit();
    cloud.x.push_back({a, b, c});
    cloud.interest.push_back(unit() < (a > 0.5 && b > 0.5 ? 0.8 : 0.1));
  }
  const auto t = prim_trajectory(cloud.x, cloud.interest);
  ASSERT_TRUE(t);
  std::size_t last_peel = 0, pastes = 0;
  for (std::size_t s = 0; s < t->steps.size(); ++s) {
    if (t->steps[s].move == PrimMove::peel) last_peel = s;
    if (t->steps[s].move == PrimMove::paste) {
      ++pastes;
      EXPECT_GT(s, last_peel) << "pastes come after every peel";
    }
  }
  EXPECT_GT(pastes, 0u);
  EXPECT_GT(t->steps.back().density, t->steps[last_peel].density);
  EXPECT_GT(t->steps.back().coverage, t->steps[last_peel].coverage);
}

TEST(Prim, APeelRemovesWholeValuesOfADiscreteFactor) {
  // A factor with the values 0, 1, 2 (a list factor); of interest: value 1. The peels from
  // below and from above cut midway between values, so the box ends at [0.5, 1.5], density 1.
  std::vector<std::vector<double>> x;
  std::vector<bool> interest;
  for (int p = 0; p < 90; ++p) {
    x.push_back({static_cast<double>(p % 3)});
    interest.push_back(p % 3 == 1);
  }
  const auto t = prim_trajectory(x, interest);
  ASSERT_TRUE(t);
  const PrimStep& last = t->steps.back();
  EXPECT_EQ(last.box.low[0], 0.5);
  EXPECT_EQ(last.box.high[0], 1.5);
  EXPECT_EQ(last.density, 1.0);
  EXPECT_EQ(last.coverage, 1.0);
}

TEST(Prim, RefusesInputWithoutCasesOfInterestOrOfUnequalShape) {
  EXPECT_EQ(prim_trajectory({{0.0}, {1.0}}, {false, false}).error().message,
            "no point is a case of interest, so there is no box to find");
  EXPECT_EQ(prim_trajectory({{0.0}, {1.0, 2.0}}, {true, false}).error().message,
            "PRIM's points have different numbers of factors");
  EXPECT_EQ(prim_trajectory({}, {}).error().message, "PRIM needs at least one point");
}

TEST(PrimReport, AppliesEveryConditionToThePointMeansAndChecksTheChosenBox) {
  analysis::AnalysedOutput a, b;
  a.metric.name = "a";
  b.metric.name = "b";
  std::vector<std::vector<double>> x;
  std::vector<std::vector<double>> runs_a, runs_b;
  for (int p = 0; p < 40; ++p) {
    x.push_back({p / 40.0});
    runs_a.push_back({static_cast<double>(p), static_cast<double>(p) + 2});  // mean p + 1
    runs_b.push_back({p < 30 ? 1.0 : 9.0});
  }
  runs_a[0] = {NAN};  // no output: left out
  a.points = point_outputs(runs_a);
  b.points = point_outputs(runs_b);
  const std::vector<analysis::PrimCondition> conditions{{"a", true, 21}, {"b", false, 5}};
  const auto report = analysis::analyse_prim(conditions, {a, b}, {"x"}, x, std::nullopt);
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_TRUE(report->trajectory);
  EXPECT_EQ(report->used_points.size(), 39u);
  EXPECT_EQ(report->trajectory->of_interest, 10u);  // points 20..29: mean >= 21 and b <= 5
  EXPECT_EQ(report->chosen, report->trajectory->steps.size() - 1);
  EXPECT_EQ(analysis::condition_text(conditions[1]), "b <= 5");
  const auto beyond = analysis::analyse_prim(conditions, {a, b}, {"x"}, x, 999);
  ASSERT_FALSE(beyond);
  EXPECT_NE(beyond.error().message.find("--prim-box 999 is not on the trajectory"),
            std::string::npos);
}

TEST(BinomialUpperTail, MatchesHandComputedTails) {
  EXPECT_NEAR(binomial_upper_tail(3, 5, 0.5), 16.0 / 32.0, 1e-12);  // (10 + 5 + 1) / 32
  EXPECT_NEAR(binomial_upper_tail(1, 3, 0.1), 1 - 0.9 * 0.9 * 0.9, 1e-12);
  EXPECT_NEAR(binomial_upper_tail(4, 4, 0.5), 1.0 / 16.0, 1e-12);
  EXPECT_EQ(binomial_upper_tail(0, 4, 0.3), 1.0);
  EXPECT_EQ(binomial_upper_tail(2, 4, 1.0), 1.0);
  EXPECT_EQ(binomial_upper_tail(2, 4, 0.0), 0.0);
}

TEST(PointOutputs, AveragesDefinedRunsAndSplitsOffReplicateNoise) {
  // Two points, runs {1, 3} and {5, 7}: within SS 4, total SS 20, so noise is 20 % of the runs'
  // variance; a mean's noise variance is 2 / 2 = 1 against a variance of the means of 8.
  const PointOutputs o = point_outputs({{1, 3}, {5, NAN, 7}, {}});
  EXPECT_EQ(o.mean[0], 2.0);
  EXPECT_EQ(o.mean[1], 6.0);
  EXPECT_TRUE(std::isnan(o.mean[2]));
  EXPECT_EQ(o.runs, (std::vector<std::size_t>{2, 2, 0}));
  EXPECT_EQ(o.undefined_runs, 1u);
  EXPECT_DOUBLE_EQ(o.noise_share, 0.2);
  EXPECT_DOUBLE_EQ(o.noise_share_of_means, 0.125);
  const PointOutputs single = point_outputs({{1}, {2}});
  EXPECT_TRUE(std::isnan(single.noise_share)) << "one run per point measures no noise";
}

}  // namespace
}  // namespace kopa::stats
