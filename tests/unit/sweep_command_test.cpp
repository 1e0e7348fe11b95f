// `kopa sweep` end to end in-process: the file holds exactly what run_replicate gives for each
// point's model (common random numbers), the journal keeps its valid prefix, resume refuses a
// changed sweep file, and the readers tell sweep and results files apart.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/exit_code.hpp"
#include "engine/run.hpp"
#include "io/results_reader.hpp"
#include "io/sweep_reader.hpp"
#include "sweep/journal.hpp"
#include "sweep/sweep_file.hpp"

namespace kopa {
namespace {

namespace fs = std::filesystem;

const fs::path shipped_scenarios = fs::path(KOPA_SOURCE_DIR) / "scenarios";

struct SweepOutcome {
  int code;
  std::string err;
};

SweepOutcome kopa_sweep(std::vector<std::string> args) {
  args.insert(args.begin(), "sweep");
  std::ostringstream out, err;
  const int code = run_cli(args, out, err);
  return {code, err.str()};
}

class SweepCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("kopa-sweep-test-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
    sweep_file = dir / "small.toml";
    write_sweep("");
  }
  void TearDown() override { fs::remove_all(dir); }

  void write_sweep(const std::string& extra) {
    std::ofstream(sweep_file) << "[sweep]\nbase = \""
                              << (shipped_scenarios / "seed_funding.toml").string()
                              << "\"\nreplicates = 2\ndesign = \"grid\"\n"
                              << "[sweep.set]\n\"simulation.founders\" = 300\n"
                              << "\"simulation.months\" = 12\n"
                              << "[[factor]]\npath = \"levers.seed_funding.budget_per_year\"\n"
                              << "values = [100000.0, 1500000.0]\n"
                              << "[[factor]]\npath = \"levers.seed_funding.start_month\"\n"
                              << "values = [0, 3]\n"
                              << extra;
  }

