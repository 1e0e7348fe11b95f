#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <numbers>

#include "sweep/design.hpp"
#include "sweep/sensitivity.hpp"

namespace kopa::sweep {
namespace {

using Model = std::function<double(const std::vector<double>&)>;

Factor range(std::string path, double min, double max) {
  return Factor{.path = std::move(path), .values = std::nullopt, .min = min, .max = max};
}

Design build(const std::vector<Factor>& factors, const DesignSettings& settings) {
  auto design = make_design(factors, settings);
  if (!design) ADD_FAILURE() << design.error().message;
  return design ? *design : Design{};
}

std::vector<double> outputs(const Design& design, const Model& model) {
  std::vector<double> y;
  for (const auto& point : design.points) y.push_back(model(point));
  return y;
}

SobolIndices sobol(const std::vector<Factor>& factors, int samples, const Model& model) {
  const Design d = build(factors, {.kind = DesignKind::sobol, .samples = samples});
  auto s = sobol_indices(d, outputs(d, model));
  if (!s) ADD_FAILURE() << s.error().message;
  return s ? *s : SobolIndices{};
}

// ---- Sobol' indices ---------------------------------------------------------------------------

TEST(SobolIndices, AdditiveModelSplitsVarianceByCoefficientSquared) {
  // y = x1 + 2 x2 on [0,1]^2: V = 1/12 + 4/12, so S_1 = S_T1 = 1/5 and S_2 = S_T2 = 4/5.
  const auto s = sobol({range("x1", 0, 1), range("x2", 0, 1)}, 1 << 12,
                       [](const auto& x) { return x[0] + 2 * x[1]; });
  ASSERT_EQ(s.first_order.size(), 2u);
  EXPECT_NEAR(s.first_order[0], 0.2, 1e-3);
  EXPECT_NEAR(s.first_order[1], 0.8, 1e-3);
  EXPECT_NEAR(s.total_order[0], 0.2, 1e-3);
  EXPECT_NEAR(s.total_order[1], 0.8, 1e-3);
}

TEST(SobolIndices, AFactorWithoutEffectHasZeroIndices) {
  const auto s = sobol({range("x1", 0, 1), range("unused", 0, 1)}, 64,
                       [](const auto& x) { return std::exp(x[0]); });
  EXPECT_EQ(s.first_order[1], 0.0);
  EXPECT_EQ(s.total_order[1], 0.0);
  EXPECT_GT(s.first_order[0], 0.9);
}

TEST(SobolIndices, IshigamiMatchesItsAnalyticIndices) {
  // Ishigami & Homma (1990), a = 7, b = 0.1, x uniform on [-pi, pi]^3; indices from Saltelli et
  // al. (2008) Global Sensitivity Analysis: The Primer, section 4.9 (Sobol & Levitan 1999).
  const double a = 7, b = 0.1, pi = std::numbers::pi;
  const double pi4 = std::pow(pi, 4), pi8 = std::pow(pi, 8);
  const double v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5), v2 = a * a / 8;
  const double v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50);
  const double v = v1 + v2 + v13;
  const auto s = sobol({range("x1", -pi, pi), range("x2", -pi, pi), range("x3", -pi, pi)}, 1 << 14,
                       [&](const auto& x) {
                         return std::sin(x[0]) + a * std::pow(std::sin(x[1]), 2) +
                                b * std::pow(x[2], 4) * std::sin(x[0]);
                       });
  EXPECT_NEAR(s.first_order[0], v1 / v, 0.005);  // 0.314
  EXPECT_NEAR(s.first_order[1], v2 / v, 0.005);  // 0.442
  EXPECT_NEAR(s.first_order[2], 0.0, 0.005);
  EXPECT_NEAR(s.total_order[0], (v1 + v13) / v, 0.005);  // 0.558
  EXPECT_NEAR(s.total_order[1], v2 / v, 0.005);          // 0.442
  EXPECT_NEAR(s.total_order[2], v13 / v, 0.005);         // 0.244
}

