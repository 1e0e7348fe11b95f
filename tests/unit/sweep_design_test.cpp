#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "sweep/design.hpp"
#include "sweep/sobol_sequence.hpp"

namespace kopa::sweep {
namespace {

Factor range(std::string path, double min, double max, int levels = 0) {
  return Factor{
      .path = std::move(path), .values = std::nullopt, .min = min, .max = max, .levels = levels};
}

Factor list(std::string path, std::vector<double> values) {
  Factor f;
  f.path = std::move(path);
  f.values = std::move(values);
  return f;
}

// Appends rather than `"f" + std::to_string(i)`, which trips GCC 12's false -Wrestrict (PR 105329).
std::string numbered(std::string prefix, int i) {
  prefix += std::to_string(i);
  return prefix;
}

Design build(const std::vector<Factor>& factors, const DesignSettings& settings) {
  auto design = make_design(factors, settings);
  if (!design) ADD_FAILURE() << design.error().message;
  return design ? *design : Design{};
}

std::string error_of(const std::vector<Factor>& factors, const DesignSettings& settings) {
  const auto design = make_design(factors, settings);
  return design ? "(no error)" : design.error().message;
}

// ---- grid -------------------------------------------------------------------------------------

TEST(GridDesign, IsTheFullFactorialWithTheLastFactorFastest) {
  const Design d = build({list("a", {1, 2, 3}), range("b", 0, 10, 3)}, {.kind = DesignKind::grid});
  const std::vector<std::vector<double>> expected{{1, 0},  {1, 5}, {1, 10}, {2, 0}, {2, 5},
                                                  {2, 10}, {3, 0}, {3, 5},  {3, 10}};
  EXPECT_EQ(d.points, expected);
  EXPECT_EQ(d.factor_paths, (std::vector<std::string>{"a", "b"}));
}

TEST(GridDesign, LogRangeIsLogSpacedWithExactEnds) {
  Factor f = range("rate", 1, 1000, 4);
  f.log = true;
  const Design d = build({f}, {.kind = DesignKind::grid});
  ASSERT_EQ(d.points.size(), 4u);
  EXPECT_EQ(d.points[0][0], 1.0);
  EXPECT_NEAR(d.points[1][0], 10.0, 1e-9);
  EXPECT_NEAR(d.points[2][0], 100.0, 1e-9);
  EXPECT_EQ(d.points[3][0], 1000.0);
}

TEST(GridDesign, RejectsMoreThanTheMostPoints) {
  const std::vector<Factor> f{range("a", 0, 1, 101), range("b", 0, 1, 101), range("c", 0, 1, 101)};
  EXPECT_EQ(error_of(f, {.kind = DesignKind::grid}),
            "the grid design has 1030301 points; the most is 1000000");
  const std::vector<Factor> fits{range("a", 0, 1, 100), range("b", 0, 1, 100)};
  EXPECT_EQ(build(fits, {.kind = DesignKind::grid}).points.size(), 10000u);
}

// A grid too large to count said "more than 18446744073709551615 points".
TEST(GridDesign, SaysHowLargeAnUncountableGridIs) {
  std::vector<Factor> f;
  for (const char* name : {"a", "b", "c", "d", "e"}) f.push_back(range(name, 0, 1, 100000));
  EXPECT_EQ(error_of(f, {.kind = DesignKind::grid}),
            "the grid design has about 1e+25 points; the most is 1000000");
}

// ---- lhs --------------------------------------------------------------------------------------

TEST(LhsDesign, HasExactlyOnePointInEveryStratumOfEveryFactor) {
  const int n = 97;
  const Design d = build({range("a", 0, 1), range("b", 0, 1), range("c", 0, 1)},
                         {.kind = DesignKind::lhs, .samples = n, .seed = 7});
  ASSERT_EQ(d.points.size(), static_cast<std::size_t>(n));
  for (std::size_t j = 0; j < 3; ++j) {
    std::set<int> strata;
    for (const auto& p : d.points) {
      ASSERT_GE(p[j], 0.0);
      ASSERT_LT(p[j], 1.0);
      strata.insert(static_cast<int>(std::floor(p[j] * n)));
    }
    EXPECT_EQ(strata.size(), static_cast<std::size_t>(n)) << "factor " << j;
  }
}

TEST(LhsDesign, ListFactorWithOneValuePerStratumTakesEachValueOnce) {
  const Design d = build({list("group", {10, 20, 30, 40, 50})},
                         {.kind = DesignKind::lhs, .samples = 5, .seed = 3});
  std::vector<double> taken;
  for (const auto& p : d.points) taken.push_back(p[0]);
  std::sort(taken.begin(), taken.end());
  EXPECT_EQ(taken, (std::vector<double>{10, 20, 30, 40, 50}));
}

TEST(LhsDesign, SameSeedSameDesignOtherSeedOtherDesign) {
  const std::vector<Factor> f{range("a", 0, 1), range("b", -5, 5)};
  const Design one = build(f, {.kind = DesignKind::lhs, .samples = 20, .seed = 11});
  const Design again = build(f, {.kind = DesignKind::lhs, .samples = 20, .seed = 11});
  const Design other = build(f, {.kind = DesignKind::lhs, .samples = 20, .seed = 12});
  EXPECT_EQ(one.points, again.points);
  EXPECT_NE(one.points, other.points);
  // Neither column is left in stratum order: the permutation is real.
  for (std::size_t j = 0; j < 2; ++j) {
    EXPECT_FALSE(std::is_sorted(one.points.begin(), one.points.end(),
                                [j](const auto& x, const auto& y) { return x[j] < y[j]; }));
  }
}

// ---- Sobol' sequence and Saltelli design ------------------------------------------------------

TEST(SobolSequence, FirstPointsMatchPublishedValues) {
  // Unscrambled Gray-code Sobol' points, as scipy.stats.qmc.Sobol(d=2, scramble=False) gives.
  const auto u = sobol_points(2, 8);
  ASSERT_TRUE(u);
  const std::vector<double> dim1{0, 0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125};
  const std::vector<double> dim2{0, 0.5, 0.25, 0.75, 0.375, 0.875, 0.125, 0.625};
  for (std::size_t n = 0; n < 8; ++n) {
    EXPECT_EQ((*u)[n][0], dim1[n]) << "point " << n;
    EXPECT_EQ((*u)[n][1], dim2[n]) << "point " << n;
  }
}

TEST(SobolSequence, EveryDimensionOfTheFirst2ToTheMPointsHitsEveryDyadicCell) {
  // A wrong direction number (even, or too large) breaks this in its dimension.
  const int m = 12;
  const std::size_t n = std::size_t{1} << m;
  const auto u = sobol_points(sobol_max_dimensions, n);
  ASSERT_TRUE(u);
  for (std::size_t j = 0; j < static_cast<std::size_t>(sobol_max_dimensions); ++j) {
    std::set<std::size_t> cells;
    for (const auto& point : *u) cells.insert(static_cast<std::size_t>(point[j] * double(n)));
    EXPECT_EQ(cells.size(), n) << "dimension " << j + 1;
  }
}

TEST(SobolSequence, FirstTwoDimensionsFormA0m2Net) {
  // Every dyadic box of area 2^-m holds exactly one of the first 2^m points (t = 0).
  const int m = 8;
  const auto u = sobol_points(2, std::size_t{1} << m);
  ASSERT_TRUE(u);
  for (int a = 0; a <= m; ++a) {
    std::set<std::pair<int, int>> boxes;
    for (const auto& p : *u) {
      boxes.insert({static_cast<int>(p[0] * (1 << a)), static_cast<int>(p[1] * (1 << (m - a)))});
    }
    EXPECT_EQ(boxes.size(), std::size_t{1} << m) << "boxes 2^-" << a << " x 2^-" << m - a;
  }
}

TEST(SobolSequence, RejectsDimensionsBeyondTheTable) {
  const auto u = sobol_points(41, 4);
  ASSERT_FALSE(u);
  EXPECT_EQ(u.error().message,
            "the Sobol' sequence is used with 1 to 40 dimensions (a sobol design takes at most 20 "
            "factors); asked for 41");
}

TEST(SaltelliDesign, HasNTimesKPlus2PointsInBlocksAThenBThenABi) {
  const int n = 16;
  const std::vector<Factor> f{range("a", 0, 1), range("b", 0, 1), range("c", 0, 1)};
  const Design d = build(f, {.kind = DesignKind::sobol, .samples = n});
  const std::size_t k = f.size(), N = n;
  ASSERT_EQ(d.points.size(), N * (k + 2));
  ASSERT_EQ(d.sobol_block.size(), d.points.size());
  EXPECT_EQ(d.sobol_base_samples, n);
  EXPECT_TRUE(d.notes.empty());
  const auto u = sobol_points(static_cast<int>(2 * k), N);
  ASSERT_TRUE(u);
  for (std::size_t r = 0; r < N; ++r) {
    const auto& a = d.points[r];
    const auto& b = d.points[N + r];
    EXPECT_EQ(d.sobol_block[r], sobol_block_a);
    EXPECT_EQ(d.sobol_block[N + r], sobol_block_b);
    for (std::size_t j = 0; j < k; ++j) {
      EXPECT_EQ(a[j], (*u)[r][j]);      // A: dimensions 1..k
      EXPECT_EQ(b[j], (*u)[r][k + j]);  // B: dimensions k+1..2k
    }
    for (std::size_t i = 0; i < k; ++i) {
      const std::size_t p = (2 + i) * N + r;
      EXPECT_EQ(d.sobol_block[p], sobol_block_ab(static_cast<int>(i)));
      for (std::size_t j = 0; j < k; ++j) {
        EXPECT_EQ(d.points[p][j], j == i ? b[j] : a[j]) << "AB_" << i << " row " << r;
      }
    }
  }
  EXPECT_EQ(d.points[0], (std::vector<double>{0, 0, 0}));  // the origin is kept
  EXPECT_EQ(d.points[1], d.points[N + 1]);  // unscrambled: rows 0 and 1 of A and B agree
  EXPECT_NE(d.points[2], d.points[N + 2]);  // then they differ
}

TEST(SaltelliDesign, NotesASampleSizeThatIsNotAPowerOfTwo) {
  const Design d = build({range("a", 0, 1)}, {.kind = DesignKind::sobol, .samples = 12});
  EXPECT_EQ(d.points.size(), 36u);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_NE(d.notes[0].find("not a power of two"), std::string::npos);
}

TEST(SaltelliDesign, TakesAtMost20Factors) {
  std::vector<Factor> f;
  for (int i = 0; i < 20; ++i) f.push_back(range(numbered("f", i), 0, 1));
  EXPECT_EQ(build(f, {.kind = DesignKind::sobol, .samples = 4}).points.size(), 88u);
  f.push_back(range("f20", 0, 1));
  EXPECT_EQ(error_of(f, {.kind = DesignKind::sobol, .samples = 4}),
            "a sobol design takes at most 20 factors (a 40-dimensional Sobol' sequence); got 21");
}

// ---- morris -----------------------------------------------------------------------------------

TEST(MorrisDesign, EachStepMovesOneFactorByDeltaAndEveryFactorOncePerTrajectory) {
  const int k = 5, r = 30, p = 6;
  std::vector<Factor> f;
  for (int i = 0; i < k; ++i) f.push_back(range(numbered("f", i), 0, 1));
  const Design d =
      build(f, {.kind = DesignKind::morris, .trajectories = r, .levels = p, .seed = 5});
  const double delta = p / (2.0 * (p - 1));
  EXPECT_EQ(d.morris_delta, delta);
  ASSERT_EQ(d.points.size(), static_cast<std::size_t>(r * (k + 1)));
  ASSERT_EQ(d.morris_steps.size(), d.points.size());
  for (int t = 0; t < r; ++t) {
    const std::size_t start = static_cast<std::size_t>(t) * (k + 1);
    EXPECT_EQ(d.morris_steps[start].factor, -1);
    std::vector<int> changes(k, 0);
    for (std::size_t s = start + 1; s < start + k + 1; ++s) {
      EXPECT_EQ(d.morris_steps[s].trajectory, t);
      int changed = -1, count = 0;
      for (int j = 0; j < k; ++j) {
        const double diff = d.points[s][j] - d.points[s - 1][j];
        if (diff == 0) continue;
        ++count;
        changed = j;
        EXPECT_NEAR(std::abs(diff), delta, 1e-12);
        EXPECT_EQ(diff > 0 ? 1 : -1, d.morris_steps[s].direction);
      }
      ASSERT_EQ(count, 1) << "trajectory " << t << " point " << s;
      EXPECT_EQ(changed, d.morris_steps[s].factor);
      ++changes[changed];
    }
    EXPECT_EQ(changes, std::vector<int>(k, 1)) << "trajectory " << t;
  }
}

TEST(MorrisDesign, PointsLieOnThePLevelGridAndStartsCoverEveryLevel) {
  const int p = 4;
  const Design d = build({range("a", 0, 1), range("b", 0, 1)},
                         {.kind = DesignKind::morris, .trajectories = 200, .levels = p});
  std::set<int> starts;
  for (std::size_t s = 0; s < d.points.size(); ++s) {
    for (double x : d.points[s]) {
      const double level = x * (p - 1);
      EXPECT_NEAR(level, std::round(level), 1e-12);
    }
    if (d.morris_steps[s].factor < 0)
      starts.insert(static_cast<int>(std::round(d.points[s][0] * 3)));
  }
  EXPECT_EQ(starts, (std::set<int>{0, 1, 2, 3}));
}

TEST(MorrisDesign, SameSeedSameDesignOtherSeedOtherDesign) {
  const std::vector<Factor> f{range("a", 0, 1), range("b", 0, 1), range("c", 0, 1)};
  const DesignSettings s{.kind = DesignKind::morris, .trajectories = 10, .levels = 4, .seed = 9};
  DesignSettings other = s;
  other.seed = 10;
  EXPECT_EQ(build(f, s).points, build(f, s).points);
  EXPECT_NE(build(f, s).points, build(f, other).points);
}

// ---- mapping ----------------------------------------------------------------------------------

TEST(ToParameter, ListTakesTheValueOfTheUnitIntervalsCell) {
  const Factor f = list("x", {5, 6, 7, 8});
  EXPECT_EQ(to_parameter(f, 0.0), 5);
  EXPECT_EQ(to_parameter(f, 0.2499), 5);
  EXPECT_EQ(to_parameter(f, 0.25), 6);
  EXPECT_EQ(to_parameter(f, 0.5), 7);
  EXPECT_EQ(to_parameter(f, 0.9999), 8);
  EXPECT_EQ(to_parameter(f, 1.0), 8);
}

TEST(ToParameter, RangeIsUniformOrLogUniformAndStaysInBounds) {
  Factor f = range("x", 2, 4);
  EXPECT_EQ(to_parameter(f, 0.0), 2);
  EXPECT_EQ(to_parameter(f, 0.25), 2.5);
  f.log = true;
  f.min = 1;
  f.max = 100;
  EXPECT_NEAR(to_parameter(f, 0.5), 10.0, 1e-12);
  EXPECT_NEAR(to_parameter(f, 0.25), std::sqrt(10.0), 1e-12);
  const Factor p = range("probability", 0.1, 0.3);
  EXPECT_EQ(to_parameter(p, 1.0), 0.3);  // 0.1 + 1 * 0.2 rounds above 0.3
}

// ---- validation -------------------------------------------------------------------------------

TEST(MakeDesign, ErrorsNameTheFactorAndTheFix) {
  const DesignSettings grid{.kind = DesignKind::grid};
  const DesignSettings lhs{.kind = DesignKind::lhs, .samples = 4};
  EXPECT_EQ(error_of({}, grid), "a sweep needs at least one factor");
  EXPECT_EQ(error_of({list("a.b", {})}, grid),
            "factor 'a.b': values is empty; give at least one value");
  Factor both = list("a.b", {1});
  both.max = 2;
  EXPECT_EQ(error_of({both}, grid),
            "factor 'a.b': give either values or a range (min, max, log, levels), not both");
  EXPECT_EQ(error_of({range("a.b", 3, 2)}, lhs),
            "factor 'a.b': min (3) must be less than max (2), or give values");
  EXPECT_EQ(error_of({range("a.b", 1, 1)}, lhs),
            "factor 'a.b': min (1) must be less than max (1), or give values");
  EXPECT_EQ(error_of({range("a.b", 0, NAN)}, lhs),
            "factor 'a.b': min and max must be finite numbers");
  Factor log = range("a.b", 0, 5);
  log.log = true;
  EXPECT_EQ(error_of({log}, lhs), "factor 'a.b': a log range needs min > 0 (got 0)");
  EXPECT_EQ(error_of({range("a.b", 0, 1)}, grid),
            "factor 'a.b': a range in a grid design needs levels >= 2 (got 0)");
  EXPECT_EQ(error_of({range("a.b", 0, 1, 1)}, grid),
            "factor 'a.b': a range in a grid design needs levels >= 2 (got 1)");
  EXPECT_EQ(error_of({range("a.b", 0, 1, 3)}, lhs),
            "factor 'a.b': levels is only for grid designs; a lhs design samples the whole range");
  EXPECT_EQ(error_of({range("a.b", 0, 1), range("a.b", 1, 2)}, lhs),
            "factor 'a.b' is listed twice");
  EXPECT_EQ(error_of({range("", 0, 1)}, lhs), "a factor has no path");
}

TEST(MakeDesign, ErrorsNameTheDesignSetting) {
  const std::vector<Factor> f{range("a", 0, 1)};
  EXPECT_EQ(error_of(f, {.kind = DesignKind::lhs}), "a lhs design needs samples >= 1 (got 0)");
  EXPECT_EQ(error_of(f, {.kind = DesignKind::sobol, .samples = -2}),
            "a sobol design needs samples >= 1 (got -2)");
  EXPECT_EQ(error_of(f, {.kind = DesignKind::morris, .levels = 4}),
            "a morris design needs trajectories >= 1 (got 0)");
  EXPECT_EQ(error_of(f, {.kind = DesignKind::morris, .trajectories = 3, .levels = 5}),
            "a morris design needs an even number of levels >= 2 (got 5)");
  EXPECT_EQ(error_of(f, {.kind = DesignKind::morris, .trajectories = 3, .levels = 0}),
            "a morris design needs an even number of levels >= 2 (got 0)");
  EXPECT_EQ(error_of(f, {.kind = DesignKind::lhs, .samples = 1'000'001}),
            "the lhs design has 1000001 points; the most is 1000000");
  EXPECT_EQ(error_of(f, {.kind = DesignKind::morris, .trajectories = 2, .levels = 2}),
            "(no error)");
}

}  // namespace
}  // namespace kopa::sweep
