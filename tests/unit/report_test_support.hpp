#pragma once
// Shared by the report and export tests: a scratch folder per test, kopa through run_cli, and
// small files to draw and export: the deterministic sample (tests/tools/sample_results.hpp),
// a real two-scenario run and a real 2 x 2 grid sweep, both small enough for a unit test.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../tools/sample_results.hpp"
#include "cli/cli.hpp"
#include "cli_outcome.hpp"
#include "io/results_writer.hpp"

namespace kopa::testing {

namespace fs = std::filesystem;

inline std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A fresh folder under the system's temporary folder, named after the test, removed afterwards.
class ReportFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    folder = fs::temp_directory_path() / ("kopa_report_test_" + std::to_string(::getpid()) + "_" +
                                          test->test_suite_name() + "_" + test->name());
    fs::remove_all(folder);
    fs::create_directories(folder);
  }
  void TearDown() override { fs::remove_all(folder); }

  // The sample with the given (scenario, replicate) runs finished.
  fs::path write_sample(const std::vector<std::pair<std::size_t, int>>& runs,
                        io::RunStatus status) {
    const fs::path target = folder / "sample.h5";
    const auto headers = sample::sample_headers();
    auto writer = io::ResultsWriter::create(target, false, {"kopa run -o sample.h5", 2}, headers);
    EXPECT_TRUE(writer) << writer.error().message;
    for (const auto& [s, r] : runs) {
      EXPECT_TRUE(writer->write_run(s, r, sample::sample_run(headers[s], s, r)));
    }
    EXPECT_TRUE(writer->finish(status));
    return target;
  }

  // baseline and seed_funding, 4 replicates of 400 founders over 24 months.
  fs::path write_run() {
    const fs::path scenarios = fs::path(KOPA_SOURCE_DIR) / "scenarios";
    const fs::path target = folder / "run.h5";
    const auto outcome =
        kopa({"run", (scenarios / "baseline.toml").string(),
              (scenarios / "seed_funding.toml").string(), "-r", "4", "--set",
              "simulation.founders=400", "--months", "24", "-o", target.string(), "--quiet"});
    EXPECT_EQ(outcome.code, 0) << outcome.err;
    return target;
  }

  // Small sweeps, 2 replicates each. The default: seed_funding's budget x start month, a 2 x 2
  // grid of 300 founders over 12 months. Another design (`design_lines`, e.g. "design =
  // \"sobol\"\nsamples = 8"): the combined package's largest grant and training skill gain as
  // ranges, 500 founders over 24 months, enough for the outcomes to vary.
  fs::path write_sweep(const std::string& design_lines = "design = \"grid\"") {
    const bool grid = design_lines.find("grid") != std::string::npos;
    const fs::path scenarios = fs::path(KOPA_SOURCE_DIR) / "scenarios";
    const fs::path design = folder / "sweep.toml";
    std::ofstream file(design);
    file << "[sweep]\nbase = \""
         << (scenarios / (grid ? "seed_funding.toml" : "combined.toml")).string()
         << "\"\nreplicates = 2\n"
         << design_lines << "\n[sweep.set]\n";
    if (grid) {
      file << "\"simulation.founders\" = 300\n\"simulation.months\" = 12\n"
           << "[[factor]]\npath = \"levers.seed_funding.budget_per_year\"\n"
           << "values = [100000.0, 1500000.0]\n"
           << "[[factor]]\npath = \"levers.seed_funding.start_month\"\nvalues = [0, 3]\n";
    } else {
      file << "\"simulation.founders\" = 500\n\"simulation.months\" = 24\n"
           << "[[factor]]\npath = \"levers.seed_funding.grant_max\"\nmin = 4000.0\nmax = 20000.0\n"
           << "[[factor]]\npath = \"levers.local_training.skill_gain\"\nmin = 0.0\nmax = 0.3\n";
    }
    file.close();
    const fs::path target = folder / "sweep.h5";
    const auto outcome =
        kopa({"sweep", design.string(), "-o", target.string(), "-t", "2", "--quiet"});
    EXPECT_EQ(outcome.code, 0) << outcome.err;
    return target;
  }

  fs::path folder;
};

}  // namespace kopa::testing
