#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "../tools/sample_results.hpp"
#include "engine/build_info.hpp"
#include "io/hdf5.hpp"
#include "io/results_format.hpp"
#include "io/results_reader.hpp"
#include "io/results_writer.hpp"
#include "util/sha256.hpp"

namespace kopa::io {
namespace {
namespace fs = std::filesystem;
using sample::sample_headers;
using sample::sample_run;
using sample::sample_value;

// Each test gets its own empty folder, removed afterwards.
class ResultsFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    folder_ = fs::temp_directory_path() /
              ("kopa_results_test_" + std::to_string(::getpid()) + "_" + test->name());
    fs::remove_all(folder_);
    fs::create_directories(folder_);
  }
  void TearDown() override { fs::remove_all(folder_); }

  std::vector<fs::path> folder_entries() const {
    return {fs::directory_iterator(folder_), fs::directory_iterator()};
  }

  // Writes the sample; `runs` lists (scenario, replicate) pairs in the order written.
  void write_sample(const fs::path& target, const std::vector<std::pair<std::size_t, int>>& runs,
                    RunStatus status) {
    const auto headers = sample_headers();
    auto writer = ResultsWriter::create(target, false, {"kopa run -o out.h5", 4}, headers);
    ASSERT_TRUE(writer) << writer.error().message;
    for (const auto& [s, r] : runs) {
      const Status written = writer->write_run(s, r, sample_run(headers[s], s, r));
      ASSERT_TRUE(written) << written.error().message;
    }
    const Status finished = writer->finish(status);
    ASSERT_TRUE(finished) << finished.error().message;
  }

  std::vector<std::pair<std::size_t, int>> all_runs() const {
    // Out of order on purpose: runs finish in any order when simulated in parallel.
    return {{1, 2}, {0, 0}, {1, 0}, {0, 2}, {0, 1}, {1, 1}};
  }

  fs::path folder_;
};

