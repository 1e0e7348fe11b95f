#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/exit_code.hpp"
#include "cli_outcome.hpp"

namespace kopa {
namespace {

namespace fs = std::filesystem;
using testing::kopa;

class SweepCompare : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("kopa-sweep-compare-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    sweep = dir / "grid.toml";
    std::ofstream(sweep)
        << "[sweep]\nbase = \""
        << (fs::path(KOPA_SOURCE_DIR) / "scenarios/seed_funding.toml").string()
        << "\"\nreplicates = 3\ndesign = \"grid\"\n"
           "[sweep.set]\n\"simulation.founders\" = 300\n\"simulation.months\" = 12\n"
           "[[factor]]\npath = \"levers.seed_funding.start_month\"\n"
           "values = [0, 6]\n";
    output = dir / "grid.h5";
  }
  void TearDown() override { fs::remove_all(dir); }
  fs::path dir, sweep, output;
};

TEST_F(SweepCompare, SummarisesEveryDesignPointOfASweepFile) {
  ASSERT_EQ(kopa({"validate", sweep.string()}).code, exit_ok);
  const auto run = kopa({"sweep", sweep.string(), "-o", output.string(), "--quiet"});
  ASSERT_EQ(run.code, exit_ok) << run.err;
  const auto csv = kopa({"compare", output.string(), "--metric", "public_cost", "--format", "csv"});
  ASSERT_EQ(csv.code, exit_ok) << csv.err;
  // A header and one row per design point (2), each over its 3 finished replicates.
  std::istringstream lines(csv.out);
  std::string line;
  std::vector<std::string> rows;
  while (std::getline(lines, line)) rows.push_back(line);
  ASSERT_EQ(rows.size(), 3u) << csv.out;
  EXPECT_NE(rows[0].find("levers.seed_funding.start_month"), std::string::npos);
  EXPECT_EQ(rows[1].rfind("0,0", 0), 0u) << rows[1];
  EXPECT_EQ(rows[2].rfind("1,6", 0), 0u) << rows[2];
  EXPECT_NE(rows[1].find(",flow,11,false,3,"), std::string::npos) << rows[1];
}

TEST_F(SweepCompare, RefusesBaselineAndUnknownMetricsOnASweep) {
  ASSERT_EQ(kopa({"sweep", sweep.string(), "-o", output.string(), "--quiet"}).code, exit_ok);
  const auto baseline = kopa({"compare", output.string(), "--baseline", "x"});
  EXPECT_EQ(baseline.code, exit_bad_input);
  EXPECT_NE(baseline.err.find("--baseline and --series do not apply"), std::string::npos);
  const auto unknown = kopa({"compare", output.string(), "--metric", "founders_sustaind"});
  EXPECT_EQ(unknown.code, exit_bad_input);
  EXPECT_NE(unknown.err.find("did you mean 'founders_sustained'"), std::string::npos)
      << unknown.err;
}

TEST_F(SweepCompare, ValidateReportsSweepErrors) {
  const fs::path bad = dir / "bad.toml";
  std::ofstream(bad) << "[sweep]\nbase = \""
                     << (fs::path(KOPA_SOURCE_DIR) / "scenarios/baseline.toml").string()
                     << "\"\nreplicates = 2\ndesign = \"grd\"\n[[factor]]\npath = "
                        "\"levers.seed_funding.start_month\"\nvalues = [0]\n";
  const auto outcome = kopa({"validate", bad.string()});
  EXPECT_EQ(outcome.code, exit_bad_input);
  EXPECT_NE(outcome.err.find("unknown design 'grd' (did you mean 'grid'?)"), std::string::npos)
      << outcome.err;
}

// kopa validate reads --set on a sweep's base as kopa sweep does (it refused --set on sweep files
// before), qualifiers included: a scenario beside the sweep answers to its own name only.
TEST_F(SweepCompare, ValidateAppliesSetToASweepsBase) {
  const std::string scenario = (fs::path(KOPA_SOURCE_DIR) / "scenarios/baseline.toml").string();
  const auto both = kopa({"validate", sweep.string(), scenario, "--set",
                          "seed_funding:simulation.founders=-1", "--set", "baseline:x.y=1"});
  EXPECT_EQ(both.code, exit_bad_input);
  EXPECT_NE(both.err.find("simulation.founders"), std::string::npos) << both.err;
  EXPECT_NE(both.err.find("x.y"), std::string::npos) << both.err;
  const auto good = kopa({"validate", sweep.string(), scenario, "--set",
                          "seed_funding:levers.seed_funding.grant_max=9000"});
  EXPECT_EQ(good.code, exit_ok) << good.err;
  const auto unknown = kopa({"validate", sweep.string(), "--set", "what_if:simulation.months=6"});
  EXPECT_EQ(unknown.code, exit_bad_input);
  EXPECT_NE(unknown.err.find("no scenario is named 'what_if'"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace kopa
