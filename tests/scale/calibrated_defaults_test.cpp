// The shipped defaults against the shipped calibration (calibration/targets.toml,
// docs/calibration.md): the baseline, every parameter at its default, run at the calibration's
// agent count under seeds that neither the calibration nor any other test uses, puts the mean of
// each survival, LEADER approval and group start-up ratio target inside its band (observed ±
// tolerance), except the misses docs/calibration.md reports (`reported_misses`, measured by this
// test): those are printed as missed, and the list must name real targets. The other targets
// (the enterprise count, held-out ones) are printed, not asserted.
//
// Labelled `scale` with the other statistical tests (left out of the sanitizer run): it checks
// the model's statistics, not memory.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "../model/ensemble.hpp"
#include "calibrate/particle_evaluator.hpp"
#include "calibrate/targets.hpp"
#include "model/resolution.hpp"
#include "scenario/scenario.hpp"
#include "stats/descriptive.hpp"

namespace kopa {
namespace {

namespace fs = std::filesystem;

// Runs averaged, enough that what is asserted is a property of the defaults and not of one seed.
// Measured over 256 runs at this count (32 batches of 8; main 8d98025, with latent pools and issue
// 19's set-up draws), one run's standard deviation and the mean's distance to its band's nearer
// edge: 1-year survival 0.016, 0.7865 against 0.78; 5-year survival 0.019, 0.454 against 0.48;
// LEADER approval 0.029, 0.435 against 0.41; the women's, youth's and migrants' ratios 0.067 /
// 0.072 / 0.098, 0.595 / 0.552 / 0.749 against 0.70 / 0.39 / 0.65 (before pools: standard
// deviations 0.024, 0.035, 0.046 and 0.078 / 0.11 / 0.14; 1-year survival 0.789, and 0.790 before
// issue 19's second step). Over 64 runs the standard errors are an eighth of those: 1-year
// survival, the tightest, stays about 3 standard errors inside its band (a one-sided chance near
// 1e-3 of tipping out under another seed or other random numbers; it sits that close to the edge
// as a property of the defaults, docs/calibration.md), the others 7-18. At 8 runs it was 1
// standard error, and the test flipped with any change of random numbers. About 0.08 s a run on
// one core.
constexpr int default_runs = 64;
// The printed standard errors are those of the mean of `batches` batch means.
constexpr int batches = 8;
// No calibration generation (calibrate::generation_seed) nor any other test uses this seed.
constexpr std::uint64_t unused_seed = 0x5eed'ca1b'0000'0013;

bool asserted(const std::string& name) {
  return name.starts_with("survival_") || name == "leader_approval" ||
         name.starts_with("startup_ratio_");
}

// The shipped defaults (the posterior medians of the third calibration: 9 parameters at 102,338
// agents, 7 generations, final tolerance 1.49) miss these or sit on their band's edge;
// docs/calibration.md and docs/ODD.md 9.1 report by how much. Not asserted, never hidden: the test
// prints each as inside or MISSED with its distance from the band's edge in standard errors. The
// seniors' and disabled people's ratios were missed by the second calibration too. 1-year survival
// is asserted again: with event scheduling of idle founders, latent pools and issue 19's set-up
// draws (main 8d98025) it is 0.7865 over 256 runs, inside 0.78-0.84 (0.778 month by month over 8
// runs before them). Over those 256 runs (8 batches of 32) the seniors' ratio is 1.072 ± 0.0076,
// 1.6 standard errors inside its band's lower edge (1.06; 1.4 over the 64 runs at this seed): a
// marginal hit that other random numbers can tip out; the disabled people's is 0.710 ± 0.006,
// a miss by 6.4. Shrink this list only for a target inside by several standard errors.
const std::set<std::string> reported_misses{"startup_ratio_seniors", "startup_ratio_disabled"};

// Each target's standard error over the runs, from the spread of the means of `batches` equal
// batches (a target is a ratio of means over runs, not a mean of per-run values).
std::vector<double> standard_errors(const calibrate::Targets& targets,
                                    const std::vector<RunSeries>& runs) {
  const std::size_t size = runs.size() / batches;
  std::vector<std::vector<double>> means;
  for (std::size_t b = 0; b < batches; ++b) {
    const std::vector<RunSeries> batch(runs.begin() + static_cast<std::ptrdiff_t>(b * size),
                                       runs.begin() + static_cast<std::ptrdiff_t>((b + 1) * size));
    means.push_back(calibrate::evaluation_of(targets, batch).kept);
  }
  std::vector<double> errors;
  for (std::size_t j = 0; j < targets.targets.size(); ++j) {
    std::vector<double> values;
    for (const auto& m : means) values.push_back(m[j]);
    errors.push_back(stats::standard_deviation(values) / std::sqrt(double{batches}));
  }
  return errors;
}

TEST(CalibratedDefaults, ShippedBaselineHitsSurvivalApprovalAndGroupRatios) {
  const auto load = calibrate::load_targets(fs::path(KOPA_SOURCE_DIR) / "calibration/targets.toml");
  ASSERT_TRUE(load.targets) << format_issue(load.issues.front());
  const calibrate::Targets& targets = *load.targets;

  // The calibration's base: the shipped baseline at the calibration's agent count (102,338,
  // calibration/targets.toml), about 3 people per agent.
  const Model model(targets.base.parameters);
  ASSERT_EQ(resolution_warning("baseline", model), "");

  const auto runs = testing::run_ensemble(model, unused_seed, default_runs);
  const calibrate::Evaluation evaluation = calibrate::evaluation_of(targets, runs);
  const std::vector<double> error = standard_errors(targets, runs);
  ASSERT_EQ(evaluation.kept.size(), targets.targets.size());
  int checked = 0, missed = 0;
  for (std::size_t j = 0; j < targets.targets.size(); ++j) {
    const calibrate::Target& t = targets.targets[j];
    const double simulated = evaluation.kept[j];
    std::printf(
        "[calibration] %-24s %-10s observed %-9.4g tolerance %-8.4g simulated %.4g ± %.2g\n",
        t.name.c_str(), std::string(calibrate::use_name(t.use)).c_str(), t.observed, t.tolerance,
        simulated, error[j]);
    if (!asserted(t.name)) continue;
    ++checked;
    if (reported_misses.contains(t.name)) {
      ++missed;
      // Inside by a few standard errors, not by noise, before it leaves the list.
      const double inside = (t.tolerance - std::abs(simulated - t.observed)) / error[j];
      std::printf(
          "[calibration] %-24s %s, %.1f standard errors from its band's edge (reported in "
          "docs/calibration.md)\n",
          t.name.c_str(), inside >= 0 ? "inside" : "MISSED", std::abs(inside));
      continue;
    }
    EXPECT_NEAR(simulated, t.observed, t.tolerance) << t.name << ": " << t.source;
  }
  std::fflush(stdout);
  EXPECT_EQ(checked, 8);  // 1- and 5-year survival, LEADER approval, five group ratios
  EXPECT_EQ(missed, static_cast<int>(reported_misses.size())) << "a reported miss names no target";
}

}  // namespace
}  // namespace kopa
