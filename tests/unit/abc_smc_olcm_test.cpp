// The ABC-SMC sampler under the kernels fitted to the particles (docs/calibration.md): Filippi
// et al. 2013's optimal local covariance, per ancestor ("olcm"), the same in probit coordinates
// ("olcm_probit") and one covariance for every ancestor, their weighted mean ("olcm_mean"). Each
// recovers a posterior known in closed form; their weights turn the proposals back into the
// prior when every proposal is accepted (which a wrong Jacobian of the probit map, or a missing
// normal's own factor, would not); no proposal leaves the prior's range in probit coordinates;
// each is deterministic for a seed whatever the batches and evaluation order; and with 60
// particles in nine dimensions the shared covariance's weights stay balanced where the
// per-ancestor ones collapse (measured, the reason the fifth calibration used "olcm_mean").
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "abc_smc_checks.hpp"
#include "calibrate/abc_smc.hpp"
#include "log_uniform_posterior.hpp"

namespace kopa::calibrate {
namespace olcm_toy {  // named: unity builds share one anonymous namespace

// Two unknowns, the mean of n normal observations each (variance 1): mu_1 with a uniform prior on
// [-5, 5], mu_2 with a log-uniform prior on [0.1, 10]; the data's means 0.7 and 0.7.
constexpr int n = 20;
constexpr double observed_mean = 0.7;
const std::vector<PriorRange> toy_priors{{-5, 5, false}, {0.1, 10, true}};

Expected<std::vector<Evaluation>> evaluate(const std::vector<Proposal>& proposals) {
  std::vector<Evaluation> out;
  for (const auto& p : proposals) {
    std::mt19937_64 engine(static_cast<std::uint64_t>(p.generation) * 1'000'003u + p.slot);
    std::normal_distribution<double> normal(0.0, 1.0 / std::sqrt(double(n)));
    const std::vector<double> means{p.theta[0] + normal(engine), p.theta[1] + normal(engine)};
    const double distance =
        std::max(std::abs(means[0] - observed_mean), std::abs(means[1] - observed_mean));
    out.push_back({distance, means});
  }
  return out;
}

const std::vector<Kernel> fitted_kernels{Kernel::olcm, Kernel::olcm_probit, Kernel::olcm_mean};

SmcSettings olcm_settings(Kernel kernel = Kernel::olcm_probit) {
  SmcSettings s;
  s.particles = 1000;
  s.generations = 11;
  s.seed = 17;
  s.min_acceptance = 0.01;
  s.kernel = kernel;
  return s;
}

struct Moments {
  double mean = 0, sd = 0;
};

// Weighted moments of coordinate j, of the value or (log_scale) of its logarithm.
Moments moments(const std::vector<Particle>& particles, std::size_t j, bool log_scale = false) {
  auto value = [&](const Particle& p) { return log_scale ? std::log(p.theta[j]) : p.theta[j]; };
  Moments m;
  for (const auto& p : particles) m.mean += p.weight * value(p);
  for (const auto& p : particles) m.sd += p.weight * std::pow(value(p) - m.mean, 2);
  m.sd = std::sqrt(m.sd);
  return m;
}

TEST(AbcSmcOlcm, RecoversTheAnalyticPosteriorOfTwoNormalMeans) {
  // mu_1: N(0.7, 1/n) (its prior is flat). mu_2: N(0.7, 1/n) times the prior's 1/mu on
  // [0.1, 10], by quadrature (mean 0.615): a sampler that forgot the prior's density in probit
  // coordinates, or the log-uniform's, would miss it.
  const auto exact_2 = testing::log_uniform_posterior(n, observed_mean);
  const double exact_mean_2 = exact_2.mean;
  const double exact_sd_2 = exact_2.sd;
  const double exact_sd_1 = 1.0 / std::sqrt(double(n));  // 0.224

  for (const Kernel kernel : fitted_kernels) {
    SCOPED_TRACE(static_cast<int>(kernel));
    SmcSettings settings = olcm_settings(kernel);
    auto result = run_abc_smc(toy_priors, settings, evaluate);
    ASSERT_TRUE(result) << result.error().message;
    ASSERT_EQ(result->particles.size(), 1000u);
    EXPECT_FALSE(result->stopped_early);
    const double eps = result->generations.back().tolerance;
    // After eleven halvings the box's own variance eps^2 / 3 is a small part of the data's 1/n.
    ASSERT_LT(eps, 0.1);
    // Monte Carlo error of a mean about sd / sqrt(ESS) (ESS > 300): under 0.06 sd; of an sd,
    // about 4 %; the tolerance left adds up to eps^2 / 3 / (1/n): 7 % to the variance.
    ASSERT_GT(result->generations.back().effective_sample_size, 300.0);
    const Moments m1 = moments(result->particles, 0), m2 = moments(result->particles, 1);
    EXPECT_NEAR(m1.mean, observed_mean, 0.2 * exact_sd_1);
    EXPECT_NEAR(m1.sd, exact_sd_1, 0.12 * exact_sd_1);
    EXPECT_NEAR(m2.mean, exact_mean_2, 0.2 * exact_sd_2);
    EXPECT_NEAR(m2.sd, exact_sd_2, 0.12 * exact_sd_2);
    // Coverage: the weighted share of particles within the exact 90 % interval of mu_1.
    double inside = 0;
    for (const auto& p : result->particles) {
      if (std::abs(p.theta[0] - observed_mean) <= 1.6449 * exact_sd_1) inside += p.weight;
    }
    EXPECT_NEAR(inside, 0.90, 0.04);
    for (const auto& p : result->particles) EXPECT_LE(p.distance, eps);
  }
}

TEST(AbcSmcOlcm, NoProposalLeavesThePriorsRange) {
  SmcSettings settings = olcm_settings();
  settings.particles = 300;
  settings.generations = 6;
  auto result = run_abc_smc(toy_priors, settings, evaluate);
  ASSERT_TRUE(result) << result.error().message;
  for (const auto& g : result->generations) EXPECT_EQ(g.proposed, g.evaluated) << g.generation;
  for (const auto& p : result->particles) {
    EXPECT_GE(p.theta[0], -5.0);
    EXPECT_LE(p.theta[0], 5.0);
    EXPECT_GE(p.theta[1], 0.1);
    EXPECT_LE(p.theta[1], 10.0);
  }
}

TEST(AbcSmcOlcm, WeightsGiveBackThePriorWhenEveryProposalIsAccepted) {
  // Every distance 0, so every tolerance is 0 and every proposal is accepted: the posterior is
  // the prior, and after three generations of probit-space moves the weighted particles must
  // still be uniform over each prior's range in its internal coordinates (log for log-uniform).
  // Leaving out the prior's density in probit coordinates (the Jacobian, the standard normal
  // density) would make them uniform in probit coordinates instead, piled at the ends: an sd of
  // internal coordinates far above the uniform's (range / sqrt 12).
  auto accept_all =
      [](const std::vector<Proposal>& proposals) -> Expected<std::vector<Evaluation>> {
    return std::vector<Evaluation>(proposals.size(), Evaluation{0.0, {}});
  };
  const std::vector<PriorRange> priors{{-5, 5, false}, {0.1, 10, true}, {1, 3, false}};
  for (const Kernel kernel : fitted_kernels) {
    SCOPED_TRACE(static_cast<int>(kernel));
    SmcSettings settings = olcm_settings(kernel);
    settings.particles = 1000;
    settings.generations = 3;
    auto result = run_abc_smc(priors, settings, accept_all);
    ASSERT_TRUE(result) << result.error().message;
    ASSERT_EQ(result->generations.size(), 4u);
    const double ess = result->generations.back().effective_sample_size;
    ASSERT_GT(ess, 300.0);
    for (std::size_t j = 0; j < priors.size(); ++j) {
      const double low = priors[j].log ? std::log(priors[j].min) : priors[j].min;
      const double high = priors[j].log ? std::log(priors[j].max) : priors[j].max;
      const double width = high - low;
      const Moments m = moments(result->particles, j, priors[j].log);
      // The uniform's sd is width / sqrt 12; the mean's MC error sd / sqrt(ESS), the sd's about
      // sd / sqrt(2 ESS) times a kurtosis factor under 1: 4.5 such errors either way.
      const double sd = width / std::sqrt(12.0);
      EXPECT_NEAR(m.mean, low + width / 2, 4.5 * sd / std::sqrt(ess)) << j;
      EXPECT_NEAR(m.sd, sd, 4.5 * sd / std::sqrt(2 * ess)) << j;
      // And the mass in the outer fifths (where a missing Jacobian piles it): 0.4.
      double outer = 0;
      for (const auto& p : result->particles) {
        const double x = priors[j].log ? std::log(p.theta[j]) : p.theta[j];
        const double place = (x - low) / width;
        if (place < 0.2 || place > 0.8) outer += p.weight;
      }
      EXPECT_NEAR(outer, 0.4, 4.5 * std::sqrt(0.24 / ess)) << j;
    }
  }
}

TEST(AbcSmcOlcm, BatchSizeAndEvaluationOrderChangeNothingAndTheKernelMatters) {
  for (const Kernel kernel : fitted_kernels) {
    SCOPED_TRACE(static_cast<int>(kernel));
    SmcSettings settings = olcm_settings(kernel);
    settings.particles = 200;
    settings.generations = 4;
    settings.min_acceptance = 0.01;
    auto whole = run_abc_smc(toy_priors, settings, evaluate);
    settings.batch = 7;
    auto batched = run_abc_smc(toy_priors, settings, testing::evaluated_in_reverse(evaluate));
    ASSERT_TRUE(whole && batched);
    testing::expect_same_particles(*whole, *batched);
    // The same seed under the componentwise kernel: the same prior generation, other moves.
    settings.batch = 0;
    settings.kernel = Kernel::componentwise;
    auto componentwise = run_abc_smc(toy_priors, settings, evaluate);
    ASSERT_TRUE(componentwise);
    EXPECT_EQ(componentwise->prior[0].theta, whole->prior[0].theta);
    EXPECT_NE(componentwise->particles[0].theta, whole->particles[0].theta);
  }
}

}  // namespace olcm_toy
}  // namespace kopa::calibrate

