// Output faults, checked before anything runs and reported with the exit code the README
// promises (2 bad input, 1 I/O): kopa never replaces anything but a regular file, refuses output
// paths that name a folder, cleans up what killed runs left, fails when its output cannot be
// written, and refuses jobs that cannot fit in memory instead of aborting half-way.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <streambuf>

#include "cli/cli.hpp"
#include "cli/exit_code.hpp"
#include "cli/resources.hpp"
#include "cli_outcome.hpp"
#include "engine/ensemble.hpp"
#include "io/temporary_target.hpp"
#include "sanitizer_build.hpp"
#include "scenario/scenario.hpp"
#include "test_folder.hpp"

namespace kopa {
namespace {

namespace fs = std::filesystem;

using testing::kopa;
using Outcome = testing::CliOutcome;
const fs::path& fault_scenarios = testing::scenarios_folder();

// `kopa run` and `kopa sweep` write files the same way; each test runs for both.
class OutputPath : public testing::TestFolder, public ::testing::WithParamInterface<std::string> {
 protected:
  Outcome write_to(const fs::path& target, std::vector<std::string> extra = {}) {
    std::vector<std::string> args;
    if (GetParam() == "run") {
      args = {"run",          (fault_scenarios / "baseline.toml").string(),
              "--set",        "simulation.founders=100",
              "--months",     "3",
              "-r",           "1",
              "--quiet",      "-o",
              target.string()};
    } else {
      const fs::path sweep = folder_ / "tiny.toml";
      std::ofstream(sweep) << "[sweep]\nbase = \"" << (fault_scenarios / "baseline.toml").string()
                           << "\"\nreplicates = 1\ndesign = \"grid\"\n[sweep.set]\n"
                           << "\"simulation.founders\" = 100\n\"simulation.months\" = 3\n"
                           << "[[factor]]\npath = \"levers.seed_funding.budget_per_year\"\n"
                           << "values = [100000.0, 200000.0]\n";
      args = {"sweep", sweep.string(), "--quiet", "-o", target.string()};
    }
    if (std::find(extra.begin(), extra.end(), "-t") == extra.end()) extra.push_back("-t1");
    args.insert(args.end(), extra.begin(), extra.end());
    return kopa(args);
  }
};

// `--force` replaced a character device with an HDF5 file (as root, /dev/null itself); a named
// pipe stands in for the device here, and a link for anything not a regular file.
TEST_P(OutputPath, NothingButARegularFileIsEverReplaced) {
  const fs::path fifo = folder_ / "pipe.h5";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const Outcome piped = write_to(fifo, {"--force"});
  EXPECT_EQ(piped.code, exit_bad_input) << piped.err;
  EXPECT_NE(piped.err.find("is a named pipe, not a regular file"), std::string::npos) << piped.err;
  EXPECT_TRUE(fs::is_fifo(fs::symlink_status(fifo)));

  const fs::path link = folder_ / "link.h5";
  fs::create_symlink("/dev/null", link);
  const Outcome linked = write_to(link, {"--force"});
  EXPECT_EQ(linked.code, exit_bad_input) << linked.err;
  EXPECT_NE(linked.err.find("is a symbolic link"), std::string::npos) << linked.err;
  EXPECT_TRUE(fs::is_symlink(fs::symlink_status(link)));
}

// These ran the whole simulation and then failed at the rename.
TEST_P(OutputPath, PathsThatNameAFolderAreRefusedBeforeRunning) {
  const fs::path folder = folder_ / "existing.h5";
  fs::create_directory(folder);
  for (const std::string& target :
       {folder.string(), std::string(""), std::string("."), (folder_ / "sub/").string()}) {
    const Outcome outcome = write_to(target, {"--force"});
    EXPECT_EQ(outcome.code, exit_bad_input) << "'" << target << "': " << outcome.err;
    EXPECT_TRUE(outcome.err.find("folder") != std::string::npos ||
                outcome.err.find("empty") != std::string::npos)
        << outcome.err;
  }
  EXPECT_TRUE(fs::is_empty(folder));
}

// `kopa sweep` said 2 for what `kopa run` called an I/O failure (1).
TEST_P(OutputPath, AMissingOrUnwritableFolderIsAnIOFailure) {
  const Outcome missing = write_to(folder_ / "no_such_folder" / "out.h5");
  EXPECT_EQ(missing.code, exit_failure) << missing.err;
  EXPECT_NE(missing.err.find("does not exist"), std::string::npos) << missing.err;
  const Outcome unwritable = write_to("/proc/kopa-cannot-write-here.h5");  // even for root
  EXPECT_EQ(unwritable.code, exit_failure) << unwritable.err;
}

// A killed `kopa run` left .x.h5.tmp-PID behind for good (kopa sweep cleaned its own).
TEST_P(OutputPath, TemporaryFilesOfKilledRunsAreCleanedUp) {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ASSERT_GT(child, 0);
  ::waitpid(child, nullptr, 0);  // a process id that no longer runs
  const fs::path target = folder_ / "out.h5";
  const fs::path stale = folder_ / (".out.h5.tmp-" + std::to_string(child));
  std::ofstream(stale) << "half a file";
  const fs::path live = folder_ / (".out.h5.tmp-" + std::to_string(::getppid()));
  std::ofstream(live) << "another writer's";
  const Outcome outcome = write_to(target);
  ASSERT_EQ(outcome.code, exit_ok) << outcome.err;
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(live));  // its writer still runs
  EXPECT_TRUE(fs::exists(target));
}

TEST_P(OutputPath, AbsurdThreadCountsAreRefused) {
  const Outcome outcome = write_to(folder_ / "out.h5", {"-t", "2147483647"});
  EXPECT_EQ(outcome.code, exit_bad_input) << outcome.err;
  EXPECT_NE(outcome.err.find("per hardware thread"), std::string::npos) << outcome.err;
  EXPECT_FALSE(fs::exists(folder_ / "out.h5"));
}

INSTANTIATE_TEST_SUITE_P(RunAndSweep, OutputPath, ::testing::Values("run", "sweep"));

// A stream whose every write fails, like stdout on a full disk.
class FullDisk : public std::streambuf {
 protected:
  int_type overflow(int_type) override { return traits_type::eof(); }
  std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
};

// `kopa compare r2.h5 > /dev/full` and `kopa describe > /dev/full` exited 0.
TEST(OutputStream, OutputThatCannotBeWrittenIsAFailure) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"describe"},
        {"--help"},
        {"--version"},
        {"compare", (fs::path(KOPA_SOURCE_DIR) / "tests/data/results-1.0.h5").string()}}) {
    FullDisk full;
    std::ostream out(&full);
    std::ostringstream err;
    EXPECT_EQ(run_cli(args, out, err), exit_failure) << args[0];
    EXPECT_NE(err.str().find("cannot write the output"), std::string::npos) << err.str();
  }
}

