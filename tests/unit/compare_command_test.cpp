// `kopa compare` end to end through run_cli, on small results files written here with
// ResultsWriter and hand-chosen values.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/exit_code.hpp"
#include "cli_outcome.hpp"
#include "io/hdf5.hpp"
#include "io/results_writer.hpp"

namespace kopa {
namespace {
namespace fs = std::filesystem;

constexpr int months = 6;

using testing::kopa;

struct ScenarioPlan {
  std::string name;
  int replicates = 4;
  std::vector<int> done{0, 1, 2, 3};  // replicates written; the others stay NaN
};

// value(scenario index, replicate, metric, month) for every total metric; breakdowns are empty.
using Value = std::function<double(std::size_t, int, Metric, int)>;

// Hand-chosen values (see the test of the difference below):
//  founders_sustained (stock), at the last month 5, replicates 0-3:
//    baseline     10 12 11 13
//    seed_funding 13 14 15 14
//    one_roof     11 12 11 13
//  one less each month before (so a stock is read at M, not summed);
//  public_cost (flow): 100 + 10 * scenario + replicate every month (so summing shows);
//  everything else: 1 + month + replicate.
double hand_value(std::size_t scenario, int replicate, Metric metric, int month) {
  static const double sustained[3][4] = {{10, 12, 11, 13}, {13, 14, 15, 14}, {11, 12, 11, 13}};
  switch (metric) {
    case Metric::founders_sustained:
      return sustained[scenario % 3][replicate] - (months - 1 - month);
    case Metric::public_cost:
      return 100.0 + 10.0 * static_cast<double>(scenario) + replicate;
    default:
      return 1.0 + month + replicate;
  }
}

class CompareCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    folder_ = fs::temp_directory_path() /
              ("kopa_compare_test_" + std::to_string(::getpid()) + "_" + test->name());
    fs::remove_all(folder_);
    fs::create_directories(folder_);
  }
  void TearDown() override { fs::remove_all(folder_); }

  std::string write(const std::vector<ScenarioPlan>& plans, io::RunStatus status,
                    const Value& value = hand_value) {
    const fs::path target = folder_ / "results.h5";
    std::vector<io::ScenarioHeader> headers;
    for (const ScenarioPlan& plan : plans) {
      std::vector<std::uint64_t> seeds(plan.replicates);
      for (int r = 0; r < plan.replicates; ++r) seeds[r] = 1000 + r;
      headers.push_back({plan.name,
                         "test scenario",
                         "name = \"" + plan.name + "\"\n",
                         7,
                         plan.replicates,
                         months,
                         1.0,
                         DimensionLabels{},
                         seeds,
                         {},
                         {},
                         std::nullopt});
    }
    auto writer = io::ResultsWriter::create(target, true, {"test", 1}, headers);
    EXPECT_TRUE(writer) << writer.error().message;
    for (std::size_t s = 0; s < plans.size(); ++s) {
      for (const int r : plans[s].done) {
        RunSeries series(months, DimensionLabels{});
        for (std::size_t m = 0; m < metric_count; ++m) {
          const auto metric = static_cast<Metric>(m);
          if (series.width(metric) != 1) continue;
          for (int t = 0; t < months; ++t) series.at(metric, t) = value(s, r, metric, t);
        }
        // One-year survival (5 + scenario + replicate) / 10; no start-up reaches year 5.
        series.survival.launched = {10, 10, 10, 10, 0};
        series.survival.operating = {5.0 + static_cast<double>(s) + r, 5, 5, 5, 0};
        const Status written = writer->write_run(s, r, series);
        EXPECT_TRUE(written) << written.error().message;
      }
    }
    const Status finished = writer->finish(status);
    EXPECT_TRUE(finished) << finished.error().message;
    return target.string();
  }

  std::string write_three(io::RunStatus status = io::RunStatus::complete) {
    return write({{"baseline"}, {"seed_funding"}, {"one_roof"}}, status);
  }

  fs::path folder_;
};