TEST(SobolIndices, RejectsOtherDesignsWrongCountsAndConstantOutputs) {
  const std::vector<Factor> f{range("x", 0, 1)};
  const Design d = build(f, {.kind = DesignKind::sobol, .samples = 8});
  EXPECT_EQ(sobol_indices(d, std::vector<double>(23, 1.0)).error().message,
            "the sobol design has 24 points but there are 23 outputs");
  EXPECT_EQ(sobol_indices(d, std::vector<double>(24, 1.0)).error().message,
            "the outputs do not vary; Sobol' indices are undefined");
  std::vector<double> y = outputs(d, [](const auto& x) { return x[0]; });
  y[5] = NAN;
  EXPECT_EQ(sobol_indices(d, y).error().message, "the output of point 5 is not a finite number");
  const Design lhs = build(f, {.kind = DesignKind::lhs, .samples = 24});
  EXPECT_EQ(sobol_indices(lhs, std::vector<double>(24, 1.0)).error().message,
            "sobol statistics need a sobol design; this one is lhs");
}

// ---- Morris -----------------------------------------------------------------------------------

TEST(MorrisStatistics, LinearModelGivesCoefficientTimesRangeAndNoSpread) {
  // y = 3 x1 - 2 x2 + 0 x3: EE_i = c_i (max_i - min_i) at every step, so sigma = 0.
  const std::vector<Factor> f{range("x1", 0, 2), range("x2", 10, 20), range("x3", -1, 1)};
  const Design d = build(f, {.kind = DesignKind::morris, .trajectories = 12, .levels = 4});
  const auto m = morris_statistics(
      d, outputs(d, [](const auto& x) { return 3 * x[0] - 2 * x[1] + 0 * x[2]; }));
  ASSERT_TRUE(m) << m.error().message;
  const std::vector<double> mu{6, -20, 0};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(m->mu[i], mu[i], 1e-9) << "factor " << i;
    EXPECT_NEAR(m->mu_star[i], std::abs(mu[i]), 1e-9) << "factor " << i;
    EXPECT_NEAR(m->sigma[i], 0.0, 1e-9) << "factor " << i;
  }
}

TEST(MorrisStatistics, InteractionShowsAsSpreadAndSignChangesLowerMu) {
  // y = (x1 - 0.5) x2 on [0,1]^2: the effect of x2 changes sign with x1, so mu* > |mu| and
  // sigma > 0; the effect of x1 is x2, never negative, so mu* = mu.
  const Design d = build({range("x1", 0, 1), range("x2", 0, 1)},
                         {.kind = DesignKind::morris, .trajectories = 40, .levels = 4, .seed = 3});
  const auto m =
      morris_statistics(d, outputs(d, [](const auto& x) { return (x[0] - 0.5) * x[1]; }));
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_GT(m->sigma[0], 0.1);
  EXPECT_GT(m->sigma[1], 0.1);
  EXPECT_NEAR(m->mu_star[0], m->mu[0], 1e-12);
  EXPECT_GT(m->mu_star[1], std::abs(m->mu[1]) + 0.1);
}

TEST(MorrisStatistics, OneTrajectoryHasNoSigmaAndWrongInputsAreErrors) {
  const std::vector<Factor> f{range("x", 0, 1)};
  const Design d = build(f, {.kind = DesignKind::morris, .trajectories = 1, .levels = 2});
  const auto m = morris_statistics(d, std::vector<double>{0.0, 1.0});
  ASSERT_TRUE(m);
  EXPECT_TRUE(std::isnan(m->sigma[0]));
  EXPECT_EQ(std::abs(m->mu[0]), 1.0);
  EXPECT_EQ(morris_statistics(d, std::vector<double>{1.0}).error().message,
            "the morris design has 2 points but there are 1 outputs");
  Factor levels = range("x", 0, 1);
  levels.levels = 2;
  const Design grid = build({levels}, {.kind = DesignKind::grid});
  EXPECT_EQ(morris_statistics(grid, std::vector<double>{0.0, 1.0}).error().message,
            "morris statistics need a morris design; this one is grid");
}

}  // namespace
}  // namespace kopa::sweep