TEST(HelpCommand, HelpRunPrintsRunsHelp) {
  const Outcome help = kopa({"help", "run"});
  EXPECT_EQ(help.code, exit_ok);
  EXPECT_EQ(help.out, kopa({"run", "--help"}).out);
  EXPECT_NE(help.out.find("usage: kopa run"), std::string::npos) << help.out;
  const Outcome unknown = kopa({"help", "rnu"});
  EXPECT_EQ(unknown.code, exit_bad_input);
  EXPECT_NE(unknown.err.find("did you mean 'run'"), std::string::npos) << unknown.err;
}

// The baseline with one region of 10^8 people, so that up to 10^8 agents stand for at least one
// person each.
const char* const huge_region = "regions.harju.population=100000000";

Model model_of(std::int64_t founders) {
  std::vector<std::string> overrides{"simulation.founders=" + std::to_string(founders)};
  if (founders > 1'000'000) overrides.insert(overrides.begin(), huge_region);
  ScenarioLoad load = load_scenario(fault_scenarios / "baseline.toml", overrides);
  EXPECT_TRUE(load.scenario);
  return Model(load.scenario->parameters);
}

TEST(MemoryCheck, AJobThatCannotFitIsRefusedSayingWhatToChange) {
  const Model huge = model_of(100'000'000);
  // 1,000 runs at a time of 10^8 founders: terabytes, more than any machine this runs on.
  const Status status = check_memory({&huge}, 1000, 1000, 64);
  ASSERT_FALSE(status);
  EXPECT_TRUE(status.error().bad_input);
  EXPECT_NE(status.error().message.find("these runs need about"), std::string::npos)
      << status.error().message;
  EXPECT_NE(status.error().message.find("simulation.founders"), std::string::npos);
  const Model small = model_of(1000);
  EXPECT_TRUE(check_memory({&small}, 4, 2, 64));
}

#if !defined(KOPA_ADDRESS_SANITIZER)
// Sets the address-space limit (ulimit -v) to what the process maps now plus `extra` bytes for
// the life of the object. Not under AddressSanitizer, which maps terabytes of shadow memory.
class AddressSpaceLimit {
 public:
  explicit AddressSpaceLimit(std::uint64_t extra) {
    ::getrlimit(RLIMIT_AS, &saved_);
    std::ifstream statm("/proc/self/statm");
    std::uint64_t pages = 0;
    statm >> pages;
    rlimit limit = saved_;
    limit.rlim_cur = pages * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE)) + extra;
    ::setrlimit(RLIMIT_AS, &limit);
  }
  ~AddressSpaceLimit() { ::setrlimit(RLIMIT_AS, &saved_); }

 private:
  rlimit saved_{};
};

// `ulimit -v 3000000` with simulation.founders=100000000 aborted with std::bad_alloc (exit 134)
// and left its temporary file.
TEST(MemoryCheck, UlimitVIsRespectedBeforeAnythingIsAllocated) {
  const fs::path folder = fs::temp_directory_path() / ("kopa_ulimit_" + std::to_string(::getpid()));
  fs::create_directories(folder);
  Outcome outcome;
  {
    const AddressSpaceLimit limit(std::uint64_t{512} << 20);
    outcome = kopa({"run", (fault_scenarios / "baseline.toml").string(), "--set", huge_region,
                    "--set", "simulation.founders=100000000", "-r", "2", "-t", "2", "--quiet", "-o",
                    (folder / "big.h5").string()});
  }
  EXPECT_EQ(outcome.code, exit_bad_input) << outcome.err;
  EXPECT_NE(outcome.err.find("ulimit -v"), std::string::npos) << outcome.err;
  EXPECT_TRUE(fs::is_empty(folder));  // no output, no temporary file
  fs::remove_all(folder);
}

// A run that cannot get its memory is an error the caller can act on (keep or delete what it
// wrote), not std::terminate from a worker thread.
TEST(MemoryCheck, ARunThatRunsOutOfMemoryIsAnErrorNotAnAbort) {
  const Model huge = model_of(100'000'000);
  Status status = ok();
  {
    const AddressSpaceLimit limit(std::uint64_t{512} << 20);
    EnsembleOptions options;
    options.threads = 1;
    status = run_ensemble({&huge}, {{0, 0}}, options,
                          [](const RunJob&, RunSeries&&) -> Status { return ok(); });
  }
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("out of memory"), std::string::npos)
      << status.error().message;
}
#endif

}  // namespace
}  // namespace kopa
