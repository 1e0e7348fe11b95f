// The ABC-SMC sampler on a toy model whose posterior is known in closed form: the mean mu of n
// normal observations with known variance 1, uniform prior on [-5, 5]. The simulated sample mean
// is sufficient, so as the tolerance shrinks the ABC posterior tends to N(xbar, 1/n).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "abc_smc_checks.hpp"
#include "calibrate/abc_smc.hpp"
#include "log_uniform_posterior.hpp"

namespace kopa::calibrate {
namespace {

constexpr int n = 20;
constexpr double observed_mean = 0.7;

// The simulated sample mean of proposal (generation, slot): N(mu, 1/n), its random numbers a
// function of the proposal's place only, as the model's are.
double simulated_mean(const Proposal& p) {
  std::mt19937_64 engine(static_cast<std::uint64_t>(p.generation) * 1'000'003u + p.slot);
  std::normal_distribution<double> normal(0.0, 1.0);
  return p.theta[0] + normal(engine) / std::sqrt(double(n));
}

Expected<std::vector<Evaluation>> evaluate(const std::vector<Proposal>& proposals) {
  std::vector<Evaluation> out;
  for (const auto& p : proposals) {
    const double mean = simulated_mean(p);
    out.push_back({std::abs(mean - observed_mean), {mean}});
  }
  return out;
}

SmcSettings toy_settings() {
  SmcSettings s;
  s.particles = 1000;
  s.generations = 8;
  s.seed = 11;
  s.quantile = 0.5;
  s.min_acceptance = 0.01;
  return s;
}

struct Moments {
  double mean = 0, sd = 0;
};

Moments moments(const SmcResult& r) {
  Moments m;
  for (const auto& p : r.particles) m.mean += p.weight * p.theta[0];
  for (const auto& p : r.particles)
    m.sd += p.weight * (p.theta[0] - m.mean) * (p.theta[0] - m.mean);
  m.sd = std::sqrt(m.sd);
  return m;
}

TEST(AbcSmc, RecoversTheAnalyticPosteriorOfANormalMean) {
  auto result = run_abc_smc({{-5, 5, false}}, toy_settings(), evaluate);
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->particles.size(), 1000u);
  EXPECT_FALSE(result->stopped_early);
  const double exact_sd = 1.0 / std::sqrt(double(n));  // 0.224
  const Moments m = moments(*result);
  // Monte Carlo error of the mean: sd / sqrt(ESS) ~ 0.01; the tolerance left adds eps^2/3 to
  // the variance, under 2 % of it after eight halvings.
  EXPECT_NEAR(m.mean, observed_mean, 0.04);
  EXPECT_NEAR(m.sd, exact_sd, 0.1 * exact_sd);
  // Each generation's tolerance falls, and the last is far below the posterior's width.
  for (std::size_t g = 2; g < result->generations.size(); ++g) {
    EXPECT_LT(result->generations[g].tolerance, result->generations[g - 1].tolerance);
  }
  EXPECT_LT(result->generations.back().tolerance, 0.1 * exact_sd);
  double total = 0;
  for (const auto& p : result->particles) {
    total += p.weight;
    EXPECT_LE(p.distance, result->generations.back().tolerance);
  }
  EXPECT_NEAR(total, 1.0, 1e-12);
  EXPECT_GT(result->generations.back().effective_sample_size, 300.0);
}

TEST(AbcSmc, LogUniformPriorWeighsParticlesByItsDensity) {
  // A log-uniform prior on [0.1, 10]: density 1/mu, which pulls the posterior below the data's
  // mean. The exact posterior, N(0.7, 1/n) times 1/mu, by quadrature: a sampler that weighed
  // particles as if the prior were uniform in mu would miss its mean by 0.085.
  const auto exact = testing::log_uniform_posterior(n, observed_mean);
  const double exact_mean = exact.mean;  // 0.615
  const double exact_sd = exact.sd;
  auto result = run_abc_smc({{0.1, 10, true}}, toy_settings(), evaluate);
  ASSERT_TRUE(result) << result.error().message;
  for (const auto& p : result->particles) {
    EXPECT_GE(p.theta[0], 0.1);
    EXPECT_LE(p.theta[0], 10.0);
  }
  const Moments m = moments(*result);
  EXPECT_NEAR(m.mean, exact_mean, 0.03);
  EXPECT_NEAR(m.sd, exact_sd, 0.1 * exact_sd);
}

TEST(AbcSmc, BatchSizeAndEvaluationOrderChangeNothing) {
  // Acceptance goes by slot order, and every draw is a function of (seed, generation, slot):
  // evaluating 7 proposals at a time, or in reverse order, must give the same particles bit for
  // bit (the model evaluator spreads a batch over threads in any order).
  SmcSettings settings = toy_settings();
  settings.particles = 200;
  settings.generations = 4;
  auto whole = run_abc_smc({{-5, 5, false}}, settings, evaluate);
  settings.batch = 7;
  auto batched = run_abc_smc({{-5, 5, false}}, settings, testing::evaluated_in_reverse(evaluate));
  ASSERT_TRUE(whole && batched);
  testing::expect_same_particles(*whole, *batched);
  // A different seed gives other particles.
  settings.seed = 12;
  auto other = run_abc_smc({{-5, 5, false}}, settings, evaluate);
  EXPECT_NE(other->particles[0].theta, whole->particles[0].theta);
}

TEST(AbcSmc, StopsWhenAcceptanceFallsBelowItsFloorAndKeepsTheLastFullGeneration) {
  // A distance that never gets below 0.5 (noise of its own): the tolerance cannot fall forever.
  auto noisy = [](const std::vector<Proposal>& proposals) -> Expected<std::vector<Evaluation>> {
    std::vector<Evaluation> out;
    for (const auto& p : proposals) {
      std::mt19937_64 engine(p.generation * 7919u + p.slot);
      out.push_back({0.5 + std::uniform_real_distribution<double>(0, 1)(engine), {}});
    }
    return out;
  };
  SmcSettings settings = toy_settings();
  settings.particles = 100;
  settings.generations = 30;
  settings.min_acceptance = 0.2;
  auto result = run_abc_smc({{-5, 5, false}}, settings, noisy);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_TRUE(result->stopped_early);
  EXPECT_LT(result->generations.size(), 31u);
  EXPECT_EQ(result->particles.size(), 100u);
  for (const auto& g : result->generations) EXPECT_LE(g.evaluated, max_proposals(settings));
}

TEST(AbcSmc, RefusesAnEmptyRangeAndPassesOnTheEvaluatorsError) {
  EXPECT_FALSE(run_abc_smc({{1, 1, false}}, toy_settings(), evaluate));
  EXPECT_FALSE(run_abc_smc({{0, 1, true}}, toy_settings(), evaluate));
  auto failing = [](const std::vector<Proposal>&) -> Expected<std::vector<Evaluation>> {
    return Error{"disk full"};
  };
  auto result = run_abc_smc({{-5, 5, false}}, toy_settings(), failing);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "disk full");
}

TEST(AbcSmc, WeightedQuantile) {
  EXPECT_EQ(weighted_quantile({3, 1, 2}, {1, 1, 1}, 0.5), 2);
  EXPECT_EQ(weighted_quantile({3, 1, 2}, {0, 0, 1}, 0.5), 2);
  EXPECT_EQ(weighted_quantile({3, 1, 2}, {1, 0, 0}, 0.1), 3);
  EXPECT_EQ(weighted_quantile({3, 1, 2}, {1, 1, 1}, 1.0), 3);
}

}  // namespace
}  // namespace kopa::calibrate