TEST_F(ResultsFileTest, RoundTripsEveryValueAndHeader) {
  const fs::path target = folder_ / "results.h5";
  write_sample(target, all_runs(), RunStatus::complete);
  EXPECT_EQ(folder_entries(), std::vector<fs::path>{target});  // no temporary left beside it

  auto reader = ResultsReader::open(target);
  ASSERT_TRUE(reader) << reader.error().message;
  const ResultsFile& file = reader->contents();
  EXPECT_EQ(file.format_version, "2.0");
  EXPECT_EQ(file.format_version, results_format_version());
  EXPECT_EQ(file.kopa_version, kopa_version());
  EXPECT_EQ(file.git_commit, git_commit());
  EXPECT_EQ(file.command_line, "kopa run -o out.h5");
  EXPECT_EQ(file.threads, 4);
  EXPECT_EQ(file.status, RunStatus::complete);
  ASSERT_EQ(file.created_utc.size(), 20u);  // 2025-01-31T12:00:00Z
  EXPECT_EQ(file.created_utc[10], 'T');
  EXPECT_EQ(file.created_utc.back(), 'Z');

  const auto headers = sample_headers();
  ASSERT_EQ(file.scenarios.size(), headers.size());
  for (std::size_t s = 0; s < headers.size(); ++s) {
    const ScenarioContents& got = file.scenarios[s];
    const ScenarioHeader& want = headers[s];
    EXPECT_EQ(got.header.name, want.name);
    EXPECT_EQ(got.header.description, want.description);
    EXPECT_EQ(got.header.scenario_toml, want.scenario_toml);
    EXPECT_EQ(got.scenario_sha256, sha256_hex(want.scenario_toml));
    EXPECT_EQ(got.header.base_seed, want.base_seed);
    EXPECT_EQ(got.header.replicates, want.replicates);
    EXPECT_EQ(got.header.months, want.months);
    EXPECT_EQ(got.header.people_per_agent, want.people_per_agent);
    EXPECT_EQ(got.header.labels.labels, want.labels.labels);
    EXPECT_EQ(got.header.replicate_seeds, want.replicate_seeds);
    EXPECT_EQ(got.done, (std::vector<std::uint8_t>{1, 1, 1}));
    EXPECT_EQ(got.done_replicates(), (std::vector<int>{0, 1, 2}));
    ASSERT_EQ(got.metrics.size(), metric_count);
    EXPECT_EQ(file.find_scenario(want.name), static_cast<int>(s));

    for (std::size_t m = 0; m < metric_count; ++m) {
      const auto& spec = metric_catalog()[m];
      EXPECT_EQ(got.metrics[m], spec.name);
      const auto array = reader->read_metric(s, spec.name);
      ASSERT_TRUE(array) << array.error().message;
      const std::size_t width = want.labels.width(spec.breakdown);
      ASSERT_EQ(array->width, width) << spec.name;
      ASSERT_EQ(array->months, 5u);
      ASSERT_EQ(array->values.size(), 3 * 5 * width);
      for (int r = 0; r < 3; ++r) {
        for (int t = 0; t < 5; ++t) {
          for (std::size_t l = 0; l < width; ++l) {
            ASSERT_EQ(array->at(r, t, l), sample_value(s, r, m, t, l))
                << want.name << " " << spec.name << " r" << r << " t" << t << " l" << l;
          }
        }
      }
    }

    // Cohort survival: the share and its cohort, year 5 (no cohort) as NaN.
    EXPECT_EQ(got.cohorts, (std::vector<std::string>{"survival", "survival_cohort"}));
    const std::vector<int> all{0, 1, 2};
    const auto shares = reader->read_cohort(s, "survival", all);
    const auto cohorts = reader->read_cohort(s, "survival_cohort", all);
    ASSERT_TRUE(shares && cohorts);
    for (int r = 0; r < 3; ++r) {
      const CohortSurvival want_survival = sample_run(want, s, r).survival;
      for (std::size_t k = 1; k <= survival_years; ++k) {
        EXPECT_EQ(cohorts->at(static_cast<std::size_t>(r), k), want_survival.launched[k - 1]);
        if (k < survival_years) {
          EXPECT_EQ(shares->at(static_cast<std::size_t>(r), k), want_survival.share(k));
        } else {
          EXPECT_TRUE(std::isnan(shares->at(static_cast<std::size_t>(r), k)));
        }
      }
    }
  }
  EXPECT_EQ(file.find_scenario("nonesuch"), -1);
}

TEST_F(ResultsFileTest, ReadsChosenReplicatesInTheOrderAsked) {
  const fs::path target = folder_ / "results.h5";
  write_sample(target, all_runs(), RunStatus::complete);
  auto reader = ResultsReader::open(target);
  ASSERT_TRUE(reader) << reader.error().message;
  const std::vector<int> chosen{2, 0};
  const auto array = reader->read_metric(1, "founders_sustained", chosen);
  ASSERT_TRUE(array) << array.error().message;
  EXPECT_EQ(array->replicates, chosen);
  const auto m = static_cast<std::size_t>(Metric::founders_sustained);
  EXPECT_EQ(array->at(0, 3), sample_value(1, 2, m, 3, 0));
  EXPECT_EQ(array->at(1, 4), sample_value(1, 0, m, 4, 0));

  const auto missing = reader->read_metric(1, "founders_sustaned");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("did you mean 'founders_sustained'"), std::string::npos)
      << missing.error().message;
  const std::vector<int> out_of_range{3};
  EXPECT_FALSE(reader->read_metric(1, "founders_sustained", out_of_range));
  EXPECT_FALSE(reader->read_metric(2, "founders_sustained"));
}

