// `kopa analyse` output: the table stays within 100 columns however many factors and however long
// their paths, and a long path is wrapped whole (never cut), so factors stay told apart.
#include <gtest/gtest.h>

#include <sstream>

#include "stats/sensitivity_format.hpp"
#include "stats/text_grid.hpp"

namespace kopa::analysis {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// 30 factors whose paths differ only at the end, some longer than a whole table line's share.
std::vector<std::string> long_paths() {
  std::vector<std::string> paths;
  for (int i = 0; i < 30; ++i) {
    paths.push_back(
        "regions.nordfriesland_south_and_the_islands_of_the_wadden_sea.factor_" +
        std::to_string(i) +
        (i % 3 == 0 ? ".a_segment_that_is_itself_far_longer_than_any_name_column" : ""));
  }
  return paths;
}

SobolReport report_with(const std::vector<std::string>& paths) {
  SobolReport report;
  report.output.metric.name = "founders_sustained";
  report.output.metric.units = "founders";
  report.output.replicates = 2;
  report.output.points.noise_share = 0.1;
  report.output.points.noise_share_of_means = 0.05;
  report.factors = paths;
  report.samples = 64;
  stats::SobolIndices indices;
  indices.rows = 64;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    indices.factors.push_back({{-0.0123, -0.2345, 0.3456}, {0.5, 0.25, 1.125}, false});
  }
  indices.first_order_sum = {0.9, 0.5, 1.3};
  report.indices = indices;
  std::string warning = "a warning long enough to need wrapping:";
  for (const std::string& path : paths) warning += " " + path + ",";
  report.warnings.push_back(warning);
  return report;
}

TEST(AnalyseTable, FitsHundredColumnsAndKeepsEveryPathWhole) {
  const std::vector<std::string> paths = long_paths();
  AnalysisReport report{"sweep.h5", "sobol", "sobol", false, {report_with(paths)}, {}, {}};
  const std::string table = format_analysis_table(report);
  const std::vector<std::string> lines = lines_of(table);
  for (const auto& line : lines) EXPECT_LE(line.size(), 100u) << line;

  // Rejoin each factor's wrapped lines (continuations start with two spaces and hold no numbers)
  // and find every path whole, once.
  std::vector<std::string> names;
  bool in_grid = false;
  for (const auto& line : lines) {
    if (line.rfind("factor ", 0) == 0) {
      in_grid = true;
      continue;
    }
    if (!in_grid || line.empty()) {
      in_grid = in_grid && !line.empty();
      continue;
    }
    if (line.rfind("  ", 0) == 0) {
      names.back() += line.substr(2, line.find(' ', 2) - 2);
    } else {
      names.push_back(line.substr(0, line.find(' ')));
    }
  }
  ASSERT_EQ(names.size(), paths.size() + 1) << table;  // and "sum"
  for (std::size_t i = 0; i < paths.size(); ++i) EXPECT_EQ(names[i], paths[i]);
}

TEST(RenderWrapped, BreaksAfterDotsAndCutsOnlyAPartLongerThanALine) {
  TextGrid grid{{"name", "value"},
                {{"alpha.beta.gamma", "1"}, {"short", "2"}, {"abcdefghijklmnop.q", "3"}}};
  // Width 19: "value" takes 5 and a gap of 2, leaving 12 for names.
  EXPECT_EQ(render_wrapped(grid, 19),
            "name          value\n"
            "alpha.beta.       1\n"
            "  gamma\n"
            "short             2\n"
            "abcdefghijkl      3\n"
            "  mnop.q\n");
}

TEST(AnalyseJson, UndefinedIndicesAreNullWithTheReason) {
  SobolReport report = report_with({"x"});
  report.indices.reset();
  report.undefined = "the outputs do not vary; Sobol' indices are undefined";
  report.warnings.clear();
  AnalysisReport whole{"s.h5", "sobol", "sobol", true, {report}, {}, {}};
  const std::string json = format_analysis_json(whole);
  EXPECT_NE(json.find("\"interrupted\": true"), std::string::npos);
  EXPECT_NE(json.find("{\"path\": \"x\", \"S1\": null, \"S1_low\": null"), std::string::npos)
      << json;
  EXPECT_NE(json.find("\"undefined\": \"the outputs do not vary; Sobol' indices are undefined\""),
            std::string::npos);
  EXPECT_EQ(format_analysis(whole, Format::markdown).error().message,
            "kopa analyse writes table, csv or json, not markdown");
}

}  // namespace
}  // namespace kopa::analysis