  fs::path dir;
  fs::path sweep_file;
};

TEST_F(SweepCommand, FileHoldsEachPointsRunsWithCommonRandomNumbers) {
  const fs::path out = dir / "sweep.h5";
  const auto outcome = kopa_sweep({sweep_file.string(), "-o", out.string(), "-t", "2", "--quiet"});
  ASSERT_EQ(outcome.code, exit_ok) << outcome.err;
  EXPECT_FALSE(fs::exists(sweep::journal_path_for(out))) << "the journal goes once complete";

  auto reader = io::SweepReader::open(out);
  ASSERT_TRUE(reader) << reader.error().message;
  const io::SweepContents& c = reader->contents();
  EXPECT_EQ(c.status, io::RunStatus::complete);
  ASSERT_EQ(c.points(), 4u);
  ASSERT_EQ(c.header.factors.size(), 2u);
  EXPECT_EQ(c.header.factors[1].path, "levers.seed_funding.start_month");
  EXPECT_EQ(c.header.points[1], (std::vector<double>{100000.0, 3.0}));
  EXPECT_EQ(c.header.design, "grid");
  EXPECT_EQ(c.header.months, 12);
  for (std::size_t p = 0; p < 4; ++p) EXPECT_EQ(c.done_replicates(p), (std::vector<int>{0, 1}));

  const auto load = sweep::load_sweep(sweep_file);
  ASSERT_TRUE(load.sweep);
  for (std::size_t p = 0; p < c.points(); ++p) {
    const Model model(load.sweep->points[p]);
    for (int r = 0; r < 2; ++r) {
      const RunSeries expected = run_replicate(model, load.sweep->base_seed, r);
      for (std::size_t m = 0; m < metric_count; ++m) {
        const auto& spec = metric_catalog()[m];
        auto metric = reader->read_metric(spec.name);
        ASSERT_TRUE(metric) << metric.error().message;
        for (int month = 0; month < 12; ++month) {
          for (std::size_t l = 0; l < metric->width; ++l) {
            ASSERT_EQ(
                metric->at(p, static_cast<std::size_t>(r), static_cast<std::size_t>(month), l),
                expected.at(static_cast<Metric>(m), month, l))
                << spec.name << " point " << p << " replicate " << r;
          }
        }
      }
    }
  }
  // The other reader refuses it by its format, and the other way round.
  auto as_results = io::ResultsReader::open(out);
  ASSERT_FALSE(as_results);
  EXPECT_NE(as_results.error().message.find("is a sweep file"), std::string::npos);
}

TEST_F(SweepCommand, ExistingOutputOrJournalNeedsResumeOrForce) {
  const fs::path out = dir / "sweep.h5";
  ASSERT_EQ(kopa_sweep({sweep_file.string(), "-o", out.string(), "--quiet"}).code, exit_ok);
  auto again = kopa_sweep({sweep_file.string(), "-o", out.string(), "--quiet"});
  EXPECT_EQ(again.code, exit_bad_input);
  EXPECT_NE(again.err.find("already exists; use --force"), std::string::npos) << again.err;
  auto resume = kopa_sweep({sweep_file.string(), "-o", out.string(), "--quiet", "--resume"});
  EXPECT_EQ(resume.code, exit_bad_input);
  EXPECT_NE(resume.err.find("nothing to resume"), std::string::npos) << resume.err;
  EXPECT_NE(resume.err.find("is a complete sweep"), std::string::npos) << resume.err;
  EXPECT_EQ(kopa_sweep({sweep_file.string(), "-o", out.string(), "--quiet", "--force"}).code,
            exit_ok);
}

TEST_F(SweepCommand, ResumeRefusesAChangedSweepFile) {
  const fs::path out = dir / "sweep.h5";
  const auto load = sweep::load_sweep(sweep_file);
  ASSERT_TRUE(load.sweep);
  // A journal as a killed sweep leaves it: header only.
  {
    const Model model(load.sweep->points[0]);
    sweep::JournalHeader header{load.sweep->sha256,
                                "other base",
                                "0",
                                "x",
                                4,
                                2,
                                sweep::values_per_run(12, model.labels())};
    ASSERT_TRUE(sweep::JournalWriter::create(sweep::journal_path_for(out), header));
  }
  write_sweep("# an edit\n");
  auto changed = kopa_sweep({sweep_file.string(), "-o", out.string(), "--quiet", "--resume"});
  EXPECT_EQ(changed.code, exit_bad_input);
  EXPECT_NE(changed.err.find("the sweep file changed since the sweep was started"),
            std::string::npos)
      << changed.err;
  EXPECT_FALSE(fs::exists(out));
}

// --set reaches the file's base (header and numbers), and a resume with another --set is refused
// as a changed base: the journal's runs would mix two bases.
TEST_F(SweepCommand, SetOnTheBaseIsRecordedAndResumeNeedsTheSameSet) {
  const fs::path out = dir / "sweep.h5";
  const auto outcome = kopa_sweep({sweep_file.string(), "-o", out.string(), "--quiet", "--set",
                                   "seed_funding:simulation.founders=200"});
  ASSERT_EQ(outcome.code, exit_ok) << outcome.err;
  auto reader = io::SweepReader::open(out);
  ASSERT_TRUE(reader) << reader.error().message;
  EXPECT_NE(reader->contents().header.base_scenario_toml.find("founders = 200"), std::string::npos)
      << reader->contents().header.base_scenario_toml;
  sweep::SweepLoadOptions options;
  options.overrides = {"simulation.founders=200"};
  auto load = sweep::load_sweep(sweep_file, options);
  ASSERT_TRUE(load.sweep);
  const RunSeries expected = run_replicate(Model(load.sweep->points[3]), load.sweep->base_seed, 1);
  const auto values = reader->read_run(3, 1);
  ASSERT_TRUE(values);
  EXPECT_EQ(*values, sweep::flatten(expected));

  // A journal left by a killed sweep with --set founders=200, resumed without it.
  {
    const Model model(load.sweep->points[0]);
    ASSERT_TRUE(sweep::JournalWriter::create(
        sweep::journal_path_for(out), sweep::journal_header_for(*load.sweep, 12, model.labels())));
  }
  auto changed = kopa_sweep({sweep_file.string(), "-o", out.string(), "--quiet", "--resume"});
  EXPECT_EQ(changed.code, exit_bad_input);
  EXPECT_NE(changed.err.find("--base and --set, or the --posterior file) changed"),
            std::string::npos)
      << changed.err;
  auto unknown = kopa_sweep({sweep_file.string(), "-o", (dir / "other.h5").string(), "--quiet",
                             "--set", "what_if:simulation.founders=200"});
  EXPECT_EQ(unknown.code, exit_bad_input);
  EXPECT_NE(unknown.err.find("no scenario is named 'what_if'"), std::string::npos) << unknown.err;
  EXPECT_FALSE(fs::exists(dir / "other.h5"));
}

TEST(SweepJournal, KeepsTheValidPrefixAndDropsATornRecord) {
  const fs::path path =
      fs::temp_directory_path() / ("kopa-journal-test-" + std::to_string(::getpid()) + ".journal");
  const sweep::JournalHeader header{"a", "b", "0.1.0", "abc", 3, 2, 4};
  {
    auto writer = sweep::JournalWriter::create(path, header);
    ASSERT_TRUE(writer) << writer.error().message;
    ASSERT_TRUE(writer->append(0, 1, {1, 2, 3, 4}));
    ASSERT_TRUE(writer->append(2, 0, {5, 6, 7, std::nan("")}));
    EXPECT_FALSE(writer->append(1, 1, {1, 2}));  // wrong size: refused, nothing written
  }
  const auto whole = fs::file_size(path);
  { std::ofstream(path, std::ios::app | std::ios::binary) << "KREC\x01\x00\x00"; }  // torn

  std::vector<std::pair<std::uint32_t, std::uint32_t>> seen;
  auto scan = sweep::scan_journal(path, [&](const sweep::JournalRecord& record) -> Status {
    seen.emplace_back(record.point, record.replicate);
    if (record.point == 2) {
      EXPECT_EQ(record.values[2], 7.0);
      EXPECT_TRUE(std::isnan(record.values[3]));
    }
    return ok();
  });
  ASSERT_TRUE(scan) << scan.error().message;
  EXPECT_EQ(scan->header, header);
  EXPECT_EQ(scan->records, 2u);
  EXPECT_TRUE(scan->torn);
  EXPECT_EQ(scan->valid_bytes, whole);
  EXPECT_EQ(seen, (std::vector<std::pair<std::uint32_t, std::uint32_t>>{{0, 1}, {2, 0}}));
  {
    auto writer = sweep::JournalWriter::reopen(path, *scan);
    ASSERT_TRUE(writer);
    ASSERT_TRUE(writer->append(1, 0, {9, 9, 9, 9}));
  }
  auto rescan = sweep::scan_journal(path);
  ASSERT_TRUE(rescan);
  EXPECT_EQ(rescan->records, 3u);
  EXPECT_FALSE(rescan->torn);

  // A header cut short (killed while starting) is an error the command treats as "no runs".
  { std::ofstream(path, std::ios::trunc) << "kopa-sweep-journal 1\nsweep_sha256 a\n"; }
  auto cut = sweep::scan_journal(path);
  ASSERT_FALSE(cut);
  EXPECT_NE(cut.error().message.find("incomplete header"), std::string::npos);
  fs::remove(path);
}

}  // namespace
}  // namespace kopa
