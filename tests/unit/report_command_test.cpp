// `kopa report` end to end through run_cli: where the page goes, what it refuses, and that bad
// input or a missing Chromium leaves nothing behind. (The page in a real browser and --png with
// Chromium: tests/browser.)
#include <gtest/gtest.h>

#include <cstdlib>

#include "cli/exit_code.hpp"
#include "report_test_support.hpp"

namespace kopa {
namespace {

using testing::read_text;
namespace fs = std::filesystem;
using testing::kopa;
using testing::ReportFolderTest;

std::size_t entries(const fs::path& folder) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(folder), fs::directory_iterator()));
}

TEST_F(ReportFolderTest, WritesThePageBesideTheFileByDefaultAndPrintsItsPath) {
  const fs::path file = write_sample({{0, 0}, {0, 1}, {1, 0}, {1, 1}}, io::RunStatus::complete);
  const auto outcome = kopa({"report", file.string()});
  ASSERT_EQ(outcome.code, exit_ok) << outcome.err;
  const fs::path page = folder / "sample.html";
  EXPECT_EQ(outcome.out, page.string() + "\n");
  const std::string html = read_text(page);
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  EXPECT_NE(html.find("kopa report " + file.string()), std::string::npos);  // its own command
}

TEST_F(ReportFolderTest, RefusesAnExistingPageWithoutForce) {
  const fs::path file = write_sample({{0, 0}, {0, 1}, {1, 0}, {1, 1}}, io::RunStatus::complete);
  const fs::path page = folder / "page.html";
  std::ofstream(page) << "keep me";
  auto outcome = kopa({"report", file.string(), "-o", page.string()});
  EXPECT_EQ(outcome.code, exit_bad_input);
  EXPECT_NE(outcome.err.find("already exists; use --force"), std::string::npos) << outcome.err;
  EXPECT_EQ(read_text(page), "keep me");
  outcome = kopa({"report", file.string(), "-o", page.string(), "--force"});
  EXPECT_EQ(outcome.code, exit_ok) << outcome.err;
  EXPECT_NE(read_text(page), "keep me");
}

TEST_F(ReportFolderTest, BadInputExitsTwoAndWritesNothing) {
  const fs::path file = write_sample({{0, 0}, {0, 1}, {1, 0}, {1, 1}}, io::RunStatus::complete);
  std::ofstream(folder / "notes.txt") << "not a kopa file";
  const std::size_t before = entries(folder);
  struct Case {
    std::vector<std::string> args;
    std::string says;
  };
  const std::vector<Case> cases{
      {{"report", (folder / "missing.h5").string()}, "missing.h5"},
      {{"report", (folder / "notes.txt").string(), "-o", (folder / "notes.html").string()},
       "notes.txt"},
      {{"report", file.string(), "--baseline", "basline"}, "unknown baseline scenario 'basline'"},
      {{"report"}, "no results or sweep file given"},
      {{"report", file.string(), "--colour"}, "unrecognised option '--colour'"},
  };
  for (const Case& c : cases) {
    const auto outcome = kopa(c.args);
    EXPECT_EQ(outcome.code, exit_bad_input) << c.says;
    EXPECT_NE(outcome.err.find(c.says), std::string::npos) << outcome.err;
    EXPECT_EQ(entries(folder), before) << c.says;
  }
}

TEST_F(ReportFolderTest, ABaselineDoesNotApplyToASweep) {
  const fs::path sweep = write_sweep();
  const auto outcome = kopa({"report", sweep.string(), "--baseline", "baseline"});
  EXPECT_EQ(outcome.code, exit_bad_input);
  EXPECT_NE(outcome.err.find("--baseline does not apply to a sweep file"), std::string::npos);
  EXPECT_FALSE(fs::exists(folder / "sweep.html"));
}

// Sets an environment variable for the test's duration.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST_F(ReportFolderTest, PngWithoutChromiumFailsAndWritesNothing) {
  const fs::path file = write_sample({{0, 0}, {0, 1}, {1, 0}, {1, 1}}, io::RunStatus::complete);
  const std::size_t before = entries(folder);
  ScopedEnv chromium("KOPA_CHROMIUM", (folder / "no-chromium-here").string());
  const auto outcome = kopa({"report", file.string(), "--png", (folder / "png").string()});
  EXPECT_EQ(outcome.code, exit_failure);
  EXPECT_NE(outcome.err.find("KOPA_CHROMIUM"), std::string::npos) << outcome.err;
  EXPECT_EQ(entries(folder), before);  // no page, no PNG folder
}

TEST_F(ReportFolderTest, PngRefusesExistingChartFilesWithoutForce) {
  const fs::path file = write_sample({{0, 0}, {0, 1}, {1, 0}, {1, 1}}, io::RunStatus::complete);
  fs::create_directories(folder / "png");
  std::ofstream(folder / "png" / "difference.png") << "an older chart";
  const auto outcome = kopa({"report", file.string(), "--png", (folder / "png").string()});
  EXPECT_EQ(outcome.code, exit_bad_input);
  EXPECT_NE(outcome.err.find("difference.png' already exists"), std::string::npos) << outcome.err;
  EXPECT_FALSE(fs::exists(folder / "sample.html"));
  EXPECT_EQ(read_text(folder / "png" / "difference.png"), "an older chart");
}

}  // namespace
}  // namespace kopa
