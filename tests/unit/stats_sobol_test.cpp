// Sobol' indices against functions whose indices are known analytically, on kopa's own Saltelli
// design (sweep::make_design): Ishigami and Sobol' G, converging as N grows, every analytic index
// inside its bootstrap interval; and what the estimator must refuse or flag.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <numbers>

#include "design_test_support.hpp"
#include "stats/sensitivity_report.hpp"
#include "stats/sobol_indices.hpp"
#include "sweep/design.hpp"

namespace kopa::stats {
namespace {

using Model = testing::TestFunction;
using testing::outputs;
using testing::range;

struct Truth {
  std::vector<double> first_order;
  std::vector<double> total_order;
};

sweep::Design sobol_design(const std::vector<sweep::Factor>& factors, int samples) {
  auto design = sweep::make_design(factors, {.kind = sweep::DesignKind::sobol, .samples = samples});
  if (!design) ADD_FAILURE() << design.error().message;
  return design ? *design : sweep::Design{};
}

SaltelliOutputs blocks_of(const sweep::Design& design, const std::vector<double>& y) {
  auto blocks = saltelli_outputs(design.sobol_block, design.factor_paths.size(), y);
  if (!blocks) ADD_FAILURE() << blocks.error().message;
  return blocks ? *blocks : SaltelliOutputs{};
}

SobolIndices estimate(const std::vector<sweep::Factor>& factors, int samples, const Model& model,
                      std::uint32_t draws = 500) {
  const sweep::Design design = sobol_design(factors, samples);
  auto s = sobol_indices(blocks_of(design, outputs(design, model)), {.draws = draws});
  if (!s) ADD_FAILURE() << s.error().message;
  return s ? *s : SobolIndices{};
}

// Ishigami & Homma (1990), a = 7, b = 0.1, x uniform on [-pi, pi]^3. Partial variances from
// Saltelli et al. (2008), Global Sensitivity Analysis: The Primer, section 4.9 (Sobol' & Levitan
// 1999): V1 = (1 + b pi^4 / 5)^2 / 2, V2 = a^2 / 8, V13 = b^2 pi^8 (1/18 - 1/50).
const double ishigami_a = 7, ishigami_b = 0.1, pi = std::numbers::pi;

double ishigami(const std::vector<double>& x) {
  return std::sin(x[0]) + ishigami_a * std::pow(std::sin(x[1]), 2) +
         ishigami_b * std::pow(x[2], 4) * std::sin(x[0]);
}

Truth ishigami_truth() {
  const double v1 = 0.5 * std::pow(1 + ishigami_b * std::pow(pi, 4) / 5, 2);
  const double v2 = ishigami_a * ishigami_a / 8;
  const double v13 = ishigami_b * ishigami_b * std::pow(pi, 8) * (1.0 / 18 - 1.0 / 50);
  const double v = v1 + v2 + v13;
  return {{v1 / v, v2 / v, 0.0}, {(v1 + v13) / v, v2 / v, v13 / v}};  // S1 .314 .442 0
}

const std::vector<sweep::Factor> ishigami_factors{range("x1", -pi, pi), range("x2", -pi, pi),
                                                  range("x3", -pi, pi)};

// Sobol' G function (Saltelli & Sobol' 1995): prod (|4 x_i - 2| + a_i) / (1 + a_i) on [0,1]^k.
// V_i = 1 / (3 (1 + a_i)^2), V = prod (1 + V_i) - 1, S1_i = V_i / V,
// ST_i = V_i prod_{j != i} (1 + V_j) / V (Saltelli et al. 2010, section 5).
const std::vector<double> g_a{0, 1, 4.5, 9, 99};

double g_function(const std::vector<double>& x) {
  double product = 1;
  for (std::size_t i = 0; i < x.size(); ++i) {
    product *= (std::abs(4 * x[i] - 2) + g_a[i]) / (1 + g_a[i]);
  }
  return product;
}

Truth g_truth() {
  std::vector<double> partial;
  double all = 1;
  for (const double a : g_a) {
    partial.push_back(1.0 / (3 * (1 + a) * (1 + a)));
    all *= 1 + partial.back();
  }
  const double v = all - 1;
  Truth truth;
  for (const double vi : partial) {
    truth.first_order.push_back(vi / v);
    truth.total_order.push_back(vi * all / (1 + vi) / v);
  }
  return truth;
}

std::vector<sweep::Factor> g_factors() {
  std::vector<sweep::Factor> factors;
  for (std::size_t i = 0; i < g_a.size(); ++i)
    factors.push_back(range(std::string("x").append(std::to_string(i)), 0, 1));
  return factors;
}

double worst_error(const SobolIndices& s, const Truth& truth) {
  double worst = 0;
  for (std::size_t i = 0; i < truth.first_order.size(); ++i) {
    worst = std::max(worst, std::abs(s.factors[i].first_order.value - truth.first_order[i]));
    worst = std::max(worst, std::abs(s.factors[i].total_order.value - truth.total_order[i]));
  }
  return worst;
}

// How many analytic indices fall outside their 95 % interval.
int misses(const SobolIndices& s, const Truth& truth) {
  int missed = 0;
  for (std::size_t i = 0; i < truth.first_order.size(); ++i) {
    const auto& f = s.factors[i];
    missed += truth.first_order[i] < f.first_order.low || truth.first_order[i] > f.first_order.high;
    missed += truth.total_order[i] < f.total_order.low || truth.total_order[i] > f.total_order.high;
  }
  return missed;
}

// Prints the convergence table (N, worst error, widest interval, misses) and checks that the
// error falls as N grows and the intervals hold the analytic indices.
void expect_convergence(const char* name, const std::vector<sweep::Factor>& factors,
                        const Model& model, const Truth& truth, double final_tolerance) {
  std::printf("%s: N, worst |error| over S1 and ST, widest 95%% interval, analytic outside\n",
              name);
  std::vector<double> errors;
  for (const int n : {64, 256, 1024, 4096}) {
    const SobolIndices s = estimate(factors, n, model);
    ASSERT_EQ(s.factors.size(), truth.first_order.size());
    double widest = 0;
    for (const auto& f : s.factors) {
      widest = std::max(
          {widest, f.first_order.high - f.first_order.low, f.total_order.high - f.total_order.low});
    }
    errors.push_back(worst_error(s, truth));
    std::printf("  N = %5d  error %.4f  widest %.4f  outside %d\n", n, errors.back(), widest,
                misses(s, truth));
    EXPECT_EQ(misses(s, truth), 0) << name << " at N = " << n;
  }
  EXPECT_LT(errors.back(), final_tolerance) << name;
  EXPECT_LT(errors.back(), errors.front() / 4) << name << ": 64 times the rows, error not / 4";
}

TEST(SobolIndices, IshigamiConvergesToItsAnalyticIndices) {
  expect_convergence("Ishigami", ishigami_factors, ishigami, ishigami_truth(), 0.01);
}

TEST(SobolIndices, SobolGConvergesToItsAnalyticIndices) {
  expect_convergence("Sobol' G", g_factors(), g_function, g_truth(), 0.01);
}

TEST(SobolIndices, AdditiveModelSplitsVarianceByCoefficientSquared) {
  // y = x1 + 2 x2 on [0,1]^2: V = 1/12 + 4/12, so S_1 = S_T1 = 1/5 and S_2 = S_T2 = 4/5; the
  // sum of S1 is 1 (no interactions).
  const auto s = estimate({range("x1", 0, 1), range("x2", 0, 1)}, 1 << 12,
                          [](const auto& x) { return x[0] + 2 * x[1]; });
  ASSERT_EQ(s.factors.size(), 2u);
  EXPECT_NEAR(s.factors[0].first_order.value, 0.2, 1e-3);
  EXPECT_NEAR(s.factors[1].first_order.value, 0.8, 1e-3);
  EXPECT_NEAR(s.factors[0].total_order.value, 0.2, 1e-3);
  EXPECT_NEAR(s.factors[1].total_order.value, 0.8, 1e-3);
  EXPECT_NEAR(s.first_order_sum.value, 1.0, 2e-3);
}

TEST(SobolIndices, AFactorWithoutEffectHasZeroIndicesAndAZeroInterval) {
  const auto s = estimate({range("x1", 0, 1), range("unused", 0, 1)}, 64,
                          [](const auto& x) { return std::exp(x[0]); });
  EXPECT_EQ(s.factors[1].first_order.value, 0.0);
  EXPECT_EQ(s.factors[1].total_order.value, 0.0);
  EXPECT_EQ(s.factors[1].total_order.high, 0.0);
  EXPECT_GT(s.factors[0].first_order.value, 0.9);
}

TEST(SobolIndices, CentringMakesALargeOffsetHarmless) {
  // An output of 1e6 + Ishigami has the same indices as Ishigami; uncentred, the S1 estimator's
  // error would grow with the offset (the hand-written [-7, 7] interval of issue 14).
  const Truth truth = ishigami_truth();
  const auto s = estimate(ishigami_factors, 1024, [](const auto& x) { return 1e6 + ishigami(x); });
  EXPECT_EQ(misses(s, truth), 0);
  for (const auto& f : s.factors) EXPECT_LT(f.first_order.high - f.first_order.low, 0.3);
}

TEST(SaltelliOutputs, KeepsOnlyRowsWhosePointsAllHaveOutputs) {
  const sweep::Design design = sobol_design(ishigami_factors, 8);  // 5 blocks of 8 points
  std::vector<double> y = outputs(design, ishigami);
  y[3] = NAN;          // A, row 3
  y[8 * 4 + 6] = NAN;  // AB_3, row 6
  const SaltelliOutputs blocks = blocks_of(design, y);
  EXPECT_EQ(blocks.design_rows, 8u);
  EXPECT_EQ(blocks.rows, (std::vector<std::size_t>{0, 1, 2, 4, 5, 7}));
  ASSERT_EQ(blocks.ab.size(), 3u);
  EXPECT_EQ(blocks.a[3], y[4]);              // row 4 of A
  EXPECT_EQ(blocks.ab[2][5], y[8 * 4 + 7]);  // row 7 of AB_3
}

TEST(SaltelliOutputs, RejectsBlocksThatDoNotFit) {
  const std::vector<double> y(6, 1.0);
  EXPECT_EQ(saltelli_outputs(std::vector<std::int32_t>{0, 1, 2, 0, 1, 3}, 1, y).error().message,
            "point 5 is in block 3; a Sobol' design of 1 factors has blocks 0..2");
  EXPECT_EQ(saltelli_outputs(std::vector<std::int32_t>{0, 1, 2, 0, 1, 1}, 1, y).error().message,
            "the Sobol' design's blocks have unequal lengths");
  EXPECT_EQ(saltelli_outputs(std::vector<std::int32_t>{0, 1, 2}, 1, y).error().message,
            "the design has 3 points but there are 6 outputs");
}

TEST(SobolIndices, RefusesTooFewRowsAndConstantOutputs) {
  SaltelliOutputs one{{1.0}, {2.0}, {{3.0}}, {0}, 1};
  EXPECT_EQ(sobol_indices(one).error().message,
            "a Sobol' analysis needs at least 2 complete base rows; there are 1");
  SaltelliOutputs constant{{1.0, 1.0}, {1.0, 1.0}, {{1.0, 1.0}}, {0, 1}, 2};
  EXPECT_EQ(sobol_indices(constant).error().message,
            "the outputs do not vary; Sobol' indices are undefined");
}

TEST(SobolIndices, SameSeedSameIntervalsOtherSeedOthers) {
  const sweep::Design design = sobol_design(ishigami_factors, 64);
  const SaltelliOutputs blocks = blocks_of(design, outputs(design, ishigami));
  const auto first = sobol_indices(blocks, {.seed = 5, .draws = 300});
  const auto again = sobol_indices(blocks, {.seed = 5, .draws = 300});
  const auto other = sobol_indices(blocks, {.seed = 6, .draws = 300});
  ASSERT_TRUE(first && again && other);
  EXPECT_EQ(first->factors[0].first_order.low, again->factors[0].first_order.low);
  EXPECT_NE(first->factors[0].first_order.low, other->factors[0].first_order.low);
  EXPECT_EQ(first->factors[0].first_order.value, other->factors[0].first_order.value);
}

TEST(SobolIndices, FlagsFirstOrderAboveTotalBeyondNoise) {
  // No model gives S1 > ST; these outputs do: f(AB) = f(A) + 0.2 f(B), so S1 is about 0.2 and ST
  // about 0.02. The flag says the estimates cannot be trusted.
  SaltelliOutputs outputs;
  for (int r = 0; r < 200; ++r) {
    const double a = std::sin(r * 1.7), b = std::cos(r * 2.3);
    outputs.a.push_back(a);
    outputs.b.push_back(b);
    outputs.rows.push_back(static_cast<std::size_t>(r));
  }
  outputs.ab.emplace_back();
  for (int r = 0; r < 200; ++r) outputs.ab[0].push_back(outputs.a[r] + 0.2 * outputs.b[r]);
  outputs.design_rows = 200;
  const auto s = sobol_indices(outputs, {.draws = 500});
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_TRUE(s->factors[0].first_exceeds_total);
  // Ishigami at a large N has no such flag.
  for (const auto& f : estimate(ishigami_factors, 4096, ishigami).factors) {
    EXPECT_FALSE(f.first_exceeds_total);
  }
}

// ---- the report's warnings and notes ---------------------------------------------------------

analysis::AnalysedOutput output_of(const std::vector<double>& means) {
  analysis::AnalysedOutput output;
  output.metric.name = "y";
  output.replicates = 1;
  output.points.mean = means;
  output.points.runs.assign(means.size(), 1);
  output.points.noise_share = output.points.noise_share_of_means = NAN;
  return output;
}

TEST(SobolReport, WarnsWhenIntervalsAreTooWideAndNotesDroppedRows) {
  const sweep::Design small = sobol_design(ishigami_factors, 16);
  std::vector<double> y = outputs(small, ishigami);
  y[16 + 2] = NAN;  // B, row 2
  const auto report = analysis::analyse_sobol(output_of(y), small.factor_paths, small.sobol_block,
                                              16, {.draws = 300});
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_TRUE(report->indices);
  EXPECT_EQ(report->indices->rows, 15u);
  EXPECT_EQ(report->dropped_rows, std::vector<std::size_t>{2});
  ASSERT_FALSE(report->warnings.empty());
  EXPECT_NE(report->warnings.front().find("increase `samples` (N = 16)"), std::string::npos)
      << report->warnings.front();
  ASSERT_FALSE(report->notes.empty());
  EXPECT_NE(report->notes.front().find("left out 1 of 16 base rows"), std::string::npos);

  const sweep::Design large = sobol_design(ishigami_factors, 4096);
  const auto fine = analysis::analyse_sobol(output_of(outputs(large, ishigami)), large.factor_paths,
                                            large.sobol_block, 4096, {.draws = 300});
  ASSERT_TRUE(fine);
  EXPECT_TRUE(fine->warnings.empty()) << fine->warnings.front();
}

TEST(SobolReport, NoCompleteRowIsAReasonNotAnError) {
  const sweep::Design design = sobol_design(ishigami_factors, 4);
  std::vector<double> y(design.points.size(), NAN);
  const auto report =
      analysis::analyse_sobol(output_of(y), design.factor_paths, design.sobol_block, 4);
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->indices);
  EXPECT_EQ(report->undefined,
            "a Sobol' analysis needs at least 2 complete base rows; there are 0");
}

}  // namespace
}  // namespace kopa::stats
