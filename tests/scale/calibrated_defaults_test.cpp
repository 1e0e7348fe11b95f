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
// Measured over 128 runs of the sixth calibration's defaults (one agent per resident, seed
// 424242; docs/calibration.md), each target's mean and its distance from the band's nearer edge
// in standard errors of 128 runs: 1-year survival 0.810 (24), 5-year survival 0.444 (18), LEADER
// approval 0.445 (15), the women's, youth's, seniors', migrants' and disabled people's ratios
// 0.495 / 0.462 / 1.352 / 0.921 / 1.008 (44 / 21 / 22 / 12 / 20). Over 64 runs the margins are
// 0.7 of those, 8 standard errors or more: no change of random numbers tips one out. About 0.1 s
// a run on one core.
constexpr int default_runs = 64;
// The printed standard errors are those of the mean of `batches` batch means.
constexpr int batches = 8;
// No calibration generation (calibrate::generation_seed) nor any other test uses this seed.
constexpr std::uint64_t unused_seed = 0x5eed'ca1b'0000'0013;

bool asserted(const std::string& name) {
  return name.starts_with("survival_") || name == "leader_approval" ||
         name.starts_with("startup_ratio_");
}

// Targets the shipped defaults miss, reported in docs/calibration.md: not asserted, never
// hidden; the test prints each as inside or MISSED with its distance from the band's edge in
// standard errors. Empty since the sixth calibration (docs/calibration.md), whose adjusted
// medians put all eight inside; the third's defaults missed the disabled people's ratio (0.710
// against 0.75-1.25) and only just met the seniors' (1.074 against 1.06). Add a target here only
// with its miss measured and reported, never to make the test pass.
const std::set<std::string> reported_misses{};

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

  // The calibration's base: the shipped baseline as calibration/targets.toml runs it (one agent
  // per resident).
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