TEST_F(ResultsFileTest, InterruptedRunKeepsItsPartialDoneMask) {
  const fs::path target = folder_ / "results.h5";
  write_sample(target, {{0, 0}, {0, 2}}, RunStatus::interrupted);
  auto reader = ResultsReader::open(target);
  ASSERT_TRUE(reader) << reader.error().message;
  const ResultsFile& file = reader->contents();
  EXPECT_EQ(file.status, RunStatus::interrupted);
  EXPECT_EQ(file.scenarios[0].done, (std::vector<std::uint8_t>{1, 0, 1}));
  EXPECT_EQ(file.scenarios[1].done, (std::vector<std::uint8_t>{0, 0, 0}));
  EXPECT_EQ(file.scenarios[0].done_replicates(), (std::vector<int>{0, 2}));

  const auto m = static_cast<std::size_t>(Metric::money_awarded_by_group);
  const auto array = reader->read_metric(0, "money_awarded_by_group");
  ASSERT_TRUE(array) << array.error().message;
  for (int t = 0; t < 5; ++t) {
    for (std::size_t l = 0; l < 2; ++l) {
      EXPECT_EQ(array->at(0, t, l), sample_value(0, 0, m, t, l));
      EXPECT_TRUE(std::isnan(array->at(1, t, l)));  // never written: the fill value
      EXPECT_EQ(array->at(2, t, l), sample_value(0, 2, m, t, l));
    }
  }
}

TEST_F(ResultsFileTest, RefusesAnExistingTargetUnlessForced) {
  const fs::path target = folder_ / "results.h5";
  std::ofstream(target) << "precious";
  const auto headers = sample_headers();
  const auto refused = ResultsWriter::create(target, false, {"kopa run", 1}, headers);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("--force"), std::string::npos);
  EXPECT_NE(refused.error().message.find(target.string()), std::string::npos);
  EXPECT_EQ(folder_entries(), std::vector<fs::path>{target});

  auto forced = ResultsWriter::create(target, true, {"kopa run --force", 1}, headers);
  ASSERT_TRUE(forced) << forced.error().message;
  {
    std::ifstream still(target);  // untouched until finish
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(still), {}), "precious");
  }
  ASSERT_TRUE(forced->finish(RunStatus::complete));
  const auto read = read_results(target);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->command_line, "kopa run --force");
  EXPECT_EQ(folder_entries(), std::vector<fs::path>{target});
}

TEST_F(ResultsFileTest, UnfinishedWriterLeavesNothingBehind) {
  const fs::path target = folder_ / "results.h5";
  const auto headers = sample_headers();
  {
    auto writer = ResultsWriter::create(target, false, {"kopa run", 1}, headers);
    ASSERT_TRUE(writer) << writer.error().message;
    EXPECT_TRUE(fs::exists(writer->temporary_path()));
    EXPECT_EQ(writer->temporary_path().parent_path(), folder_);
    ASSERT_TRUE(writer->write_run(0, 1, sample_run(headers[0], 0, 1)));
    // Moving must hand over ownership of the temporary file, not delete it.
    ResultsWriter moved = std::move(*writer);
    EXPECT_TRUE(fs::exists(moved.temporary_path()));
  }
  EXPECT_TRUE(folder_entries().empty());
}

TEST_F(ResultsFileTest, UnwritableFolderIsAnErrorAndWritesNothing) {
  const auto headers = sample_headers();
  const auto missing = ResultsWriter::create(folder_ / "no_such_folder" / "results.h5", false,
                                             {"kopa run", 1}, headers);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("does not exist"), std::string::npos)
      << missing.error().message;

  const fs::path plain_file = folder_ / "a_file";
  std::ofstream(plain_file) << "x";
  const auto not_a_folder =
      ResultsWriter::create(plain_file / "results.h5", false, {"kopa run", 1}, headers);
  ASSERT_FALSE(not_a_folder);
  EXPECT_EQ(folder_entries(), std::vector<fs::path>{plain_file});

  if (::geteuid() != 0) {  // permissions do not bind root
    const fs::path locked = folder_ / "locked";
    fs::create_directory(locked);
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    const auto denied = ResultsWriter::create(locked / "results.h5", false, {"kopa", 1}, headers);
    ASSERT_FALSE(denied);
    EXPECT_NE(denied.error().message.find("Permission denied"), std::string::npos)
        << denied.error().message;
    fs::permissions(locked, fs::perms::owner_all);
    EXPECT_TRUE(fs::is_empty(locked));
  }
}

