// The calibration's distance ([calibration] distance, docs/calibration.md): "rms" folds the fitted
// targets' standardised misses into their root mean square, "max" into the largest. Then the
// sampler under "max" on a toy model whose ABC posterior is known in closed form: two normal
// means, each with its own target, flat priors. Accepting a particle when both misses are within
// eps tolerances makes the ABC posterior of each mean its data's mean convolved with a uniform of
// half-width eps * tolerance: mean xbar, variance 1/n + (eps * tolerance)^2 / 3, the two means
// independent. Under "rms" the accepted region is a disc (of radius sqrt(2) eps) instead of a
// box, and a target may sit outside eps tolerances when the other is close.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "calibrate/abc_smc.hpp"
#include "calibrate/target_value.hpp"
#include "calibrate/targets.hpp"

namespace kopa::calibrate {
namespace {

Target fitted(std::string name, double observed, double tolerance, TargetUse use = TargetUse::fit) {
  Target t;
  t.name = std::move(name);
  t.observed = observed;
  t.tolerance = tolerance;
  t.use = use;
  return t;
}

Targets targets_with(Distance d, std::vector<Target> list) {
  Targets t;
  t.sampler.distance = d;
  t.targets = std::move(list);
  return t;
}

TEST(CalibrationDistance, RmsIsTheRootMeanSquareAndMaxTheLargestMissOfFittedTargets) {
  // Misses of +1 and -3 tolerances on the fitted targets; the held-out one, 100 tolerances off,
  // counts in neither.
  const std::vector<Target> list{fitted("a", 10, 2), fitted("b", 0.5, 0.1),
                                 fitted("held_out", 0, 1, TargetUse::validation)};
  const std::vector<double> simulated{12, 0.2, 100};
  EXPECT_DOUBLE_EQ(distance(targets_with(Distance::rms, list), simulated), std::sqrt(5.0));
  EXPECT_DOUBLE_EQ(distance(targets_with(Distance::max, list), simulated), 3.0);
  // A single fitted target: both are its absolute miss.
  const std::vector<Target> one{fitted("a", 10, 2)};
  EXPECT_DOUBLE_EQ(distance(targets_with(Distance::rms, one), {7}), 1.5);
  EXPECT_DOUBLE_EQ(distance(targets_with(Distance::max, one), {7}), 1.5);
  // A fitted value the model could not compute makes the particle unacceptable; a held-out one
  // does not.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const Distance d : {Distance::rms, Distance::max}) {
    EXPECT_EQ(distance(targets_with(d, list), {12, nan, 0}),
              std::numeric_limits<double>::infinity());
    EXPECT_TRUE(std::isfinite(distance(targets_with(d, list), {12, 0.2, nan})));
  }
  // The default is the root mean square (files written before the choice existed).
  EXPECT_EQ(SamplerSettings{}.distance, Distance::rms);
  EXPECT_EQ(distance_name(Distance::rms), "rms");
  EXPECT_EQ(distance_name(Distance::max), "max");
}

// The toy: mu_i's simulated target is the mean of 400 normal observations, N(mu_i, 1/400); the
// data's means are 0.7 and -1.2, measured against tolerances 0.2 and 0.5.
constexpr int toy_observations = 400;
const std::vector<Target> toy_targets{fitted("first", 0.7, 0.2), fitted("second", -1.2, 0.5)};

Evaluator toy_model(const Targets& targets) {
  return [&targets](const std::vector<Proposal>& proposals) -> Expected<std::vector<Evaluation>> {
    std::vector<Evaluation> out;
    for (const auto& p : proposals) {
      std::mt19937_64 engine(static_cast<std::uint64_t>(p.generation) * 1'000'003u + p.slot);
      std::normal_distribution<double> normal(0.0, 1.0 / std::sqrt(double(toy_observations)));
      const std::vector<double> means{p.theta[0] + normal(engine), p.theta[1] + normal(engine)};
      out.push_back({distance(targets, means), means});
    }
    return out;
  };
}

SmcResult calibrate_toy(const Targets& targets) {
  SmcSettings settings;
  settings.particles = 1000;
  settings.generations = 5;
  settings.seed = 23;
  settings.min_acceptance = 0.01;
  auto result = run_abc_smc({{-5, 5, false}, {-5, 5, false}}, settings, toy_model(targets));
  EXPECT_TRUE(result) << result.error().message;
  return result ? std::move(*result) : SmcResult{};
}

// The largest of a particle's two misses, in tolerances.
double largest_miss(const Particle& p) {
  double largest = 0;
  for (std::size_t i = 0; i < 2; ++i) {
    largest =
        std::max(largest, std::abs(p.kept[i] - toy_targets[i].observed) / toy_targets[i].tolerance);
  }
  return largest;
}

TEST(CalibrationDistance, MaxDistanceGivesTheBoxPosteriorOfTwoNormalMeans) {
  const Targets targets = targets_with(Distance::max, toy_targets);
  const SmcResult result = calibrate_toy(targets);
  ASSERT_EQ(result.particles.size(), 1000u);
  const double eps = result.generations.back().tolerance;
  // Five halvings of the accepted area from the prior's: eps near 2.6, where the uniform's part of
  // the variance, (eps tolerance)^2 / 3, is about 36 and 225 times the data's 1/400: the box
  // shows (under "rms" both sds come out 16-26 % too large).
  ASSERT_GT(eps, 1.0);
  ASSERT_LT(eps, 8.0);
  for (const auto& p : result.particles) EXPECT_LE(largest_miss(p), eps);
  for (std::size_t i = 0; i < 2; ++i) {
    double mean = 0, variance = 0;
    for (const auto& p : result.particles) mean += p.weight * p.theta[i];
    for (const auto& p : result.particles) variance += p.weight * std::pow(p.theta[i] - mean, 2);
    const double half_width = eps * toy_targets[i].tolerance;
    const double exact_sd = std::sqrt(1.0 / toy_observations + half_width * half_width / 3);
    // Monte Carlo error of the mean about sd / sqrt(ESS), ESS > 500: under 0.05 sd; of the sd
    // about 3 %. The disc an "rms" distance accepts would give sd sqrt(3/2) = 1.22 times larger.
    EXPECT_NEAR(mean, toy_targets[i].observed, 0.1 * exact_sd) << toy_targets[i].name;
    EXPECT_NEAR(std::sqrt(variance), exact_sd, 0.08 * exact_sd) << toy_targets[i].name;
  }
  EXPECT_GT(result.generations.back().effective_sample_size, 500.0);
}

TEST(CalibrationDistance, RmsDistanceLetsOneTargetSitOutsideTheToleranceThatMaxHolds) {
  // The same toy under "rms": some accepted particles have one target beyond eps tolerances,
  // the other close: the slack a maximum leaves no target.
  const Targets targets = targets_with(Distance::rms, toy_targets);
  const SmcResult result = calibrate_toy(targets);
  ASSERT_EQ(result.particles.size(), 1000u);
  const double eps = result.generations.back().tolerance;
  int outside = 0;
  for (const auto& p : result.particles) {
    EXPECT_LE(largest_miss(p), std::sqrt(2.0) * eps + 1e-12);
    if (largest_miss(p) > eps) ++outside;
  }
  // A uniform disc of radius sqrt(2) eps has 1 - 4 / (2 pi) = 0.36 of its area outside the
  // box |z_i| <= eps (the square inscribed in it).
  EXPECT_GT(outside, 250);
}

}  // namespace
}  // namespace kopa::calibrate