// The number after each key in turn, searching forward from where the previous one was found:
// enough JSON reading for `"scenarios"`, `"name":"x"`, `"metric":{`, `"mean":` paths.
double number_after(const std::string& json, const std::vector<std::string>& keys) {
  std::size_t at = 0;
  for (const std::string& key : keys) {
    at = json.find(key, at);
    if (at == std::string::npos) {
      ADD_FAILURE() << "no " << key << " in " << json;
      return NAN;
    }
    at += key.size();
  }
  return std::strtod(json.c_str() + at, nullptr);
}

std::vector<std::string> in_scenario(const std::string& scenario, const std::string& metric,
                                     std::vector<std::string> rest) {
  std::vector<std::string> keys{"\"scenarios\":", "\"name\":\"" + scenario + "\"",
                                "\"" + metric + "\":{"};
  keys.insert(keys.end(), rest.begin(), rest.end());
  return keys;
}

TEST_F(CompareCommandTest, PairedDifferenceMatchesAHandComputation) {
  const auto result = kopa({"compare", write_three(), "--format", "json"});
  ASSERT_EQ(result.code, exit_ok) << result.err;
  EXPECT_EQ(result.err, "");
  // founders_sustained at month 5, seed_funding - baseline per replicate: 3 2 4 1.
  // mean 2.5; sd = sqrt((0.25 + 0.25 + 2.25 + 2.25) / 3) = sqrt(5/3) = 1.2909944487358056;
  // standard error sd / sqrt(4) = 0.6454972243679028; t(0.975, df 3) = 3.182446305284263;
  // half width 2.054260256760879: interval [0.445739743239121, 4.5542602567608785].
  const auto difference = [&](const char* key) {
    return number_after(
        result.out, in_scenario("seed_funding", "founders_sustained", {"\"difference\":{", key}));
  };
  EXPECT_EQ(difference("\"n\":"), 4.0);
  EXPECT_NEAR(difference("\"mean\":"), 2.5, 1e-12);
  EXPECT_NEAR(difference("\"sd\":"), 1.2909944487358056, 1e-12);
  EXPECT_NEAR(difference("\"t_quantile\":"), 3.182446305284263, 1e-9);
  EXPECT_NEAR(difference("\"ci_low\":"), 0.445739743239121, 1e-9);
  EXPECT_NEAR(difference("\"ci_high\":"), 4.5542602567608785, 1e-9);
  // Descriptive: baseline mean (10 + 12 + 11 + 13) / 4 = 11.5.
  EXPECT_EQ(number_after(result.out, in_scenario("baseline", "founders_sustained", {"\"mean\":"})),
            11.5);
  EXPECT_NE(result.out.find("\"baseline\":\"baseline\""), std::string::npos);
  EXPECT_NE(result.out.find("\"interrupted\":false"), std::string::npos);
}

TEST_F(CompareCommandTest, StocksAreReadAtTheMonthAndFlowsSummedUpToIt) {
  const std::string file = write_three();
  // Last month: public_cost of seed_funding is 6 months x (110 + replicate), mean 6 x 111.5.
  const auto last = kopa({"compare", file, "--format", "json"});
  ASSERT_EQ(last.code, exit_ok) << last.err;
  EXPECT_EQ(number_after(last.out, in_scenario("seed_funding", "public_cost", {"\"mean\":"})),
            669.0);
  // Month 2: flows over months 0-2 (3 x 111.5); stocks at month 2 (3 less than at month 5).
  const auto early = kopa({"compare", file, "--month", "2", "--metric", "founders_sustained",
                           "--metric", "public_cost", "--format", "json"});
  ASSERT_EQ(early.code, exit_ok) << early.err;
  EXPECT_EQ(number_after(early.out, {"\"month\":"}), 2.0);
  EXPECT_EQ(number_after(early.out, in_scenario("seed_funding", "public_cost", {"\"mean\":"})),
            334.5);
  EXPECT_EQ(
      number_after(early.out, in_scenario("seed_funding", "founders_sustained", {"\"mean\":"})),
      14.0 - 3.0);
  EXPECT_NE(early.out.find("\"flow summed over months 0-2\""), std::string::npos);
  EXPECT_NE(early.out.find("\"stock at month 2\""), std::string::npos);
  EXPECT_EQ(early.out.find("collaborations"), std::string::npos);  // only the metrics asked for
}

