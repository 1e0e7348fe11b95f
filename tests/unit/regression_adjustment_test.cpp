// The local-linear regression adjustment (Beaumont, Zhang & Balding 2002) on toy models whose
// posterior is known in closed form, sampled by the ABC-SMC sampler at a coarse tolerance, where
// the unadjusted particles are clearly wider than the posterior and the adjusted ones must not be.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "calibrate/abc_smc.hpp"
#include "calibrate/posterior_adjustment.hpp"
#include "calibrate/regression_adjustment.hpp"

namespace kopa::calibrate {
namespace {

// Normal noise for proposal (generation, slot), a function of its place only.
std::vector<double> noise(const Proposal& p, std::size_t count, double sd) {
  std::mt19937_64 engine(static_cast<std::uint64_t>(p.generation) * 1'000'003u + p.slot);
  std::normal_distribution<double> normal(0.0, sd);
  std::vector<double> e(count);
  for (double& v : e) v = normal(engine);
  return e;
}

struct Sampled {
  SmcResult result;
  std::vector<std::vector<double>> misses;  // per particle: simulated - observed (tolerance 1)
};

// Samples the toy `simulate` (theta -> summaries) against `observed`, distance the root mean
// square of the misses, and keeps each particle's misses.
template <class Simulate>
Sampled sample(const std::vector<PriorRange>& priors, const std::vector<double>& observed,
               Simulate simulate, int generations) {
  SmcSettings s;
  s.particles = 2000;
  s.generations = generations;
  s.seed = 3;
  s.min_acceptance = 0.01;
  auto evaluate = [&](const std::vector<Proposal>& proposals) -> Expected<std::vector<Evaluation>> {
    std::vector<Evaluation> out;
    for (const auto& p : proposals) {
      const std::vector<double> summaries = simulate(p);
      std::vector<double> misses;
      double squares = 0;
      for (std::size_t k = 0; k < summaries.size(); ++k) {
        misses.push_back(summaries[k] - observed[k]);
        squares += misses.back() * misses.back();
      }
      out.push_back({std::sqrt(squares / double(misses.size())), misses});
    }
    return out;
  };
  auto result = run_abc_smc(priors, s, evaluate);
  EXPECT_TRUE(result) << result.error().message;
  Sampled sampled{std::move(*result), {}};
  for (const auto& p : sampled.result.particles) sampled.misses.push_back(p.kept);
  return sampled;
}

struct Moments {
  std::vector<double> mean, sd;
  double correlation = 0;  // of the first two parameters
};

Moments moments(const std::vector<std::vector<double>>& theta, const std::vector<double>& w) {
  const std::size_t d = theta.front().size();
  Moments m{std::vector<double>(d, 0.0), std::vector<double>(d, 0.0), 0};
  for (std::size_t i = 0; i < theta.size(); ++i) {
    for (std::size_t j = 0; j < d; ++j) m.mean[j] += w[i] * theta[i][j];
  }
  double covariance = 0;
  for (std::size_t i = 0; i < theta.size(); ++i) {
    for (std::size_t j = 0; j < d; ++j) m.sd[j] += w[i] * std::pow(theta[i][j] - m.mean[j], 2);
    if (d > 1) covariance += w[i] * (theta[i][0] - m.mean[0]) * (theta[i][1] - m.mean[1]);
  }
  for (double& v : m.sd) v = std::sqrt(v);
  if (d > 1) m.correlation = covariance / (m.sd[0] * m.sd[1]);
  return m;
}

Moments sampler_moments(const SmcResult& r) {
  std::vector<std::vector<double>> theta;
  std::vector<double> w;
  for (const auto& p : r.particles) {
    theta.push_back(p.theta);
    w.push_back(p.weight);
  }
  return moments(theta, w);
}

// The mean of 20 normal observations with variance 1, their mean 0.7, prior uniform on [-5, 5]:
// the posterior is N(0.7, 1/20), sd 0.224. Two generations leave a tolerance near 0.8, where the
// sampler's particles are about 1.6 times as wide.
TEST(RegressionAdjustment, RecoversTheAnalyticPosteriorOfANormalMeanAtACoarseTolerance) {
  const double exact_sd = 1.0 / std::sqrt(20.0);
  const std::vector<PriorRange> priors{{-5, 5, false}};
  const Sampled s = sample(
      priors, {0.7},
      [&](const Proposal& p) { return std::vector{p.theta[0] + noise(p, 1, exact_sd)[0]}; }, 2);
  const Moments before = sampler_moments(s.result);
  EXPECT_GT(before.sd[0], 1.3 * exact_sd);  // what the adjustment has to correct
  auto adjusted = adjust_local_linear(priors, s.result.particles, s.misses,
                                      s.result.generations.back().tolerance);
  ASSERT_TRUE(adjusted) << adjusted.error().message;
  const Moments after = moments(adjusted->theta, adjusted->weight);
  // Monte Carlo error of the mean about sd / sqrt(ESS) < 0.01.
  EXPECT_NEAR(after.mean[0], 0.7, 0.03);
  EXPECT_NEAR(after.sd[0], exact_sd, 0.1 * exact_sd);
  double total = 0;
  for (const double w : adjusted->weight) total += w;
  EXPECT_NEAR(total, 1.0, 1e-12);
}

// Moved to points u_i drawn uniformly in [-h, h] rather than to the figure itself, the adjusted
// particles are the posterior under a figure known only to +-h: N(0.7, 1/20) convolved with
// U(-h, h), whose variance is 1/20 + h^2 / 3 (h = 0.3: sd 0.283 against 0.224).
TEST(RegressionAdjustment, MovedToPointsOfABandGivesThePosteriorUnderTheBandsUncertainty) {
  const double noise_sd = 1.0 / std::sqrt(20.0), h = 0.3;
  const std::vector<PriorRange> priors{{-5, 5, false}};
  const Sampled s = sample(
      priors, {0.7},
      [&](const Proposal& p) { return std::vector{p.theta[0] + noise(p, 1, noise_sd)[0]}; }, 2);
  std::mt19937_64 engine(99);
  std::uniform_real_distribution<double> band(-h, h);
  std::vector<std::vector<double>> points;
  for (std::size_t i = 0; i < s.misses.size(); ++i) points.push_back({band(engine)});
  auto adjusted = adjust_local_linear(priors, s.result.particles, s.misses,
                                      s.result.generations.back().tolerance, points);
  ASSERT_TRUE(adjusted) << adjusted.error().message;
  const Moments after = moments(adjusted->theta, adjusted->weight);
  const double exact_sd = std::sqrt(noise_sd * noise_sd + h * h / 3);
  EXPECT_NEAR(after.mean[0], 0.7, 0.03);
  EXPECT_NEAR(after.sd[0], exact_sd, 0.08 * exact_sd);
  // Moved to the figure, the same particles are narrower by the band's share.
  auto exact = adjust_local_linear(priors, s.result.particles, s.misses,
                                   s.result.generations.back().tolerance);
  ASSERT_TRUE(exact);
  EXPECT_LT(moments(exact->theta, exact->weight).sd[0], 0.9 * after.sd[0]);
}

// Two parameters that the summaries mix: s1 = a + b + e1, s2 = b + e2, e ~ N(0, 0.2^2), observed
// (0.5, -0.3), priors uniform on [-5, 5] (wide enough that the probit coordinates are close to
// linear over the accepted region, as the adjustment assumes). The posterior is normal: a = s1 - s2
// - e1 + e2, b = s2 - e2, so means (0.8, -0.3), sds (0.283, 0.2), correlation -1/sqrt(2). After
// five generations (tolerance 0.68) the sampler's particles are 2.6 times as wide; at tolerance 1.4
// the adjusted mean of a is 0.036 high and its sd 10 % wide, as the probit coordinates bend over
// the wider accepted region: the adjustment is local, and says so (docs/calibration.md).
TEST(RegressionAdjustment, RecoversACorrelatedPosteriorFromMixedSummaries) {
  const std::vector<PriorRange> priors{{-5, 5, false}, {-5, 5, false}};
  const Sampled s = sample(
      priors, {0.5, -0.3},
      [](const Proposal& p) {
        const auto e = noise(p, 2, 0.2);
        return std::vector{p.theta[0] + p.theta[1] + e[0], p.theta[1] + e[1]};
      },
      5);
  const Moments before = sampler_moments(s.result);
  EXPECT_GT(before.sd[1], 2.0 * 0.2);
  auto adjusted = adjust_local_linear(priors, s.result.particles, s.misses,
                                      s.result.generations.back().tolerance);
  ASSERT_TRUE(adjusted) << adjusted.error().message;
  const Moments after = moments(adjusted->theta, adjusted->weight);
  EXPECT_NEAR(after.mean[0], 0.8, 0.03);
  EXPECT_NEAR(after.mean[1], -0.3, 0.03);
  EXPECT_NEAR(after.sd[0], std::sqrt(0.08), 0.12 * std::sqrt(0.08));
  EXPECT_NEAR(after.sd[1], 0.2, 0.12 * 0.2);
  EXPECT_NEAR(after.correlation, -1.0 / std::sqrt(2.0), 0.1);
}

// A figure beyond the model's reach (s = theta + noise, theta in [0, 1], observed 1.3): the
// adjustment moves the particles towards it, to the prior's edge and never past it; log priors
// too (their internal coordinate is the log).
TEST(RegressionAdjustment, MovesTowardsAFigureOutOfReachButNeverOutOfThePrior) {
  for (const bool log : {false, true}) {
    const std::vector<PriorRange> priors{{log ? 0.01 : 0.0, 1.0, log}};
    const Sampled s = sample(
        priors, {1.3},
        [](const Proposal& p) { return std::vector{p.theta[0] + noise(p, 1, 0.3)[0]}; }, 2);
    auto adjusted = adjust_local_linear(priors, s.result.particles, s.misses,
                                        s.result.generations.back().tolerance);
    ASSERT_TRUE(adjusted) << adjusted.error().message;
    for (const auto& theta : adjusted->theta) {
      EXPECT_GE(theta[0], priors[0].min);
      EXPECT_LE(theta[0], 1.0);
    }
    EXPECT_GT(moments(adjusted->theta, adjusted->weight).mean[0],
              sampler_moments(s.result).mean[0] + 0.02)
        << (log ? "log" : "uniform");
  }
}

Particle particle(double theta, double weight, double distance) {
  return {{theta}, weight, distance, {}, 0};
}

// The regression's weights: importance weight times 1 - (d / bandwidth)^2, normalised; a particle
// at the bandwidth weighs nothing; an infinite bandwidth leaves the importance weights.
TEST(RegressionAdjustment, WeighsParticlesByTheEpanechnikovKernelOfTheirDistance) {
  const std::vector<PriorRange> priors{{0, 1, false}};
  const std::vector<Particle> particles{particle(0.2, 0.1, 0.0), particle(0.4, 0.3, 0.5),
                                        particle(0.5, 0.2, 1.0), particle(0.6, 0.4, 0.8)};
  const std::vector<std::vector<double>> misses{{-0.3}, {0.1}, {0.4}, {0.2}};
  auto adjusted = adjust_local_linear(priors, particles, misses, 1.0);
  ASSERT_TRUE(adjusted) << adjusted.error().message;
  const double total = 0.1 * 1.0 + 0.3 * 0.75 + 0.2 * 0.0 + 0.4 * 0.36;
  EXPECT_NEAR(adjusted->weight[0], 0.1 / total, 1e-12);
  EXPECT_NEAR(adjusted->weight[1], 0.3 * 0.75 / total, 1e-12);
  EXPECT_EQ(adjusted->weight[2], 0.0);
  EXPECT_NEAR(adjusted->weight[3], 0.4 * 0.36 / total, 1e-12);
  auto unbounded = adjust_local_linear(priors, particles, misses, INFINITY);
  ASSERT_TRUE(unbounded) << unbounded.error().message;
  EXPECT_NEAR(unbounded->weight[1], 0.3, 1e-12);
  EXPECT_NEAR(unbounded->weight[2], 0.2, 1e-12);
}

// The points of the targets' bands: uniform in the cube [-1, 1]^n for the largest miss (each
// coordinate's variance 1/3), in the ball of radius sqrt(n) for the root mean square (E|u|^2 =
// n * n / (n + 2)); the same for the same seed and particle, others for another.
TEST(RegressionAdjustment, PointsOfTheBandsAreUniformInTheDistancesUnitRegion) {
  constexpr std::size_t n = 9, draws = 20000;
  double cube_squares = 0, ball_squares = 0;
  for (std::size_t i = 0; i < draws; ++i) {
    const auto cube = point_in_bands(7, i, Distance::max, n);
    const auto ball = point_in_bands(7, i, Distance::rms, n);
    ASSERT_EQ(cube.size(), n);
    double squares = 0;
    for (std::size_t k = 0; k < n; ++k) {
      EXPECT_LE(std::abs(cube[k]), 1.0);
      cube_squares += cube[k] * cube[k];
      squares += ball[k] * ball[k];
    }
    EXPECT_LE(squares, double(n) * (1 + 1e-12));
    ball_squares += squares;
  }
  EXPECT_NEAR(cube_squares / double(draws * n), 1.0 / 3.0, 0.01);
  EXPECT_NEAR(ball_squares / double(draws), double(n * n) / double(n + 2), 0.05);
  EXPECT_EQ(point_in_bands(7, 3, Distance::max, n), point_in_bands(7, 3, Distance::max, n));
  EXPECT_NE(point_in_bands(7, 3, Distance::max, n), point_in_bands(8, 3, Distance::max, n));
  EXPECT_NE(point_in_bands(7, 3, Distance::max, n), point_in_bands(7, 4, Distance::max, n));
}

TEST(RegressionAdjustment, RefusesTooFewParticlesForItsCoefficientsAndRaggedMisses) {
  const std::vector<PriorRange> priors{{0, 1, false}};
  const std::vector<Particle> particles{particle(0.2, 0.5, 0.1), particle(0.4, 0.5, 0.2)};
  auto few = adjust_local_linear(priors, particles, {{0.1}, {0.2}}, 1.0);
  ASSERT_FALSE(few);
  EXPECT_NE(few.error().message.find("2 particles inside the kernel for 2 coefficients"),
            std::string::npos)
      << few.error().message;
  auto ragged = adjust_local_linear(priors, particles, {{0.1}, {0.2, 0.3}}, 1.0);
  ASSERT_FALSE(ragged);
  EXPECT_NE(ragged.error().message.find("unequal"), std::string::npos);
}

}  // namespace
}  // namespace kopa::calibrate
