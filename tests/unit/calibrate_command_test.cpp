// kopa calibrate end to end on a small model: bad targets files give every problem with its
// file, line and key (exit 2, nothing written); a calibration killed part-way (a journal cut
// mid-record) resumes to the same posterior as one never interrupted, on another thread count;
// kopa run --posterior draws one particle per replicate, the same in every scenario.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "calibrate/abc_smc.hpp"
#include "calibrate/particle_evaluator.hpp"
#include "calibrate/targets.hpp"
#include "cli/exit_code.hpp"
#include "cli_outcome.hpp"
#include "io/posterior_file.hpp"
#include "io/results_reader.hpp"
#include "io/sweep_reader.hpp"
#include "sweep/journal.hpp"
#include "test_folder.hpp"

namespace kopa {
namespace {

namespace fs = std::filesystem;
using testing::kopa;

std::string base_scenario() {
  return (testing::scenarios_folder() / "baseline.toml").string();
}

// The baseline's nine regions with 300 residents in all, one agent each. With latent pools
// (docs/ODD.md 2.10) every person who forms an idea is a founder of its own, so a small
// population, not a small agent count, keeps runs at the prior's high ideation rates cheap.
const std::vector<std::pair<std::string, int>>& small_population() {
  static const std::vector<std::pair<std::string, int>> people{{"cesis", 34},
                                                               {"liepaja", 34},
                                                               {"nordfriesland_south", 34},
                                                               {"nordfriesland_north", 33},
                                                               {"norrland_coast", 33},
                                                               {"norrland_inland", 33},
                                                               {"south_jutland", 33},
                                                               {"harju", 33},
                                                               {"panevezys", 33}};
  return people;
}

// As TOML entries ("regions.cesis.population" = 34, ...), each after `separator`.
std::string small_population_toml(const char* separator) {
  std::string text;
  for (const auto& [region, people] : small_population()) {
    text += separator;
    text += "\"regions." + region + ".population\" = " + std::to_string(people);
  }
  return text;
}

// As `--set` options.
std::vector<std::string> small_population_options() {
  std::vector<std::string> options;
  for (const auto& [region, people] : small_population()) {
    options.push_back("--set");
    options.push_back("regions." + region + ".population=" + std::to_string(people));
  }
  return options;
}

// Two parameters the start of the founders' pathway identifies: ideas and micro-projects.
std::string small_targets(int particles = 24, int generations = 2) {
  return "description = \"test\"\n"
         "[calibration]\nbase = \"" +
         base_scenario() +
         "\"\n"
         "particles = " +
         std::to_string(particles) + "\ngenerations = " + std::to_string(generations) +
         "\nreplicates = 1\nseed = 5\n"
         "set = { \"simulation.founders\" = 300, \"simulation.months\" = 24" +
         small_population_toml(", ") +
         " }\n"
         "[[prior]]\npath = \"founders.ideation_rate\"\nmin = 0.001\nmax = 0.03\nlog = true\n"
         "[[prior]]\npath = \"founders.co_creation_rate\"\nmin = 0.005\nmax = 0.1\n"
         "[[target]]\nname = \"ideas\"\noutput = { metric = \"new_ideas\" }\nobserved = 40\n"
         "tolerance = 8\nsource = \"test\"\nuse = \"fit\"\n"
         "[[target]]\nname = \"projects_per_idea\"\n"
         "output = { metric = \"new_micro_projects\" }\nper = { metric = \"new_ideas\" }\n"
         "observed = 0.3\ntolerance = 0.1\nsource = \"test\"\nuse = \"fit\"\n"
         "[[target]]\nname = \"approval\"\n"
         "output = { metric = \"awards_by_funder\", label = \"leader\", months = [1, 24] }\n"
         "per = { metric = \"applications_by_funder\", label = \"leader\" }\n"
         "observed = 0.46\ntolerance = 0.1\nsource = \"test\"\nuse = \"validation\"\n";
}

class CalibrateCommand : public testing::TestFolder {
 protected:
  fs::path write(const std::string& name, const std::string& text) {
    const fs::path path = folder_ / name;
    std::ofstream(path) << text;
    return path;
  }