TEST_F(ResultsFileTest, RejectsBadHeadersAndRuns) {
  const fs::path target = folder_ / "results.h5";
  auto headers = sample_headers();
  headers[1].name = "seed funding";
  auto bad = ResultsWriter::create(target, false, {"kopa", 1}, headers);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("'seed funding'"), std::string::npos);
  headers[1].name = headers[0].name;
  EXPECT_FALSE(ResultsWriter::create(target, false, {"kopa", 1}, headers));
  headers = sample_headers();
  headers[0].replicate_seeds.pop_back();
  EXPECT_FALSE(ResultsWriter::create(target, false, {"kopa", 1}, headers));
  headers = sample_headers();
  headers[0].labels.labels[static_cast<std::size_t>(Breakdown::region)] = {"north", "north"};
  EXPECT_FALSE(ResultsWriter::create(target, false, {"kopa", 1}, headers));
  EXPECT_TRUE(folder_entries().empty());

  headers = sample_headers();
  auto writer = ResultsWriter::create(target, false, {"kopa", 1}, headers);
  ASSERT_TRUE(writer) << writer.error().message;
  EXPECT_FALSE(writer->write_run(2, 0, sample_run(headers[0], 0, 0)));     // no such scenario
  EXPECT_FALSE(writer->write_run(0, 3, sample_run(headers[0], 0, 0)));     // no such replicate
  EXPECT_FALSE(writer->write_run(0, 0, RunSeries(4, headers[0].labels)));  // months differ
  EXPECT_FALSE(writer->write_run(0, 0, sample_run(headers[1], 1, 0)));     // lever widths differ
  ASSERT_TRUE(writer->write_run(0, 0, sample_run(headers[0], 0, 0)));
  const Status twice = writer->write_run(0, 0, sample_run(headers[0], 0, 0));
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("already written"), std::string::npos);
  ASSERT_TRUE(writer->finish(RunStatus::interrupted));
  EXPECT_FALSE(writer->finish(RunStatus::complete));
}

TEST_F(ResultsFileTest, ReaderNamesTheFileAndTheProblem) {
  const fs::path text = folder_ / "notes.txt";
  std::ofstream(text) << "not hdf5 at all\n";
  const auto plain = read_results(text);
  ASSERT_FALSE(plain);
  EXPECT_NE(plain.error().message.find("not an HDF5 file"), std::string::npos);
  EXPECT_NE(plain.error().message.find(text.string()), std::string::npos);

  const auto absent = read_results(folder_ / "absent.h5");
  ASSERT_FALSE(absent);
  EXPECT_NE(absent.error().message.find("does not exist"), std::string::npos);

  const fs::path bare = folder_ / "bare.h5";
  H5Fclose(H5Fcreate(bare.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT));
  const auto no_format = read_results(bare);
  ASSERT_FALSE(no_format);
  EXPECT_NE(no_format.error().message.find("not a kopa results file"), std::string::npos);
  EXPECT_NE(no_format.error().message.find(bare.string()), std::string::npos);
}