TEST_F(CompareCommandTest, TableByDefaultAndEveryFormatPrints) {
  const std::string file = write_three();
  const auto table = kopa({"compare", file});
  ASSERT_EQ(table.code, exit_ok) << table.err;
  EXPECT_TRUE(table.out.starts_with("kopa compare: 3 scenarios against 'baseline'")) << table.out;
  for (const char* format : {"csv", "markdown"}) {
    const auto result = kopa({"compare", file, "--format", format});
    EXPECT_EQ(result.code, exit_ok) << format << ": " << result.err;
    EXPECT_NE(result.out.find("seed_funding"), std::string::npos) << format;
  }
}

TEST_F(CompareCommandTest, BaselineIsTheOneNamedBaselineElseTheFirstElseTheOption) {
  const auto named =
      kopa({"compare", write({{"seed_funding"}, {"baseline"}}, io::RunStatus::complete), "--format",
            "json"});
  ASSERT_EQ(named.code, exit_ok) << named.err;
  EXPECT_NE(named.out.find("\"baseline\":\"baseline\""), std::string::npos);

  const std::string unnamed = write({{"one_roof"}, {"seed_funding"}}, io::RunStatus::complete);
  const auto first = kopa({"compare", unnamed, "--format", "json"});
  ASSERT_EQ(first.code, exit_ok) << first.err;
  EXPECT_NE(first.out.find("\"baseline\":\"one_roof\""), std::string::npos);

  const auto chosen = kopa({"compare", unnamed, "--baseline", "seed_funding", "--format", "json"});
  ASSERT_EQ(chosen.code, exit_ok) << chosen.err;
  EXPECT_NE(chosen.out.find("\"baseline\":\"seed_funding\""), std::string::npos);
}

TEST_F(CompareCommandTest, OnlyDoneReplicatesAreReadAndAnInterruptedFileSaysSo) {
  // seed_funding stopped after replicates 0 and 2: it pairs with baseline on those two only.
  const std::string file =
      write({{"baseline"}, {"seed_funding", 4, {0, 2}}}, io::RunStatus::interrupted);
  const auto json = kopa({"compare", file, "--format", "json", "--metric", "founders_sustained"});
  ASSERT_EQ(json.code, exit_ok) << json.err;
  EXPECT_NE(json.out.find("\"interrupted\":true"), std::string::npos);
  EXPECT_NE(json.out.find("\"replicate_ids\":[0,2]"), std::string::npos) << json.out;
  // Differences 3 and 4: mean 3.5.
  EXPECT_EQ(number_after(json.out, in_scenario("seed_funding", "founders_sustained",
                                               {"\"difference\":{", "\"mean\":"})),
            3.5);
  const auto table = kopa({"compare", file});
  ASSERT_EQ(table.code, exit_ok) << table.err;
  EXPECT_NE(table.out.find("INTERRUPTED run"), std::string::npos) << table.out;
  const auto csv = kopa({"compare", file, "--format", "csv"});
  EXPECT_NE(csv.out.find(",true,"), std::string::npos);  // the interrupted column
}

TEST_F(CompareCommandTest, OneSingleReplicateScenarioAmongOthersIsNotApplicable) {
  const std::string file =
      write({{"baseline"}, {"seed_funding"}, {"one_roof", 4, {1}}}, io::RunStatus::interrupted);
  const auto table = kopa({"compare", file, "--metric", "founders_sustained"});
  ASSERT_EQ(table.code, exit_ok) << table.err;
  EXPECT_NE(table.out.find("n/a"), std::string::npos) << table.out;
  const auto json = kopa({"compare", file, "--format", "json", "--metric", "founders_sustained"});
  EXPECT_NE(json.out.find("\"difference_error\""), std::string::npos);
}

