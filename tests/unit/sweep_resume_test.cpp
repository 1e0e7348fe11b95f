// Resuming a sweep never loses finished runs and never mixes in bad ones: a damaged journal
// header is refused (nothing discarded without --restart), --force leaves a journal's runs
// alone, an interrupted file whose journal is gone resumes from the file, and a journal record
// garbled in place is skipped and its run redone, with the same result as a sweep never
// interrupted.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/exit_code.hpp"
#include "io/sweep_reader.hpp"
#include "io/sweep_writer.hpp"
#include "model/model.hpp"
#include "sweep/journal.hpp"
#include "sweep/sweep_file.hpp"
#include "test_folder.hpp"

namespace kopa {
namespace {

namespace fs = std::filesystem;

struct ResumeOutcome {
  int code;
  std::string err;
};

class SweepResume : public testing::TestFolder {
 protected:
  void SetUp() override {
    TestFolder::SetUp();
    sweep_file = folder_ / "small.toml";
    std::ofstream(sweep_file)
        << "[sweep]\nbase = \""
        << (fs::path(KOPA_SOURCE_DIR) / "scenarios" / "seed_funding.toml").string()
        << "\"\nreplicates = 2\ndesign = \"grid\"\n"
        << "[sweep.set]\n\"simulation.founders\" = 300\n"
        << "\"simulation.months\" = 12\n"
        << "[[factor]]\npath = \"levers.seed_funding.budget_per_year\"\n"
        << "values = [100000.0, 1500000.0]\n"
        << "[[factor]]\npath = \"levers.seed_funding.start_month\"\n"
        << "values = [0, 3]\n";
    out = folder_ / "sweep.h5";
    journal = sweep::journal_path_for(out);
  }

