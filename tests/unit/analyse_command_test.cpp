// `kopa analyse` end to end in-process on small real sweeps: indices and a PRIM box come out in
// every format, the outputs are the point means of the per-run totals, and every input problem
// is exit 2 with nothing on stdout.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/exit_code.hpp"
#include "cli_outcome.hpp"
#include "io/sweep_reader.hpp"

namespace kopa {
namespace {

namespace fs = std::filesystem;
using testing::CliOutcome;
using testing::kopa;
using testing::lines_of;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Two small sweeps of the seed fund, shared by every test: a Sobol' design (N = 8, 2 factors,
// 2 replicates: 64 runs) and a Latin hypercube (16 points, 2 replicates), over a year of one
// village of 300 people, one agent each, many of them with an idea or a micro-project already and
// start-ups that count as sustained after 3 self-sufficient months: in a year of real residents'
// rates the headline outputs would hardly move, and the test needs them to vary. The budgets are
// small enough to bind: a rolling fund carries what it does not award (docs/ODD.md 7.2), and 300
// people ask it for a few thousand euros a year.
class AnalyseCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = new fs::path(fs::temp_directory_path() /
                       ("kopa-analyse-test-" + std::to_string(::getpid())));
    fs::remove_all(*dir);
    fs::create_directories(*dir);
    sobol = new fs::path(*dir / "sobol.h5");
    lhs = new fs::path(*dir / "lhs.h5");
    make_sweep("design = \"sobol\"\nsamples = 8\n", *sobol);
    make_sweep("design = \"lhs\"\nsamples = 16\nseed = 4\n", *lhs);
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir);
    delete dir;
    delete sobol;
    delete lhs;
  }

  static void make_sweep(const std::string& design, const fs::path& output) {
    const fs::path base = fs::path(output).replace_extension("").string() + "_base.toml";
    std::ofstream(base) << "extends = \""
                        << (fs::path(KOPA_SOURCE_DIR) / "scenarios/seed_funding.toml").string()
                        << "\"\n[founders]\ninitial_idea_share = 0.3\n"
                           "initial_micro_project_share = 0.3\n"
                           "[startups]\nself_sufficiency_months = 3\n"
                           "[[region]]\nname = \"village\"\ncountry = \"latvia\"\n"
                           "population = 300\nhas_len = true\nhas_incubator = true\n";
    const fs::path toml = fs::path(output).replace_extension(".toml");
    std::ofstream(toml) << "[sweep]\nbase = \"" << base.string() << "\"\nreplicates = 2\n"
                        << design
                        << "[sweep.set]\n\"simulation.founders\" = 300\n"
                           "\"simulation.months\" = 12\n"
                           "[[factor]]\npath = \"levers.seed_funding.budget_per_year\"\n"
                           "min = 1000.0\nmax = 50000.0\nlog = true\n"
                           "[[factor]]\npath = \"levers.seed_funding.grant_max\"\n"
                           "min = 3000.0\nmax = 20000.0\n";
    const auto run = kopa({"sweep", toml.string(), "-o", output.string(), "--quiet"});
    ASSERT_EQ(run.code, exit_ok) << run.err;
  }

  // Expects exit 2, nothing on stdout, and `message` in the one-line error.
  static void expect_refused(std::vector<std::string> args, const std::string& message) {
    args.insert(args.begin(), "analyse");
    const CliOutcome outcome = kopa(args);
    EXPECT_EQ(outcome.code, exit_bad_input) << outcome.out;
    EXPECT_TRUE(outcome.out.empty()) << outcome.out;
    EXPECT_TRUE(contains(outcome.err, message)) << outcome.err;
  }

  static fs::path* dir;
  static fs::path* sobol;
  static fs::path* lhs;
};

fs::path* AnalyseCommand::dir = nullptr;
fs::path* AnalyseCommand::sobol = nullptr;
fs::path* AnalyseCommand::lhs = nullptr;

TEST_F(AnalyseCommand, SobolSweepGivesIndicesWithIntervalsInEveryFormat) {
  const auto table = kopa({"analyse", sobol->string(), "--metric", "public_cost"});
  ASSERT_EQ(table.code, exit_ok) << table.err;
  EXPECT_TRUE(contains(table.out, "Sobol' indices of public_cost")) << table.out;
  EXPECT_TRUE(contains(table.out, "levers.seed_funding.budget_per_year"));
  EXPECT_TRUE(contains(table.out, "levers.seed_funding.grant_max"));
  EXPECT_TRUE(contains(table.out, "sum of S1"));
  EXPECT_TRUE(contains(table.out, "`samples` (N = 8)")) << "N = 8 is far too small";
  for (const auto& line : lines_of(table.out)) EXPECT_LE(line.size(), 100u) << line;

  const auto json =
      kopa({"analyse", sobol->string(), "--metric", "public_cost", "--format", "json"});
  ASSERT_EQ(json.code, exit_ok) << json.err;
  EXPECT_TRUE(contains(json.out, "\"format\": \"kopa-analyse\""));
  EXPECT_TRUE(contains(json.out, "\"method\": \"sobol\""));
  EXPECT_TRUE(contains(json.out, "\"samples\": 8"));
  EXPECT_TRUE(contains(json.out, "\"S1_low\": "));

  const auto csv = kopa({"analyse", sobol->string(), "--metric", "public_cost", "--metric",
                         "money_awarded", "--format", "csv"});
  ASSERT_EQ(csv.code, exit_ok) << csv.err;
  const auto rows = lines_of(csv.out);
  ASSERT_EQ(rows.size(), 5u) << csv.out;  // header, 2 metrics x 2 factors
  EXPECT_EQ(rows[0].rfind("method,metric,factor,S1,S1_low,S1_high,ST,", 0), 0u);
  EXPECT_EQ(rows[1].rfind("sobol,public_cost,levers.seed_funding.budget_per_year,", 0), 0u);
}

