// Morris elementary effects on kopa's own Morris design (sweep::make_design): a linear function
// gives mu* = |coefficient| x range exactly, interactions show as spread, incomplete
// trajectories are dropped whole.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "design_test_support.hpp"
#include "stats/morris_effects.hpp"
#include "stats/sensitivity_report.hpp"
#include "sweep/design.hpp"

namespace kopa::stats {
namespace {

using Model = testing::TestFunction;
using testing::outputs;
using testing::range;

sweep::Design morris_design(const std::vector<sweep::Factor>& factors, int trajectories,
                            std::uint64_t seed = 1) {
  auto design = sweep::make_design(
      factors,
      {.kind = sweep::DesignKind::morris, .trajectories = trajectories, .levels = 4, .seed = seed});
  if (!design) ADD_FAILURE() << design.error().message;
  return design ? *design : sweep::Design{};
}

std::vector<MorrisMove> moves_of(const sweep::Design& design) {
  std::vector<MorrisMove> moves;
  for (const auto& step : design.morris_steps) {
    moves.push_back({step.trajectory, step.factor, step.direction});
  }
  return moves;
}

ElementaryEffects effects_of(const sweep::Design& design, const std::vector<double>& y) {
  auto effects =
      elementary_effects(moves_of(design), design.morris_delta, design.factor_paths.size(), y);
  if (!effects) ADD_FAILURE() << effects.error().message;
  return effects ? *effects : ElementaryEffects{};
}

TEST(MorrisStatistics, LinearFunctionGivesCoefficientTimesRangeAndRanksByIt) {
  // y = 3 x1 - 2 x2 + 0 x3: EE_i = c_i (max_i - min_i) at every step, so sigma = 0, the mu*
  // interval is the point itself, and the ranks are x2 (20), x1 (6), x3 (0).
  const sweep::Design d =
      morris_design({range("x1", 0, 2), range("x2", 10, 20), range("x3", -1, 1)}, 12);
  const auto m = morris_statistics(
      effects_of(d, outputs(d, [](const auto& x) { return 3 * x[0] - 2 * x[1] + 0 * x[2]; })),
      {.draws = 200});
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_EQ(m->trajectories, 12u);
  const std::vector<double> mu{6, -20, 0};
  const std::vector<std::size_t> rank{2, 1, 3};
  for (std::size_t i = 0; i < 3; ++i) {
    const MorrisFactorStatistics& f = m->factors[i];
    EXPECT_NEAR(f.mu, mu[i], 1e-9) << "factor " << i;
    EXPECT_NEAR(f.mu_star.value, std::abs(mu[i]), 1e-9) << "factor " << i;
    EXPECT_NEAR(f.mu_star.low, std::abs(mu[i]), 1e-9) << "factor " << i;
    EXPECT_NEAR(f.mu_star.high, std::abs(mu[i]), 1e-9) << "factor " << i;
    EXPECT_NEAR(f.sigma, 0.0, 1e-9) << "factor " << i;
    EXPECT_EQ(f.rank, rank[i]) << "factor " << i;
  }
}

TEST(MorrisStatistics, InteractionShowsAsSpreadAndAnIntervalAroundMuStar) {
  // y = (x1 - 0.5) x2 on [0,1]^2: the effect of x2 changes sign with x1, so mu* > |mu| and
  // sigma > 0; the effect of x1 is x2, never negative, so mu* = mu.
  const sweep::Design d = morris_design({range("x1", 0, 1), range("x2", 0, 1)}, 40, 3);
  const auto m = morris_statistics(
      effects_of(d, outputs(d, [](const auto& x) { return (x[0] - 0.5) * x[1]; })), {.draws = 500});
  ASSERT_TRUE(m) << m.error().message;
  EXPECT_GT(m->factors[0].sigma, 0.1);
  EXPECT_GT(m->factors[1].sigma, 0.1);
  EXPECT_NEAR(m->factors[0].mu_star.value, m->factors[0].mu, 1e-12);
  EXPECT_GT(m->factors[1].mu_star.value, std::abs(m->factors[1].mu) + 0.1);
  for (const auto& f : m->factors) {
    EXPECT_LT(f.mu_star.low, f.mu_star.value);
    EXPECT_GT(f.mu_star.high, f.mu_star.value);
  }
}

TEST(ElementaryEffects, DropsWholeTrajectoriesWithAPointWithoutOutput) {
  const sweep::Design d = morris_design({range("x1", 0, 1), range("x2", 0, 1)}, 5);
  std::vector<double> y = outputs(d, [](const auto& x) { return x[0] + x[1]; });
  y[4] = NAN;  // trajectory 1 (points 3..5)
  const ElementaryEffects e = effects_of(d, y);
  EXPECT_EQ(e.design_trajectories, 5u);
  EXPECT_EQ(e.trajectories, (std::vector<int>{0, 2, 3, 4}));
  ASSERT_EQ(e.effects.size(), 4u);
  for (const auto& row : e.effects) EXPECT_EQ(row.size(), 2u);

  const auto report =
      analysis::analyse_morris(analysis::AnalysedOutput{{}, 0, 1, point_outputs({})},
                               d.factor_paths, moves_of(d), d.morris_delta);
  EXPECT_FALSE(report) << "outputs and design disagree in size";
}

TEST(ElementaryEffects, RejectsWhatIsNotAMorrisTrajectory) {
  const std::vector<double> y{0, 1, 2};
  EXPECT_EQ(
      elementary_effects(std::vector<MorrisMove>{{0, -1, 0}, {0, 0, 1}, {0, 0, -1}}, 0.5, 2, y)
          .error()
          .message,
      "trajectory 0 has a step that is not a move of a new factor by +-delta");
  EXPECT_EQ(elementary_effects(std::vector<MorrisMove>{{0, -1, 0}, {0, 0, 1}, {1, 1, 1}}, 0.5, 2, y)
                .error()
                .message,
            "trajectory 0 does not start at a first point and move each of the 2 factors once");
  EXPECT_EQ(morris_statistics(ElementaryEffects{}).error().message,
            "a Morris analysis needs at least one complete trajectory");
}

TEST(MorrisReport, WarnsBelowTheTrajectoriesThePrimerUses) {
  const sweep::Design d = morris_design({range("x1", 0, 1), range("x2", 0, 1)}, 4);
  analysis::AnalysedOutput output;
  output.metric.name = "y";
  output.replicates = 2;
  std::vector<std::vector<double>> runs;
  for (const auto& point : d.points) runs.push_back({point[0], point[0] + 0.01});
  output.points = point_outputs(runs);
  const auto report =
      analysis::analyse_morris(output, d.factor_paths, moves_of(d), d.morris_delta, {.draws = 100});
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_TRUE(report->statistics);
  ASSERT_EQ(report->warnings.size(), 1u);
  EXPECT_NE(report->warnings[0].find("only 4 complete trajectories"), std::string::npos);
}

}  // namespace
}  // namespace kopa::stats
