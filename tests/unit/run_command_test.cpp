#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/exit_code.hpp"
#include "engine/run.hpp"
#include "io/results_reader.hpp"
#include "model/random.hpp"
#include "scenario/scenario.hpp"

namespace kopa {
namespace {

namespace fs = std::filesystem;

const fs::path scenarios = fs::path(KOPA_SOURCE_DIR) / "scenarios";
const std::vector<std::string> small{
    "--set", "simulation.founders=400", "--months", "18", "-r", "3", "--quiet"};

struct RunOutcome {
  int code;
  std::string err;
};

RunOutcome kopa_run(std::vector<std::string> args) {
  args.insert(args.begin(), "run");
  std::ostringstream out, err;
  const int code = run_cli(args, out, err);
  return {code, err.str()};
}

class RunCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("kopa-run-test-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  std::vector<std::string> args_for(const fs::path& output, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{(scenarios / "baseline.toml").string(),
                                  (scenarios / "seed_funding.toml").string(), "-o",
                                  output.string()};
    args.insert(args.end(), small.begin(), small.end());
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }

  fs::path dir;
};

TEST_F(RunCommand, FileHoldsExactlyWhatTheRunsProduced) {
  const fs::path file = dir / "out.h5";
  const auto outcome = kopa_run(args_for(file, {"-t", "2"}));
  ASSERT_EQ(outcome.code, exit_ok) << outcome.err;

  auto reader = io::ResultsReader::open(file);
  ASSERT_TRUE(reader) << reader.error().message;
  const auto& contents = reader->contents();
  ASSERT_EQ(contents.scenarios.size(), 2u);
  for (std::size_t s = 0; s < 2; ++s) {
    const std::string name = s == 0 ? "baseline" : "seed_funding";
    ScenarioLoad load = load_scenario(scenarios / (name + ".toml"),
                                      {"simulation.founders=400", "simulation.months=18"});
    ASSERT_TRUE(load.scenario);
    const Model model(load.scenario->parameters);
    for (int r = 0; r < 3; ++r) {
      // Common random numbers: every scenario uses the first scenario's base seed.
      const RunSeries expected = run_replicate(model, 1, r);
      for (std::size_t m = 0; m < metric_count; ++m) {
        const auto metric = static_cast<Metric>(m);
        auto array = reader->read_metric(s, metric_spec(metric).name);
        ASSERT_TRUE(array) << array.error().message;
        const std::size_t width = expected.width(metric);
        for (int t = 0; t < 18; ++t) {
          for (std::size_t l = 0; l < width; ++l) {
            ASSERT_EQ(array->at(static_cast<std::size_t>(r), static_cast<std::size_t>(t), l),
                      expected.at(metric, t, l))
                << name << " " << metric_spec(metric).name << " r" << r << " t" << t;
          }
        }
      }
    }
  }
}

TEST_F(RunCommand, OneAndTwoThreadsGiveIdenticalMetrics) {
  ASSERT_EQ(kopa_run(args_for(dir / "t1.h5", {"-t", "1"})).code, exit_ok);
  ASSERT_EQ(kopa_run(args_for(dir / "t2.h5", {"-t", "2"})).code, exit_ok);
  auto one = io::ResultsReader::open(dir / "t1.h5");
  auto two = io::ResultsReader::open(dir / "t2.h5");
  ASSERT_TRUE(one && two);
  for (std::size_t s = 0; s < 2; ++s) {
    for (const auto& spec : metric_catalog()) {
      auto a = one->read_metric(s, spec.name);
      auto b = two->read_metric(s, spec.name);
      ASSERT_TRUE(a && b);
      EXPECT_EQ(a->values, b->values) << spec.name;
    }
  }
}

TEST_F(RunCommand, RefusesExistingTargetUnlessForced) {
  const fs::path file = dir / "out.h5";
  { std::ofstream(file) << "precious"; }
  const auto refused = kopa_run(args_for(file));
  EXPECT_EQ(refused.code, exit_bad_input);
  EXPECT_NE(refused.err.find("--force"), std::string::npos) << refused.err;
  std::ifstream kept(file);
  std::string text;
  kept >> text;
  EXPECT_EQ(text, "precious");
  EXPECT_EQ(kopa_run(args_for(file, {"--force"})).code, exit_ok);
}

TEST_F(RunCommand, BadScenarioCreatesNothing) {
  const fs::path bad = dir / "bad.toml";
  std::ofstream(bad) << "extends = \"" << (scenarios / "baseline.toml").string()
                     << "\"\n[levers.seed_funding]\nbudget_per_yaer = 1.0\n";
  const fs::path file = dir / "out.h5";
  const auto outcome = kopa_run({bad.string(), "-o", file.string(), "--quiet"});
  EXPECT_EQ(outcome.code, exit_bad_input);
  EXPECT_NE(outcome.err.find("budget_per_year"), std::string::npos) << outcome.err;
  EXPECT_FALSE(fs::exists(file));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1u) << "only the scenario file itself: no output, no temporary file";
}

TEST_F(RunCommand, UnwritableFolderIsAFailureWithNoFile) {
  const fs::path file = dir / "missing" / "out.h5";
  const auto outcome = kopa_run(args_for(file));
  EXPECT_EQ(outcome.code, exit_failure);
  EXPECT_FALSE(outcome.err.empty());
  EXPECT_FALSE(fs::exists(file));
}

TEST_F(RunCommand, RejectsBadCounts) {
  EXPECT_EQ(kopa_run(args_for(dir / "x.h5", {"-r", "0"})).code, exit_bad_input);
  EXPECT_EQ(kopa_run(args_for(dir / "x.h5", {"-t", "-1"})).code, exit_bad_input);
  EXPECT_FALSE(fs::exists(dir / "x.h5"));
}

TEST_F(RunCommand, HeaderDumpSucceeds) {
  if (!fs::exists("/usr/bin/h5dump")) GTEST_SKIP() << "h5dump not installed";
  const fs::path file = dir / "out.h5";
  ASSERT_EQ(kopa_run(args_for(file)).code, exit_ok);
  const std::string command = "/usr/bin/h5dump -H " + file.string() + " > /dev/null 2>&1";
  EXPECT_EQ(std::system(command.c_str()), 0);
}

}  // namespace
}  // namespace kopa