TEST_F(AnalyseCommand, DefaultMetricsAreCompareHeadlineSet) {
  const auto table = kopa({"analyse", sobol->string()});
  ASSERT_EQ(table.code, exit_ok) << table.err;
  for (const char* metric : {"founders_sustained", "founders_startup", "jobs_disadvantaged",
                             "money_share_disadvantaged", "collaborations", "public_cost"}) {
    EXPECT_TRUE(contains(table.out, std::string("Sobol' indices of ") + metric)) << metric;
  }
}

TEST_F(AnalyseCommand, PrimFindsABoxForTheCasesOfInterest) {
  // Of interest: public cost at or above the median of the point means, counted here from the
  // file itself (flows summed over all months, averaged over finished replicates).
  auto reader = io::SweepReader::open(*lhs);
  ASSERT_TRUE(reader) << reader.error().message;
  auto cost = reader->read_metric("public_cost");
  ASSERT_TRUE(cost);
  std::vector<double> means;
  for (std::size_t p = 0; p < cost->points; ++p) {
    double sum = 0;
    for (std::size_t r = 0; r < cost->replicates; ++r) {
      for (std::size_t m = 0; m < cost->months; ++m) sum += cost->at(p, r, m);
    }
    means.push_back(sum / static_cast<double>(cost->replicates));
  }
  std::vector<double> sorted = means;
  std::sort(sorted.begin(), sorted.end());
  const double median = sorted[sorted.size() / 2];
  const auto interesting =
      std::count_if(means.begin(), means.end(), [&](double m) { return m >= median; });
  std::ostringstream threshold;
  threshold.precision(17);
  threshold << median;

  const auto json = kopa({"analyse", lhs->string(), "--prim", "public_cost >= " + threshold.str(),
                          "--format", "json"});
  ASSERT_EQ(json.code, exit_ok) << json.err;
  EXPECT_TRUE(contains(json.out, "\"method\": \"prim\""));
  EXPECT_TRUE(contains(json.out, "\"of_interest\": " + std::to_string(interesting) + ","))
      << json.out;
  EXPECT_TRUE(contains(json.out, "\"trajectory\": ["));
  const auto table = kopa(
      {"analyse", lhs->string(), "--prim", "public_cost>=" + threshold.str(), "--prim-box", "1"});
  ASSERT_EQ(table.code, exit_ok) << table.err;
  EXPECT_TRUE(contains(table.out, "box 1: coverage")) << table.out;
  for (const auto& line : lines_of(table.out)) EXPECT_LE(line.size(), 100u) << line;
}

TEST_F(AnalyseCommand, RefusesWhatItCannotAnalyse) {
  expect_refused({sobol->string(), "--metric", "founders_sustaned"},
                 "unknown metric 'founders_sustaned' (did you mean 'founders_sustained'?)");
  expect_refused({sobol->string(), "--metric", "founders_sustained_by_group"},
                 "is broken down by group; analyse reads totals only");
  expect_refused({sobol->string(), "--method", "morris"}, "--method morris needs a morris sweep");
  expect_refused({sobol->string(), "--method", "fast"}, "unknown method 'fast'");
  expect_refused({lhs->string()}, "a lhs sweep has no sensitivity design: give --prim");
  expect_refused({lhs->string(), "--method", "prim"}, "PRIM needs a condition");
  expect_refused({lhs->string(), "--prim", "public_cost > 5"}, "expected 'METRIC >= NUMBER'");
  expect_refused({lhs->string(), "--prim", "public_cost >= lots"}, "expected 'METRIC >= NUMBER'");
  expect_refused({lhs->string(), "--prim", "public_cots >= 5"}, "did you mean 'public_cost'?");
  expect_refused({lhs->string(), "--prim", "public_cost >= 1e300"},
                 "no point is a case of interest");
  expect_refused({lhs->string(), "--prim", "public_cost >= 0", "--metric", "public_cost"},
                 "--metric does not apply to PRIM");
  expect_refused({sobol->string(), "--prim-box", "2"}, "--prim-box applies to PRIM only");
  expect_refused({sobol->string(), "--format", "markdown"}, "choose table, json or csv");
  expect_refused({sobol->string(), "--month", "12"},
                 "month 12 is outside the sweep's months 0..11");
  expect_refused({(*dir / "missing.h5").string()}, "missing.h5");
  const fs::path text = *dir / "not-a-sweep.h5";
  std::ofstream(text) << "not HDF5\n";
  expect_refused({text.string()}, "not-a-sweep.h5");
  expect_refused({}, "no sweep file given");
  const fs::path results = *dir / "results.h5";
  const auto run = kopa(
      {"run", (fs::path(KOPA_SOURCE_DIR) / "scenarios/seed_funding.toml").string(), "-r", "1",
       "--months", "6", "--set", "simulation.founders=300", "-o", results.string(), "--quiet"});
  ASSERT_EQ(run.code, exit_ok) << run.err;
  expect_refused({results.string()}, "results file");
}

}  // namespace
}  // namespace kopa