  ResumeOutcome sweep(std::vector<std::string> extra, const fs::path& target) const {
    std::vector<std::string> args{"sweep", sweep_file.string(), "-o", target.string(), "-t", "2"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::ostringstream o, e;
    const int code = run_cli(args, o, e);
    return {code, e.str()};
  }
  ResumeOutcome sweep(std::vector<std::string> extra = {}) const {
    return sweep(std::move(extra), out);
  }

  // The reference: the same sweep, never interrupted.
  fs::path reference() {
    const fs::path path = folder_ / "reference.h5";
    EXPECT_EQ(sweep({"--quiet"}, path).code, exit_ok);
    return path;
  }

  // A journal with the reference's runs (all, or those `keep` accepts), as a killed sweep
  // leaves it.
  template <class Keep>
  std::uint64_t write_journal(const fs::path& from, Keep keep) {
    auto reader = io::SweepReader::open(from);
    EXPECT_TRUE(reader) << reader.error().message;
    const auto load = sweep::load_sweep(sweep_file);
    const io::SweepContents& c = reader->contents();
    auto writer = sweep::JournalWriter::create(
        journal, sweep::journal_header_for(*load.sweep, c.header.months, c.header.labels));
    EXPECT_TRUE(writer);
    std::uint64_t written = 0;
    for (std::uint32_t p = 0; p < c.points(); ++p) {
      for (std::uint32_t r = 0; r < 2; ++r) {
        if (!keep(p, r)) continue;
        EXPECT_TRUE(writer->append(p, r, *reader->read_run(p, static_cast<int>(r))));
        ++written;
      }
    }
    return written;
  }

  static std::string bytes_of(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }

  fs::path sweep_file, out, journal;
};

// Every metric of every run, bit for bit (NaN included), and the done mask.
void expect_same_runs(const fs::path& a, const fs::path& b) {
  auto ra = io::SweepReader::open(a);
  auto rb = io::SweepReader::open(b);
  ASSERT_TRUE(ra && rb);
  EXPECT_EQ(ra->contents().done, rb->contents().done);
  EXPECT_EQ(ra->contents().status, rb->contents().status);
  for (const auto& spec : metric_catalog()) {
    const auto ma = ra->read_metric(spec.name);
    const auto mb = rb->read_metric(spec.name);
    ASSERT_TRUE(ma && mb);
    ASSERT_EQ(ma->values.size(), mb->values.size());
    EXPECT_EQ(std::memcmp(ma->values.data(), mb->values.data(), ma->values.size() * sizeof(double)),
              0)
        << spec.name;
  }
}

// "starting the sweep afresh" used to discard every journaled run and exit 0.
TEST_F(SweepResume, ADamagedJournalHeaderIsRefusedUntilRestart) {
  const fs::path ref = reference();
  write_journal(ref, [](std::uint32_t p, std::uint32_t) { return p < 2; });
  std::string text = bytes_of(journal);
  text.replace(text.find("points"), 6, "pXints");
  std::ofstream(journal, std::ios::binary | std::ios::trunc) << text;

  const ResumeOutcome resumed = sweep({"--resume", "--quiet"});
  EXPECT_EQ(resumed.code, exit_bad_input);
  EXPECT_NE(resumed.err.find("damaged header"), std::string::npos) << resumed.err;
  EXPECT_NE(resumed.err.find("--restart"), std::string::npos) << resumed.err;
  EXPECT_EQ(bytes_of(journal), text);  // kept as it was
  EXPECT_FALSE(fs::exists(out));

  const ResumeOutcome restarted = sweep({"--restart", "--quiet"});
  ASSERT_EQ(restarted.code, exit_ok) << restarted.err;
  expect_same_runs(out, ref);
  EXPECT_FALSE(fs::exists(journal));
}

// A header cut short with no record after it is what a kill while starting leaves: nothing to
// lose, so resuming starts afresh with a note.
TEST_F(SweepResume, AHeaderCutShortWithNoRunsStartsAfresh) {
  const fs::path ref = reference();
  std::ofstream(journal) << "kopa-sweep-journal 1\nsweep_sha256 a";
  const ResumeOutcome resumed = sweep({"--resume"});
  ASSERT_EQ(resumed.code, exit_ok) << resumed.err;
  EXPECT_NE(resumed.err.find("before any run"), std::string::npos) << resumed.err;
  expect_same_runs(out, ref);
}

TEST_F(SweepResume, ForceNeverDiscardsAJournalsRuns) {
  write_journal(reference(), [](std::uint32_t p, std::uint32_t) { return p == 0; });
  const std::string before = bytes_of(journal);
  for (const auto& flags : std::vector<std::vector<std::string>>{{"--force"}, {}}) {
    const ResumeOutcome forced = sweep(flags);
    EXPECT_EQ(forced.code, exit_bad_input) << forced.err;
    EXPECT_NE(forced.err.find("holds 2 finished runs"), std::string::npos) << forced.err;
    EXPECT_NE(forced.err.find("--restart"), std::string::npos) << forced.err;
  }
  EXPECT_EQ(bytes_of(journal), before);
  const ResumeOutcome both = sweep({"--resume", "--restart"});
  EXPECT_EQ(both.code, exit_bad_input);
  EXPECT_NE(both.err.find("contradict"), std::string::npos) << both.err;
}

// The journal was deleted but the interrupted file holds finished runs: they are reused ("nothing
// to resume ... the sweep finished" was said before).
TEST_F(SweepResume, AnInterruptedFileWithoutItsJournalResumesFromTheFile) {
  const fs::path ref = reference();
  {
    auto reader = io::SweepReader::open(ref);
    ASSERT_TRUE(reader);
    auto writer =
        io::SweepWriter::create(out, false, {"kopa sweep (killed)", 2}, reader->contents().header);
    ASSERT_TRUE(writer) << writer.error().message;
    for (std::size_t p = 0; p < 3; ++p) {
      ASSERT_TRUE(writer->write_run(p, 0, *reader->read_run(p, 0)));
    }
    ASSERT_TRUE(writer->finish(io::RunStatus::interrupted));
  }
  const ResumeOutcome plain = sweep({"--quiet"});
  EXPECT_EQ(plain.code, exit_bad_input);
  EXPECT_NE(plain.err.find("holds an interrupted run of this sweep (3 of 8 runs)"),
            std::string::npos)
      << plain.err;

  const ResumeOutcome resumed = sweep({"--resume"});
  ASSERT_EQ(resumed.code, exit_ok) << resumed.err;
  EXPECT_NE(resumed.err.find("resuming: 3 of 8 runs"), std::string::npos) << resumed.err;
  expect_same_runs(out, ref);
  EXPECT_FALSE(fs::exists(journal));
}

// A record whose bytes were garbled in place (bit rot, a bad sector) must never reach the file:
// its checksum fails, it is skipped, the records after it are kept, and its run is redone. The
// result equals a sweep never interrupted, bit for bit.
TEST_F(SweepResume, AJournalRecordGarbledInPlaceIsSkippedAndRedone) {
  const fs::path ref = reference();
  const std::uint64_t written =
      write_journal(ref, [](std::uint32_t, std::uint32_t) { return true; });
  ASSERT_EQ(written, 8u);
  // Records are of one size: the journal's bytes after its header, split in eight.
  std::string text = bytes_of(journal);
  const std::size_t header_end = text.find("end\n") + 4;
  const std::size_t record_size = (text.size() - header_end) / 8;
  // Flip one bit in a value of the fourth record (past its 16-byte head).
  text[header_end + 3 * record_size + 16 + 8 * 20 + 3] ^= 0x10;
  std::ofstream(journal, std::ios::binary | std::ios::trunc) << text;

  auto scan = sweep::scan_journal(journal);
  ASSERT_TRUE(scan) << scan.error().message;
  EXPECT_EQ(scan->records, 7u);  // the three before it and the four after it
  EXPECT_EQ(scan->damaged, 1u);
  EXPECT_FALSE(scan->torn);

  const ResumeOutcome resumed = sweep({"--resume"});
  ASSERT_EQ(resumed.code, exit_ok) << resumed.err;
  EXPECT_NE(resumed.err.find("1 damaged journal records"), std::string::npos) << resumed.err;
  expect_same_runs(out, ref);
}

}  // namespace
}  // namespace kopa