// Changes one thing in a written file with HDF5 directly, then reads it.
class AlteredFileTest : public ResultsFileTest {
 protected:
  template <class Change>
  Expected<ResultsFile> read_altered(Change change) {
    const fs::path target = folder_ / "results.h5";
    write_sample(target, all_runs(), RunStatus::complete);
    const hid_t file = H5Fopen(target.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    EXPECT_GE(file, 0);
    change(file);
    H5Fclose(file);
    return read_results(target);
  }
};

TEST_F(AlteredFileTest, RefusesANewerMajorVersionNamingBoth) {
  const auto newer =
      read_altered([](hid_t file) { hdf5::write_attribute(file, "format_version", "3.0"); });
  ASSERT_FALSE(newer);
  EXPECT_NE(newer.error().message.find("3.0"), std::string::npos) << newer.error().message;
  EXPECT_NE(newer.error().message.find("2.0"), std::string::npos) << newer.error().message;
}

TEST_F(AlteredFileTest, AcceptsANewerMinorVersion) {
  const auto newer =
      read_altered([](hid_t file) { hdf5::write_attribute(file, "format_version", "2.9"); });
  ASSERT_TRUE(newer) << newer.error().message;
}

TEST_F(AlteredFileTest, RefusesAnotherFormat) {
  const auto other =
      read_altered([](hid_t file) { hdf5::write_attribute(file, "format", "openmc-statepoint"); });
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("openmc-statepoint"), std::string::npos);
}

TEST_F(AlteredFileTest, NamesAMissingDataset) {
  const auto missing =
      read_altered([](hid_t file) { H5Ldelete(file, "scenarios/seed_funding/done", H5P_DEFAULT); });
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("'seed_funding' has no dataset 'done'"), std::string::npos)
      << missing.error().message;
  EXPECT_NE(missing.error().message.find("results.h5"), std::string::npos);
}

TEST_F(AlteredFileTest, AMissingMetricIsAnErrorWhenRead) {
  const auto read = read_altered(
      [](hid_t file) { H5Ldelete(file, "scenarios/baseline/public_cost", H5P_DEFAULT); });
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->scenarios[0].metrics.size(), metric_count - 1);
  auto reader = ResultsReader::open(read->path);
  ASSERT_TRUE(reader);
  const auto metric = reader->read_metric(0, "public_cost");
  ASSERT_FALSE(metric);
  EXPECT_NE(metric.error().message.find("has no metric 'public_cost'"), std::string::npos);
}

TEST_F(AlteredFileTest, NoticesScenarioTextThatNoLongerMatchesItsHash) {
  const auto edited = read_altered([](hid_t file) {
    const hid_t group = H5Gopen2(file, "scenarios/baseline", H5P_DEFAULT);
    hdf5::write_attribute(group, "scenario_toml", "months = 6\n");
    H5Gclose(group);
  });
  ASSERT_FALSE(edited);
  EXPECT_NE(edited.error().message.find("scenario_sha256"), std::string::npos);
}

TEST(ResultsFormatVersion, KnownMajorsOnly) {
  EXPECT_TRUE(check_results_format_version("1.0"));  // read: counts are agents, one person each
  EXPECT_TRUE(check_results_format_version("1.12"));
  EXPECT_TRUE(check_results_format_version("2.0"));
  EXPECT_TRUE(check_results_format_version("2.3"));
  EXPECT_FALSE(check_results_format_version("3.0"));
  EXPECT_FALSE(check_results_format_version("0.9"));
  EXPECT_FALSE(check_results_format_version("1"));
  EXPECT_FALSE(check_results_format_version("1.x"));
}

TEST_F(ResultsFileTest, H5dumpReadsTheHeader) {
  if (!fs::exists("/usr/bin/h5dump")) GTEST_SKIP() << "/usr/bin/h5dump is not installed";
  const fs::path target = folder_ / "results.h5";
  write_sample(target, all_runs(), RunStatus::complete);
  const std::string command =
      "/usr/bin/h5dump -H '" + target.string() + "' > '" + (folder_ / "dump.txt").string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::ifstream dump(folder_ / "dump.txt");
  const std::string text(std::istreambuf_iterator<char>(dump), {});
  EXPECT_NE(text.find("GROUP \"seed_funding\""), std::string::npos);
  EXPECT_NE(text.find("DATASET \"public_cost_by_lever\""), std::string::npos);
}

}  // namespace
}  // namespace kopa::io