TEST_F(CompareCommandTest, SeriesWritesCsvByDefaultAndJsonOnRequest) {
  const std::string file = write_three();
  const auto csv = kopa({"compare", file, "--series", "--metric", "founders_sustained"});
  ASSERT_EQ(csv.code, exit_ok) << csv.err;
  EXPECT_TRUE(csv.out.starts_with("scenario,metric,aggregation,month,")) << csv.out;
  // Header, then 3 scenarios x 6 months.
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 1 + 3 * months);
  const auto json = kopa({"compare", file, "--series", "--format", "json"});
  ASSERT_EQ(json.code, exit_ok) << json.err;
  EXPECT_NE(json.out.find("\"format\":\"kopa-compare-series\""), std::string::npos);
}

TEST_F(CompareCommandTest, HelpListsTheDefaultMetricsAndTheFormats) {
  const auto help = kopa({"compare", "--help"});
  ASSERT_EQ(help.code, exit_ok);
  for (const char* word : {"founders_sustained", "money_share_disadvantaged", "public_cost",
                           "table", "csv", "markdown", "json", "--series", "summed"}) {
    EXPECT_NE(help.out.find(word), std::string::npos) << word;
  }
}

// Each bad input: exit 2 and exactly one line on stderr containing `expected`.
void expect_bad_input(const testing::CliOutcome& result, const std::string& expected) {
  EXPECT_EQ(result.code, exit_bad_input) << result.out;
  EXPECT_EQ(result.out, "");
  EXPECT_TRUE(result.err.starts_with("kopa compare: ")) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_NE(result.err.find(expected), std::string::npos) << result.err;
}