namespace kopa::calibrate::olcm_toy {

TEST(AbcSmcOlcm, WeightsStayBalancedWhenMostParametersAreLooselyFitted) {
  // Nine parameters and 60 particles, as in the shipped calibration; the data fit two tightly
  // and seven loosely (their misses count a quarter). The shared covariance's importance
  // weights must not collapse onto a few particles; the per-ancestor covariances' do (their
  // mixture's components differ in shape and scale, and 30 particles within the tolerance
  // estimate each one in nine dimensions): with 600 particles "olcm" keeps an effective sample
  // size of 128-269, with 60 it falls to 1-2.
  std::vector<PriorRange> priors{{-5, 5, false}, {0.1, 10, true}};
  for (int j = 0; j < 7; ++j) priors.push_back({0.2, 4.0, true});
  auto loose = [](const std::vector<Proposal>& proposals) -> Expected<std::vector<Evaluation>> {
    std::vector<Evaluation> out;
    for (const auto& p : proposals) {
      std::mt19937_64 engine(static_cast<std::uint64_t>(p.generation) * 1'000'003u + p.slot);
      std::normal_distribution<double> normal(0.0, 1.0 / std::sqrt(double(n)));
      double distance = std::max(std::abs(p.theta[0] + normal(engine) - observed_mean),
                                 std::abs(p.theta[1] + normal(engine) - observed_mean));
      for (std::size_t j = 2; j < p.theta.size(); ++j) {
        distance = std::max(distance, std::abs(std::log(p.theta[j]) + normal(engine)) / 4.0);
      }
      out.push_back({distance, {}});
    }
    return out;
  };
  // The smallest effective sample size of any generation, per kernel.
  auto smallest_ess = [&](Kernel kernel) {
    SmcSettings settings = olcm_settings(kernel);
    settings.particles = 60;
    settings.generations = 8;
    auto result = run_abc_smc(priors, settings, loose);
    EXPECT_TRUE(result) << result.error().message;
    double smallest = 60;
    for (const auto& g : result->generations)
      smallest = std::min(smallest, g.effective_sample_size);
    return smallest;
  };
  const double shared = smallest_ess(Kernel::olcm_mean);
  const double componentwise = smallest_ess(Kernel::componentwise);
  const double local = smallest_ess(Kernel::olcm), probit = smallest_ess(Kernel::olcm_probit);
  std::printf(
      "smallest effective sample size of 60: olcm_mean %.1f, componentwise %.1f, olcm %.1f, "
      "olcm_probit %.1f\n",
      shared, componentwise, local, probit);
  // Measured: olcm_mean 25.7, componentwise 42.3; olcm 1.1 and olcm_probit 1.0.
  EXPECT_GT(shared, 15.0);
  EXPECT_GT(componentwise, 15.0);
  EXPECT_LT(local, 0.5 * shared);   // what docs/calibration.md reports: the per-ancestor weights
  EXPECT_LT(probit, 0.5 * shared);  // collapse at this size
}

}  // namespace kopa::calibrate::olcm_toy
