// Clear errors for bad inputs: only regular files of a sane size are read, a syntax error names
// its key, a preset listed twice is blamed where it is listed, a setting beyond its cap states the
// cap, and a damaged or newer sweep file is reported as what it is.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/exit_code.hpp"
#include "cli_outcome.hpp"
#include "io/hdf5.hpp"
#include "scenario/scenario.hpp"
#include "sweep/sweep_file.hpp"
#include "test_folder.hpp"

namespace kopa {
namespace {

namespace fs = std::filesystem;

using testing::kopa;
using Outcome = testing::CliOutcome;
const fs::path& scenarios = testing::scenarios_folder();

std::vector<std::string> formatted(const std::vector<ScenarioIssue>& issues) {
  std::vector<std::string> lines;
  for (const auto& issue : issues) lines.push_back(format_issue(issue));
  return lines;
}

class InputFiles : public testing::TestFolder {};

// `kopa validate /dev/zero` and `extends = "/dev/zero"` grew memory without bound.
TEST_F(InputFiles, OnlyRegularFilesAreRead) {
  const Outcome zero = kopa({"validate", "/dev/zero"});
  EXPECT_EQ(zero.code, exit_bad_input);
  EXPECT_NE(zero.err.find("/dev/zero: error: cannot read file: is a character device"),
            std::string::npos)
      << zero.err;

  const auto extends = formatted(load_scenario_text("extends = \"/dev/zero\"\n", "x.toml").issues);
  ASSERT_FALSE(extends.empty());
  EXPECT_EQ(extends[0],
            "x.toml:1:11: error: extends: cannot read '/dev/zero': is a character device, not a "
            "file");

  const fs::path fifo = folder_ / "pipe.toml";  // reading it would block for ever
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const Outcome piped = kopa({"validate", fifo.string()});
  EXPECT_EQ(piped.code, exit_bad_input);
  EXPECT_NE(piped.err.find("is a named pipe"), std::string::npos) << piped.err;
  const Outcome swept = kopa({"sweep", fifo.string(), "-o", (folder_ / "s.h5").string()});
  EXPECT_EQ(swept.code, exit_bad_input);
  EXPECT_NE(swept.err.find("is a named pipe"), std::string::npos) << swept.err;
}

TEST_F(InputFiles, AFileFarLargerThanAnyScenarioIsRefusedSayingSo) {
  const fs::path big = folder_ / "big.toml";
  {
    std::ofstream out(big);
    for (int i = 0; i < 100000; ++i) out << "unknown_key_" << i << " = 1\n";
  }
  const Outcome outcome = kopa({"validate", big.string()});
  EXPECT_EQ(outcome.code, exit_bad_input);
  EXPECT_NE(outcome.err.find("is larger than 1 MiB"), std::string::npos) << outcome.err;
  EXPECT_EQ(std::count(outcome.err.begin(), outcome.err.end(), '\n'), 1) << outcome.err;
}

// A number too large for 64 bits is a syntax error in TOML; it named no key.
TEST(InputMessages, ASyntaxErrorNamesTheKeyOnItsLine) {
  const auto issues =
      formatted(load_scenario_text(
                    "[levers.seed_funding]\nbudget_per_year = 99999999999999999999999\n", "x.toml")
                    .issues);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_TRUE(issues[0].starts_with("x.toml:2:"));
  EXPECT_NE(issues[0].find("error: levers.seed_funding.budget_per_year: syntax error"),
            std::string::npos)
      << issues[0];
  const auto sweep =
      sweep::load_sweep_text("[sweep]\nreplicates = 99999999999999999999\n", "s.toml");
  ASSERT_FALSE(sweep.issues.empty());
  EXPECT_EQ(sweep.issues[0].key, "sweep.replicates");
}

// `regions = ["latvia", "latvia"]` blamed the preset file and cited one line twice.
TEST(InputMessages, APresetListedTwiceIsBlamedWhereItIsListed) {
  const std::string label = (scenarios / "x.toml").string();
  const auto twice = formatted(
      load_scenario_text("extends = \"baseline.toml\"\nregions = [\"latvia\", \"latvia\"]\n", label)
          .issues);
  EXPECT_EQ(twice,
            std::vector<std::string>{label + ":2:22: error: regions[2]: \"latvia\" is listed twice "
                                             "(also regions[1])"});
  const auto overlap = formatted(
      load_scenario_text(
          "extends = \"baseline.toml\"\nregions = [\"latvia\",\n  \"latvia/cesis\"]\n", label)
          .issues);
  EXPECT_EQ(overlap,
            std::vector<std::string>{label + ":3:3: error: regions[2]: region name 'cesis' is "
                                             "used twice (also by regions[1] on line 2)"});
}

// latvia.toml and latvia_planning.toml both named a region `vidzeme`, so no scenario could take
// both presets; latvia.toml's areas are now named after their towns. A clash with an inline
// region still names both places.
TEST(InputMessages, TheLatvianPresetsCombineAndAClashNamesBothPlaces) {
  const std::string label = (scenarios / "x.toml").string();
  const auto both = load_scenario_text(
      "extends = \"baseline.toml\"\nregions = [\"latvia\", \"latvia_planning\"]\n", label);
  ASSERT_TRUE(both.scenario) << ::testing::PrintToString(formatted(both.issues));
  std::vector<std::string> names;
  for (const auto& region : both.scenario->parameters.regions) names.push_back(region.name);
  EXPECT_EQ(names, (std::vector<std::string>{"cesis", "liepaja", "kurzeme", "zemgale", "vidzeme",
                                             "latgale"}));
  const auto clash = formatted(
      load_scenario_text("extends = \"baseline.toml\"\nregions = [\"latvia_planning\"]\n"
                         "[[region]]\nname = \"vidzeme\"\ncountry = \"latvia\"\npopulation = 10\n",
                         label)
          .issues);
  EXPECT_EQ(clash, std::vector<std::string>{label + ":3:1: error: region[1]: region name "
                                                    "'vidzeme' is used twice (also by regions[1] "
                                                    "on line 2)"});
}

// `samples = 10000000` said ">= 1" without the cap.
TEST(InputMessages, ASettingBeyondItsCapStatesTheCap) {
  const auto load = sweep::load_sweep_text(
      "[sweep]\nbase = \"" + (scenarios / "baseline.toml").string() +
          "\"\nreplicates = 2\ndesign = \"lhs\"\nsamples = 10000000\n"
          "[[factor]]\npath = \"levers.seed_funding.budget_per_year\"\nmin = 1.0\nmax = 2.0\n",
      "s.toml");
  ASSERT_EQ(load.issues.size(), 1u);
  EXPECT_EQ(format_issue(load.issues[0]),
            "s.toml:5:11: error: sweep.samples: expected an integer in [1, 1000000], got "
            "10000000");
}

class SweepFileMessages : public testing::TestFolder {
 protected:
  fs::path write_sweep_file() {
    const fs::path sweep = folder_ / "tiny.toml";
    std::ofstream(sweep) << "[sweep]\nbase = \"" << (scenarios / "baseline.toml").string()
                         << "\"\nreplicates = 1\ndesign = \"grid\"\n[sweep.set]\n"
                         << "\"simulation.founders\" = 100\n\"simulation.months\" = 3\n"
                         << "[[factor]]\npath = \"levers.seed_funding.budget_per_year\"\n"
                         << "values = [100000.0, 200000.0]\n";
    const fs::path out = folder_ / "sweep.h5";
    EXPECT_EQ(kopa({"sweep", sweep.string(), "-o", out.string(), "-t", "1", "--quiet"}).code,
              exit_ok);
    return out;
  }
};

// Both were reported as "a sweep file (kopa sweep), not a results file (kopa run)".
TEST_F(SweepFileMessages, ANewerOrDamagedSweepFileIsReportedAsSuch) {
  const fs::path out = write_sweep_file();
  hid_t file = H5Fopen(out.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  io::hdf5::write_attribute(file, "format_version", "9.0");
  H5Fclose(file);
  const Outcome newer = kopa({"compare", out.string()});
  EXPECT_EQ(newer.code, exit_bad_input);
  EXPECT_NE(newer.err.find("format_version 9.0 is newer than this kopa reads"), std::string::npos)
      << newer.err;
  EXPECT_EQ(newer.err.find("not a results file"), std::string::npos) << newer.err;

  file = H5Fopen(out.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  io::hdf5::write_attribute(file, "format_version", "2.0");
  H5Ldelete(file, "sweep/factor.levers.seed_funding.budget_per_year", H5P_DEFAULT);
  H5Fclose(file);
  const Outcome missing = kopa({"compare", out.string()});
  EXPECT_EQ(missing.code, exit_bad_input);
  EXPECT_NE(missing.err.find("names 1 factors but holds 0"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace kopa