TEST_F(CompareCommandTest, RefusesFilesThatAreMissingOrNotKopaResults) {
  expect_bad_input(kopa({"compare", (folder_ / "absent.h5").string()}), "does not exist");

  const fs::path text = folder_ / "notes.txt";
  std::ofstream(text) << "not hdf5 at all\n";
  expect_bad_input(kopa({"compare", text.string()}), "is not an HDF5 file");

  const fs::path bare = folder_ / "bare.h5";
  H5Fclose(H5Fcreate(bare.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
  expect_bad_input(kopa({"compare", bare.string()}), "is not a kopa results file");

  const std::string newer = write_three();
  const hid_t file = H5Fopen(newer.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  io::hdf5::write_attribute(file, "format_version", "3.0");
  H5Fclose(file);
  expect_bad_input(kopa({"compare", newer}), "3.0");

  const auto none = kopa({"compare"});
  expect_bad_input(none, "no results file given");
}

TEST_F(CompareCommandTest, RefusesUnknownNamesListingTheValidOnes) {
  const std::string file = write_three();
  const auto scenario = kopa({"compare", file, "--baseline", "seed_fundng"});
  expect_bad_input(scenario,
                   "unknown baseline scenario 'seed_fundng' (did you mean 'seed_funding'?)");
  expect_bad_input(scenario, "the scenarios are: baseline, seed_funding, one_roof");

  const auto metric = kopa({"compare", file, "--metric", "founders_sustaned"});
  expect_bad_input(metric,
                   "unknown metric 'founders_sustaned' (did you mean 'founders_sustained'?)");
  expect_bad_input(metric, "money_share_disadvantaged, founders_latent");

  expect_bad_input(kopa({"compare", file, "--metric", "population_by_group"}),
                   "broken down by group; compare reads totals only");
  expect_bad_input(kopa({"compare", file, "--format", "html"}), "unknown format 'html'");
}

TEST_F(CompareCommandTest, RefusesAMonthOutOfRangeAndOptionsSeriesCannotUse) {
  const std::string file = write_three();
  expect_bad_input(kopa({"compare", file, "--month", "6"}), "month 6 is out of range");
  expect_bad_input(kopa({"compare", file, "--month=-1"}), "month -1 is out of range");
  for (const char* format : {"table", "markdown"}) {
    expect_bad_input(kopa({"compare", file, "--series", "--format", format}),
                     "--series writes csv or json");
  }
  expect_bad_input(kopa({"compare", file, "--series", "--month", "2"}), "--month");
}

TEST_F(CompareCommandTest, RefusesWhenNoScenarioHasTwoReplicatesToPair) {
  const std::string file =
      write({{"baseline", 4, {0}}, {"seed_funding", 4, {0}}, {"one_roof", 4, {}}},
            io::RunStatus::interrupted);
  expect_bad_input(kopa({"compare", file}),
                   "no scenario has 2 or more finished replicates paired with baseline 'baseline' "
                   "(baseline 1, seed_funding 1, one_roof 0)");
}

// Cohort survival is one value per run: compared like a metric, refused as a monthly series.
TEST_F(CompareCommandTest, SurvivalComparesOneValuePerRun) {
  const std::string file = write_three();
  const auto result = kopa(
      {"compare", file, "--metric", "survival_1y", "--metric", "survival_5y", "--format", "json"});
  ASSERT_EQ(result.code, exit_ok) << result.err;
  EXPECT_DOUBLE_EQ(number_after(result.out, in_scenario("baseline", "survival_1y", {"\"mean\":"})),
                   0.65);  // (5 + r) / 10 over r = 0..3
  EXPECT_NEAR(number_after(result.out, in_scenario("seed_funding", "survival_1y",
                                                   {"\"difference\":", "\"mean\":"})),
              0.1, 1e-12);
  EXPECT_NE(result.out.find("\"aggregation\":\"per_run\""), std::string::npos);
  // No start-up is 5 years old: the share is undefined, not zero.
  const auto five = result.out.find("\"survival_5y\":{");
  ASSERT_NE(five, std::string::npos);
  EXPECT_EQ(result.out.substr(result.out.find("\"mean\":", five), 11), "\"mean\":null");

  expect_bad_input(kopa({"compare", file, "--series", "--metric", "survival_1y"}),
                   "'survival_1y' has one value per run");
  expect_bad_input(kopa({"compare", file, "--metric", "survival_6y"}), "survival_5y");
}

const char* two_regions = R"(name = "base"
[simulation]
start = "2026-01"
months = 12
founders = 400
[[region]]
name = "east"
country = "latvia"
population = 2000
[[region]]
name = "west"
country = "latvia"
population = 2000
)";

// A ministry's memo end to end: a what-if of a file (NAME=FILE, NAME:PATH=VALUE) with a lever
// targeted at one region from a date, then `kopa compare --region` with dates in its header.
TEST(CompareRegion, WhatIfTargetedAtOneRegionComparedThereWithDates) {
  const fs::path folder = fs::path(KOPA_BINARY_DIR) / "test-compare-region";
  fs::remove_all(folder);
  fs::create_directories(folder);
  const auto base = (folder / "base.toml").string();
  std::ofstream(base) << two_regions;
  const auto results = (folder / "memo.h5").string();
  const testing::CliOutcome ran = kopa({"run", base, "memo=" + base, "-r", "3", "-o", results,
                                        "--quiet", "--set", "memo:levers.one_roof.enabled=true",
                                        "--set", "memo:levers.one_roof.start_month=2026-04",
                                        "--set", "memo:levers.one_roof.regions=east"});
  ASSERT_EQ(ran.code, exit_ok) << ran.err;

  const testing::CliOutcome east =
      kopa({"compare", results, "--region", "east", "--format", "markdown"});
  ASSERT_EQ(east.code, exit_ok) << east.err;
  EXPECT_NE(east.out.find("month 11 of 0-11 (2026-12; months 2026-01 to 2026-12)"),
            std::string::npos)
      << east.out;
  EXPECT_NE(east.out.find("founders_supported_by_region[east]"), std::string::npos) << east.out;
  EXPECT_NE(east.out.find("memo"), std::string::npos) << east.out;

  const testing::CliOutcome one =
      kopa({"compare", results, "--group", "youth", "--metric", "awards"});
  ASSERT_EQ(one.code, exit_ok) << one.err;
  EXPECT_NE(one.out.find("awards_by_group[youth]"), std::string::npos) << one.out;

  const testing::CliOutcome typo = kopa({"compare", results, "--region", "eats"});
  EXPECT_EQ(typo.code, exit_bad_input);
  EXPECT_EQ(typo.err,
            "kopa compare: scenario 'base' has no region 'eats' (did you mean 'east'?); its "
            "regions are: east, west\n");
}

}  // namespace
}  // namespace kopa