  // A journal for `out` begun under `targets_file` as it reads now, with one made-up evaluation
  // in it: only its header matters to a resume.
  void begin_journal(const fs::path& targets_file, const fs::path& out) {
    auto targets = calibrate::load_targets(targets_file);
    ASSERT_TRUE(targets.targets);
    auto journal = sweep::JournalWriter::create(sweep::journal_path_for(out),
                                                calibrate::journal_header(*targets.targets));
    ASSERT_TRUE(journal);
    ASSERT_TRUE(journal->append(0, 0, {1.0, 40.0, 0.3, 0.5}));
    ASSERT_TRUE(journal->sync());
  }

  // `kopa calibrate targets_file --resume` into `out` is refused, writing nothing: the file
  // changed since its journal began.
  void expect_resume_refused(const fs::path& targets_file, const fs::path& out) {
    const auto outcome =
        kopa({"calibrate", targets_file.string(), "-o", out.string(), "--resume", "--quiet"});
    EXPECT_EQ(outcome.code, exit_bad_input);
    EXPECT_NE(outcome.err.find("the targets file changed since the calibration was started"),
              std::string::npos)
        << outcome.err;
    EXPECT_FALSE(fs::exists(out));
  }
};

struct BadCase {
  std::string replace, with;  // in small_targets()
  std::string expected;       // in the error output
};

TEST_F(CalibrateCommand, BadTargetsFilesNameFileLineAndKeyAndWriteNothing) {
  const std::vector<BadCase> cases{
      {"[[prior]]\npath = \"founders.ideation_rate\"",
       "[[prior]]\npath = \"founders.ideation_rat\"",
       "targets.toml:10:8: error: prior[1].path: unknown parameter (did you mean "
       "'founders.ideation_rate'?)"},
      {"min = 0.005\nmax = 0.1", "min = 0.005\nmax = 1.5",
       "targets.toml:17:7: error: prior[2].max: max 1.5 is outside the parameter's allowed range"},
      {"metric = \"new_ideas\" }\nobserved", "metric = \"new_idea\" }\nobserved",
       "targets.toml:20:21: error: target[1].output.metric: unknown metric 'new_idea' (did you "
       "mean 'new_ideas'?)"},
      {"label = \"leader\", months", "label = \"leaderr\", months",
       "error: target[3].output.label: unknown funder 'leaderr' (did you mean 'leader'?)"},
      {"months = [1, 24]", "months = [1, 25]",
       "error: target[3].output.months: expected [FROM, TO], whole months with 1 <= FROM <= TO "
       "<= 24"},
      {"observed = 40\n", "", "targets.toml:18:1: error: target[1].observed: missing"},
      {"use = \"fit\"\n[[target]]\nname = \"projects",
       "use = \"fitt\"\n[[target]]\nname = "
       "\"projects",
       "error: target[1].use: unknown use 'fitt' (did you mean 'fit'?)"},
      {"seed = 5", "seed = 5\nwhatever = 1",
       "targets.toml:8:12: error: calibration.whatever: "
       "unknown key"},
      {"tolerance = 8", "tolerance = 0", "error: target[1].tolerance: expected a number > 0"},
      {"particles = 24", "particles = \"many\"",
       "error: calibration.particles: expected an integer, got \"many\""},
      {"seed = 5", "seed = 5\ndistance = \"mx\"",
       "targets.toml:8:12: error: calibration.distance: unknown distance 'mx' (did you mean "
       "'max'?); expected \"rms\" (root mean square) or \"max\" (largest miss)"},
      {"seed = 5", "seed = 5\nkernel = \"olc\"",
       "targets.toml:8:10: error: calibration.kernel: unknown kernel 'olc' (did you mean "
       "'olcm'?); expected \"componentwise\" (Beaumont et al. 2009), \"olcm\""},
      {"seed = 5", "seed = 5\nadjustment = \"loclinear\"",
       "targets.toml:8:14: error: calibration.adjustment: unknown adjustment 'loclinear' (did you "
       "mean 'local_linear'?); expected \"none\" or \"local_linear\""},
      {"particles = 24", "particles = 4\nadjustment = \"local_linear\"",
       "targets.toml:5:14: error: calibration.adjustment: the regression adjustment fits 3 "
       "coefficients per parameter from the last generation; use particles >= 5 (fitted targets "
       "+ 3)"},
      {"seed = 5", "seed = 5\ndistance = 2",
       "targets.toml:8:12: error: calibration.distance: expected \"rms\" (root mean square) or "
       "\"max\" (largest miss), got "},
  };
  for (const auto& c : cases) {
    std::string text = small_targets();
    const auto at = text.find(c.replace);
    ASSERT_NE(at, std::string::npos) << c.replace;
    text.replace(at, c.replace.size(), c.with);
    const fs::path file = write("targets.toml", text);
    const auto outcome = kopa({"calibrate", file.string(), "-o", (folder_ / "p.h5").string()});
    EXPECT_EQ(outcome.code, exit_bad_input) << c.with;
    EXPECT_NE(outcome.err.find(c.expected), std::string::npos)
        << "expected: " << c.expected << "\ngot: " << outcome.err;
    EXPECT_FALSE(fs::exists(folder_ / "p.h5"));
    EXPECT_FALSE(fs::exists(sweep::journal_path_for(folder_ / "p.h5")));
  }
  // Every target held out: nothing to fit.
  std::string text = small_targets();
  for (auto at = text.find("use = \"fit\""); at != std::string::npos;
       at = text.find("use = \"fit\"")) {
    text.replace(at, 11, "use = \"validation\"");
  }
  const auto outcome =
      kopa({"calibrate", write("targets.toml", text).string(), "-o", (folder_ / "p.h5").string()});
  EXPECT_EQ(outcome.code, exit_bad_input);
  EXPECT_NE(outcome.err.find("at least one must be \"fit\""), std::string::npos) << outcome.err;
}

// kopa validate reads a targets file as kopa calibrate does: the shipped one is ok; a bad one
// gives every problem with file, line and key on stderr and exits 2, running nothing.
TEST_F(CalibrateCommand, ValidateChecksTargetsFiles) {
  const std::string shipped = (fs::path(KOPA_SOURCE_DIR) / "calibration/targets.toml").string();
  const auto ok = kopa({"validate", shipped});
  EXPECT_EQ(ok.code, exit_ok) << ok.err;
  EXPECT_EQ(ok.out, shipped + ": ok\n");

  std::string text = small_targets();
  for (const auto& [from, to] : {std::pair<std::string, std::string>{"\"new_ideas\" }\nobserved",
                                                                     "\"new_idea\" }\nobserved"},
                                 {"tolerance = 8", "tolerance = 0"}}) {
    ASSERT_NE(text.find(from), std::string::npos) << from;
    text.replace(text.find(from), from.size(), to);
  }
  const fs::path bad = write("targets.toml", text);
  const auto outcome = kopa({"validate", shipped, bad.string()});
  EXPECT_EQ(outcome.code, exit_bad_input);
  EXPECT_EQ(outcome.out, shipped + ": ok\n");
  EXPECT_NE(outcome.err.find(bad.string() +
                             ":20:21: error: target[1].output.metric: unknown metric 'new_idea'"),
            std::string::npos)
      << outcome.err;
  EXPECT_NE(outcome.err.find("error: target[1].tolerance: expected a number > 0"),
            std::string::npos)
      << outcome.err;
  EXPECT_FALSE(fs::exists(folder_ / "p.h5"));

  const auto set = kopa({"validate", bad.string(), "--set", "founders.ideation_rate=0.01"});
  EXPECT_EQ(set.code, exit_bad_input);
  EXPECT_NE(set.err.find("--set does not apply to a targets file"), std::string::npos) << set.err;
}

// Bit for bit: NaN (a validation target the particle's run could not compute) equals NaN.
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

void expect_same_posterior(const io::PosteriorContents& a, const io::PosteriorContents& b) {
  EXPECT_TRUE(same_bits(a.theta, b.theta));
  EXPECT_TRUE(same_bits(a.weight, b.weight));
  EXPECT_TRUE(same_bits(a.distance, b.distance));
  EXPECT_TRUE(same_bits(a.simulated, b.simulated));
  EXPECT_TRUE(same_bits(a.generation_tolerance, b.generation_tolerance));
  EXPECT_EQ(a.generation_proposed, b.generation_proposed);
  EXPECT_EQ(a.targets_toml, b.targets_toml);
}

TEST_F(CalibrateCommand, ResumedAfterAKillGivesTheSamePosteriorOnAnyThreadCount) {
  const fs::path file = write("targets.toml", small_targets());
  const fs::path whole = folder_ / "whole.h5";
  auto outcome = kopa({"calibrate", file.string(), "-o", whole.string(), "-t", "1", "--quiet"});
  ASSERT_EQ(outcome.code, exit_ok) << outcome.err;
  auto reference = io::read_posterior(whole);
  ASSERT_TRUE(reference) << reference.error().message;
  EXPECT_EQ(reference->particles(), 24u);
  EXPECT_EQ(reference->generation_tolerance.size(), 3u);
  EXPECT_FALSE(fs::exists(sweep::journal_path_for(whole)));

  // A kill part-way through generation 1: the journal holds what the evaluator finished, then a
  // record cut short.
  const fs::path resumed = folder_ / "resumed.h5";
  auto targets = calibrate::load_targets(file);
  ASSERT_TRUE(targets.targets);
  {
    auto journal = sweep::JournalWriter::create(sweep::journal_path_for(resumed),
                                                calibrate::journal_header(*targets.targets));
    ASSERT_TRUE(journal);
    calibrate::EvaluatorOptions options;
    int evaluated = 0;
    options.finished = [&](const calibrate::Proposal& p, const calibrate::Evaluation& e) -> Status {
      if (p.generation == 1 && ++evaluated > 5) return Error{"killed"};
      std::vector<double> values{e.distance};
      values.insert(values.end(), e.kept.begin(), e.kept.end());
      return journal->append(static_cast<std::uint32_t>(p.generation), p.slot, values);
    };
    const auto& t = *targets.targets;
    std::vector<calibrate::PriorRange> ranges;
    for (const auto& p : t.priors) ranges.push_back({p.min, p.max, p.log});
    auto killed = calibrate::run_abc_smc(ranges, calibrate::smc_settings(t),
                                         calibrate::model_evaluator(t, options));
    ASSERT_FALSE(killed);
    ASSERT_TRUE(journal->sync());
  }
  std::ofstream(sweep::journal_path_for(resumed), std::ios::app) << "torn";
  // Without --resume the journal's work is not thrown away.
  outcome = kopa({"calibrate", file.string(), "-o", resumed.string(), "--quiet"});
  EXPECT_EQ(outcome.code, exit_bad_input);
  EXPECT_NE(outcome.err.find("--resume continues it"), std::string::npos) << outcome.err;
  outcome = kopa({"calibrate", file.string(), "-o", resumed.string(), "-t", "2", "--resume"});
  ASSERT_EQ(outcome.code, exit_ok) << outcome.err;
  EXPECT_NE(outcome.err.find("resuming: "), std::string::npos) << outcome.err;
  auto again = io::read_posterior(resumed);
  ASSERT_TRUE(again) << again.error().message;
  expect_same_posterior(*reference, *again);
}

// distance = "max": the posterior says so, and every particle's distance is its largest
// standardised miss over the fitted targets (the held-out one excluded). A journal begun under
// one distance is not resumed under another: the targets file is the calibration's identity.
TEST_F(CalibrateCommand, MaxDistanceIsRecordedUsedAndPartOfTheJournalsIdentity) {
  std::string text = small_targets(12, 1);
  text.replace(text.find("seed = 5"), 8, "seed = 5\ndistance = \"max\"");
  const fs::path max_file = write("max.toml", text);
  const fs::path posterior = folder_ / "max.h5";
  auto outcome = kopa({"calibrate", max_file.string(), "-o", posterior.string(), "--quiet"});
  ASSERT_EQ(outcome.code, exit_ok) << outcome.err;
  auto contents = io::read_posterior(posterior);
  ASSERT_TRUE(contents) << contents.error().message;
  EXPECT_EQ(contents->distance_function, "max");
  const std::size_t targets = contents->targets.size();
  ASSERT_EQ(targets, 3u);
  double largest_rms_gap = 0;
  for (std::size_t i = 0; i < contents->particles(); ++i) {
    double largest = 0, squares = 0;
    for (std::size_t k = 0; k < 2; ++k) {  // the two fitted targets; the third is held out
      const double z =
          (contents->simulated[i * targets + k] - contents->observed[k]) / contents->tolerance[k];
      largest = std::max(largest, std::abs(z));
      squares += z * z;
    }
    EXPECT_DOUBLE_EQ(contents->distance[i], largest);
    largest_rms_gap = std::max(largest_rms_gap, largest - std::sqrt(squares / 2));
  }
  EXPECT_GT(largest_rms_gap, 0.1);  // the two folds differ on these particles
  // The same file without the key: the root mean square, as before the choice existed.
  const fs::path rms = folder_ / "rms.h5";
  ASSERT_EQ(kopa({"calibrate", write("rms.toml", small_targets(12, 1)).string(), "-o", rms.string(),
                  "--quiet"})
                .code,
            exit_ok);
  auto rms_contents = io::read_posterior(rms);
  ASSERT_TRUE(rms_contents) << rms_contents.error().message;
  EXPECT_EQ(rms_contents->distance_function, "rms");

  // A journal begun under "rms" (one made-up evaluation in it: only its header matters here),
  // resumed with the file now saying "max".
  const fs::path resumed = folder_ / "resumed.h5";
  ASSERT_NO_FATAL_FAILURE(begin_journal(folder_ / "rms.toml", resumed));
  expect_resume_refused(write("rms.toml", text), resumed);
  // Put back, it resumes.
  write("rms.toml", small_targets(12, 1));
  outcome = kopa({"calibrate", (folder_ / "rms.toml").string(), "-o", resumed.string(), "--resume",
                  "--quiet"});
  EXPECT_EQ(outcome.code, exit_ok) << outcome.err;
}

// kernel = "olcm_probit": the posterior says so (format 1.2), no proposal was dropped outside
// the priors, and a journal begun under the componentwise kernel is not resumed under it.
TEST_F(CalibrateCommand, OlcmKernelIsRecordedAndPartOfTheJournalsIdentity) {
  std::string text = small_targets(12, 1);
  text.replace(text.find("seed = 5"), 8, "seed = 5\nkernel = \"olcm_probit\"");
  const fs::path olcm = folder_ / "olcm.h5";
  auto outcome =
      kopa({"calibrate", write("olcm.toml", text).string(), "-o", olcm.string(), "--quiet"});
  ASSERT_EQ(outcome.code, exit_ok) << outcome.err;
  auto contents = io::read_posterior(olcm);
  ASSERT_TRUE(contents) << contents.error().message;
  EXPECT_EQ(contents->kernel, "olcm_probit");
  ASSERT_EQ(contents->generation_proposed.size(), 2u);
  EXPECT_EQ(contents->generation_proposed[1], contents->generation_evaluated[1]);

  // A journal begun under the default kernel (one made-up evaluation: only its header matters),
  // resumed with the file now saying "olcm_probit".
  const fs::path resumed = folder_ / "resumed.h5";
  write("componentwise.toml", small_targets(12, 1));
  auto componentwise = calibrate::load_targets(folder_ / "componentwise.toml");
  ASSERT_TRUE(componentwise.targets);
  EXPECT_EQ(componentwise.targets->sampler.kernel, calibrate::Kernel::componentwise);
  ASSERT_NO_FATAL_FAILURE(begin_journal(folder_ / "componentwise.toml", resumed));
  expect_resume_refused(write("componentwise.toml", text), resumed);
}

// adjustment = "local_linear": the file keeps the sampler's particles and weights as they are
// without it, holds the adjusted ones (inside the priors, moved) as theta and weight, their slopes
// (NaN for the held-out target), and the posterior predictive of the adjusted particles.
TEST_F(CalibrateCommand, RegressionAdjustmentKeepsTheSamplersParticlesBesideTheAdjustedOnes) {
  const std::string plain_text = small_targets(12, 1);
  std::string text = plain_text;
  text.replace(text.find("seed = 5"), 8, "seed = 5\nadjustment = \"local_linear\"");
  const fs::path adjusted_file = folder_ / "adjusted.h5", plain_file = folder_ / "plain.h5";
  for (const auto& [toml, out] :
       {std::pair{text, adjusted_file}, std::pair{plain_text, plain_file}}) {
    const auto outcome = kopa({"calibrate", write(out.stem().string() + ".toml", toml).string(),
                               "-o", out.string(), "--quiet"});
    ASSERT_EQ(outcome.code, exit_ok) << outcome.err;
  }
  auto adjusted = io::read_posterior(adjusted_file);
  auto plain = io::read_posterior(plain_file);
  ASSERT_TRUE(adjusted) << adjusted.error().message;
  ASSERT_TRUE(plain) << plain.error().message;
  EXPECT_EQ(adjusted->adjustment, "local_linear");
  EXPECT_EQ(plain->adjustment, "none");
  EXPECT_TRUE(plain->theta_unadjusted.empty());
  EXPECT_EQ(adjusted->theta_unadjusted, plain->theta);
  EXPECT_EQ(adjusted->weight_unadjusted, plain->weight);
  EXPECT_EQ(adjusted->distance, plain->distance);
  ASSERT_EQ(adjusted->simulated.size(), plain->simulated.size());  // NaN where no value: bitwise
  EXPECT_EQ(std::memcmp(adjusted->simulated.data(), plain->simulated.data(),
                        plain->simulated.size() * sizeof(double)),
            0);
  ASSERT_EQ(adjusted->theta.size(), plain->theta.size());
  std::size_t moved = 0;
  const std::size_t d = adjusted->parameters.size();
  for (std::size_t e = 0; e < adjusted->theta.size(); ++e) {
    EXPECT_GE(adjusted->theta[e], adjusted->prior_min[e % d]);
    EXPECT_LE(adjusted->theta[e], adjusted->prior_max[e % d]);
    moved += adjusted->theta[e] != plain->theta[e];
  }
  EXPECT_GT(moved, adjusted->theta.size() / 2);
  EXPECT_NE(adjusted->predictive, plain->predictive);  // the adjusted particles' own runs
  ASSERT_EQ(adjusted->adjustment_slope.size(), d * 3);
  for (std::size_t j = 0; j < d; ++j) {
    EXPECT_TRUE(std::isfinite(adjusted->adjustment_slope[j * 3 + 0]));
    EXPECT_TRUE(std::isfinite(adjusted->adjustment_slope[j * 3 + 1]));
    EXPECT_TRUE(std::isnan(adjusted->adjustment_slope[j * 3 + 2]));  // approval: held out
  }
  // A higher ideation rate gives more ideas: the rate's coordinate rises with the ideas' miss,
  // and a particle with more ideas than the figure moves to a lower rate.
  EXPECT_GT(adjusted->adjustment_slope[0 * 3 + 0], 0.0);
}

TEST_F(CalibrateCommand, RunWithPosteriorDrawsOneParticlePerReplicatePairedAcrossScenarios) {
  const fs::path file = write("targets.toml", small_targets(12, 1));
  const fs::path posterior = folder_ / "posterior.h5";
  ASSERT_EQ(kopa({"calibrate", file.string(), "-o", posterior.string(), "--quiet"}).code, exit_ok);
  const fs::path results = folder_ / "results.h5";
  std::vector<std::string> arguments{"run",
                                     base_scenario(),
                                     (testing::scenarios_folder() / "seed_funding.toml").string(),
                                     "--set",
                                     "simulation.founders=300",
                                     "--months",
                                     "24",
                                     "-r",
                                     "8",
                                     "-o",
                                     results.string(),
                                     "--posterior",
                                     posterior.string(),
                                     "--quiet"};
  for (const std::string& option : small_population_options()) arguments.push_back(option);
  const auto outcome = kopa(arguments);
  ASSERT_EQ(outcome.code, exit_ok) << outcome.err;
  auto file_contents = io::read_results(results);
  ASSERT_TRUE(file_contents) << file_contents.error().message;
  const auto& scenarios = file_contents->scenarios;
  ASSERT_EQ(scenarios.size(), 2u);
  const auto& drawn = scenarios[0].header.posterior_particle;
  ASSERT_EQ(drawn.size(), 8u);
  EXPECT_EQ(scenarios[1].header.posterior_particle, drawn);
  for (const auto p : drawn) EXPECT_TRUE(p >= 0 && p < 12);
  // Drawn, not the same particle every time.
  EXPECT_NE(std::count(drawn.begin(), drawn.end(), drawn[0]), 8);
  const auto compare = kopa({"compare", results.string()});
  ASSERT_EQ(compare.code, exit_ok) << compare.err;
  EXPECT_NE(compare.out.find("Intervals include parameter uncertainty"), std::string::npos)
      << compare.out;
  // A file that is not a posterior is refused before anything runs.
  const auto bad = kopa({"run", base_scenario(), "-r", "2", "-o", (folder_ / "r2.h5").string(),
                         "--posterior", results.string(), "--quiet"});
  EXPECT_EQ(bad.code, exit_bad_input);
  EXPECT_NE(bad.err.find("is not a kopa posterior file"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(folder_ / "r2.h5"));
}

}  // namespace
}  // namespace kopa

namespace kopa {
namespace {

TEST_F(CalibrateCommand, SweepWithPosteriorRunsEachReplicateWithOneParticleAtEveryPoint) {
  const fs::path posterior = folder_ / "posterior.h5";
  ASSERT_EQ(kopa({"calibrate", write("targets.toml", small_targets(12, 1)).string(), "-o",
                  posterior.string(), "--quiet"})
                .code,
            exit_ok);
  const std::string sweep_text =
      "[sweep]\nbase = \"" + base_scenario() +
      "\"\nreplicates = 6\ndesign = \"grid\"\n"
      "[sweep.set]\n\"simulation.founders\" = 300\n\"simulation.months\" = 12" +
      small_population_toml("\n") +
      "\n"
      "[[factor]]\npath = \"levers.seed_funding.start_month\"\nvalues = [0, 3]\n";
  const fs::path sweep_file = write("sweep.toml", sweep_text);
  const fs::path out = folder_ / "sweep.h5";
  auto outcome = kopa({"sweep", sweep_file.string(), "-o", out.string(), "--posterior",
                       posterior.string(), "--quiet"});
  ASSERT_EQ(outcome.code, exit_ok) << outcome.err;
  auto contents = io::read_sweep(out);
  ASSERT_TRUE(contents) << contents.error().message;
  ASSERT_EQ(contents->header.posterior_particle.size(), 6u);
  EXPECT_NE(contents->header.posterior.find("posterior '"), std::string::npos);
  // The same draws as kopa run makes for the same base seed and replicates.
  const fs::path results = folder_ / "results.h5";
  ASSERT_EQ(kopa({"run", base_scenario(), "--set", "simulation.founders=300", "--months", "12",
                  "-r", "6", "-o", results.string(), "--posterior", posterior.string(), "--quiet"})
                .code,
            exit_ok);
  auto run = io::read_results(results);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->scenarios[0].header.posterior_particle, contents->header.posterior_particle);
  // A calibrated parameter cannot also be a factor.
  const fs::path clash = write("clash.toml", sweep_text +
                                                 "[[factor]]\npath = "
                                                 "\"founders.ideation_rate\"\nvalues = "
                                                 "[0.002, 0.004]\n");
  outcome = kopa({"sweep", clash.string(), "-o", (folder_ / "clash.h5").string(), "--posterior",
                  posterior.string(), "--quiet"});
  EXPECT_EQ(outcome.code, exit_bad_input);
  EXPECT_NE(outcome.err.find("both a factor and a calibrated parameter"), std::string::npos)
      << outcome.err;
}

}  // namespace
}  // namespace kopa
