// `kopa export`: the tidy table holds every finished value exactly once, with its scenario (or
// design point and factor values), replicate, month, metric and label, and nothing else.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "cli/exit_code.hpp"
#include "io/sweep_reader.hpp"
#include "model/metrics.hpp"
#include "report_test_support.hpp"

namespace kopa {
namespace {

using testing::read_text;
namespace fs = std::filesystem;
using testing::kopa;
using testing::ReportFolderTest;

// Splits CSV text into rows of fields (RFC 4180 quoting).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

std::size_t label_index(const io::ScenarioHeader& header, Breakdown breakdown,
                        const std::string& label) {
  const auto& labels = header.labels.labels[static_cast<std::size_t>(breakdown)];
  return static_cast<std::size_t>(std::find(labels.begin(), labels.end(), label) - labels.begin());
}

TEST_F(ReportFolderTest, ExportHoldsEveryFinishedValueOnceWithItsLabels) {
  // Replicate 1 of seed_funding never finished: it must not appear.
  const fs::path file =
      write_sample({{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 2}}, io::RunStatus::interrupted);
  const auto outcome = kopa({"export", file.string(), "--format", "csv"});
  ASSERT_EQ(outcome.code, exit_ok) << outcome.err;
  const auto rows = parse_csv(outcome.out);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"scenario", "replicate", "month", "metric", "label",
                                               "value"}));
  const auto headers = sample::sample_headers();
  std::size_t expected = 0;
  for (std::size_t s = 0; s < headers.size(); ++s) {
    const std::size_t replicates = s == 0 ? 3 : 2;
    for (std::size_t m = 0; m < metric_count; ++m) {
      expected += replicates * sample::sample_months *
                  headers[s].labels.width(metric_catalog()[m].breakdown);
    }
  }
  ASSERT_EQ(rows.size(), 1 + expected);
  std::set<std::string> keys;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    ASSERT_EQ(row.size(), 6u) << i;
    const std::size_t s = row[0] == "baseline" ? 0 : 1;
    ASSERT_EQ(row[0], headers[s].name);
    const int replicate = std::stoi(row[1]);
    EXPECT_FALSE(s == 1 && replicate == 1) << "an unfinished replicate was exported";
    const int metric = find_metric(row[3]);
    ASSERT_GE(metric, 0) << row[3];
    const Breakdown breakdown = metric_catalog()[static_cast<std::size_t>(metric)].breakdown;
    const std::size_t label =
        breakdown == Breakdown::total ? 0 : label_index(headers[s], breakdown, row[4]);
    if (breakdown == Breakdown::total) {
      EXPECT_EQ(row[4], "");
    }
    const double value = sample::sample_value(s, replicate, static_cast<std::size_t>(metric),
                                              std::stoi(row[2]), label);
    EXPECT_EQ(std::stod(row[5]), value) << row[0] << " " << row[3] << " " << row[4];
    EXPECT_TRUE(
        keys.insert(row[0] + "," + row[1] + "," + row[2] + "," + row[3] + "," + row[4]).second);
  }
  EXPECT_NE(outcome.out.find(",Łódź,"), std::string::npos);  // UTF-8 labels as they are
}

TEST_F(ReportFolderTest, ExportWritesChosenMetricsToAFile) {
  const fs::path file = write_sample({{0, 0}, {1, 0}}, io::RunStatus::interrupted);
  const fs::path table = folder / "table.csv";
  auto outcome = kopa({"export", file.string(), "-o", table.string(), "--metric",
                       "money_awarded_by_funder", "--metric", "founders_sustained"});
  ASSERT_EQ(outcome.code, exit_ok) << outcome.err;
  EXPECT_EQ(outcome.out, "");
  const auto rows = parse_csv(read_text(table));
  // Two scenarios x one replicate x 5 months x (2 funders + 1 total).
  ASSERT_EQ(rows.size(), 1u + 2u * 5u * 3u);
  std::map<std::string, std::size_t> per_metric;
  for (std::size_t i = 1; i < rows.size(); ++i) ++per_metric[rows[i][3]];
  EXPECT_EQ(per_metric["money_awarded_by_funder"], 20u);
  EXPECT_EQ(per_metric["founders_sustained"], 10u);
  EXPECT_EQ(rows[1][3], "money_awarded_by_funder");  // in the order asked

  outcome = kopa({"export", file.string(), "-o", table.string()});
  EXPECT_EQ(outcome.code, exit_bad_input);
  EXPECT_NE(outcome.err.find("already exists; use --force"), std::string::npos);
}

TEST_F(ReportFolderTest, ExportRefusesAnUnknownMetricOrFormatAndWritesNothing) {
  const fs::path file = write_sample({{0, 0}, {1, 0}}, io::RunStatus::interrupted);
  const fs::path table = folder / "table.csv";
  auto outcome =
      kopa({"export", file.string(), "-o", table.string(), "--metric", "founders_sustaind"});
  EXPECT_EQ(outcome.code, exit_bad_input);
  EXPECT_NE(outcome.err.find("unknown metric 'founders_sustaind'"), std::string::npos);
  EXPECT_NE(outcome.err.find("founders_sustained"), std::string::npos);  // the suggestion
  EXPECT_FALSE(fs::exists(table));
  outcome = kopa({"export", file.string(), "--metric", "founders_sustaind"});
  EXPECT_EQ(outcome.out, "");  // not even the header on standard output
  outcome = kopa({"export", file.string(), "--format", "parquet"});
  EXPECT_EQ(outcome.code, exit_bad_input);
  EXPECT_NE(outcome.err.find("unknown format 'parquet'; the formats are: csv"), std::string::npos);
}

TEST_F(ReportFolderTest, SweepExportHasAColumnPerFactor) {
  const fs::path file = write_sweep();
  auto sweep = io::SweepReader::open(file);
  ASSERT_TRUE(sweep);
  const auto outcome = kopa({"export", file.string(), "--metric", "founders_startup", "--metric",
                             "founders_startup_by_region"});
  ASSERT_EQ(outcome.code, exit_ok) << outcome.err;
  const auto rows = parse_csv(outcome.out);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"point", "levers.seed_funding.budget_per_year",
                                               "levers.seed_funding.start_month", "replicate",
                                               "month", "metric", "label", "value"}));
  const auto& contents = sweep->contents();
  const std::size_t regions =
      contents.header.labels.labels[static_cast<std::size_t>(Breakdown::region)].size();
  ASSERT_EQ(rows.size(), 1u + 4u * 2u * 12u * (1u + regions));
  auto startup = sweep->read_metric("founders_startup");
  ASSERT_TRUE(startup);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const auto point = static_cast<std::size_t>(std::stoul(row[0]));
    EXPECT_EQ(std::stod(row[1]), contents.header.points[point][0]);
    EXPECT_EQ(std::stod(row[2]), contents.header.points[point][1]);
    if (row[5] != "founders_startup") continue;
    EXPECT_EQ(std::stod(row[7]), startup->at(point, std::stoul(row[3]), std::stoul(row[4])));
  }
}

}  // namespace
}  // namespace kopa
