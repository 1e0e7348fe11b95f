// The pages `kopa report` draws: every chart has a slot and a spec, the page fetches nothing,
// the table's exact numbers are the comparison's, and the provenance names what made the file.
#include <gtest/gtest.h>

#include "cli/analyse_sweep.hpp"
#include "report/charts.hpp"
#include "report/pages.hpp"
#include "report/results_input.hpp"
#include "report/web_assets.hpp"
#include "report_test_support.hpp"
#include "stats/comparison.hpp"
#include "stats/format_values.hpp"
#include "stats/metric_definition.hpp"

namespace kopa::report {
namespace {

namespace fs = std::filesystem;
using testing::ReportFolderTest;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The page without its inline scripts: what the HTML itself asks the browser for.
std::string without_scripts(const std::string& document) {
  std::string html;
  std::size_t at = 0;
  for (auto open = document.find("<script"); open != std::string::npos;
       open = document.find("<script", at)) {
    html += document.substr(at, open - at);
    at = document.find("</script>", open) + 9;
  }
  return html + document.substr(at);
}

// The data-value of field `field` in the row of `scenario` in the table of `metric`.
std::string table_value(const std::string& document, const std::string& metric,
                        const std::string& scenario, const std::string& field) {
  const auto table = document.find("data-metric=\"" + metric + "\"");
  const auto row = document.find("data-scenario=\"" + scenario + "\"", table);
  const auto end = document.find("</tr>", row);
  const auto cell = document.find("data-field=\"" + field + "\" data-value=\"", row);
  if (table == std::string::npos || row == std::string::npos || cell == std::string::npos ||
      cell > end) {
    return "missing";
  }
  const auto value = cell + field.size() + 26;
  return document.substr(value, document.find('"', value) - value);
}

void expect_self_contained(const std::string& document) {
  const std::string html = without_scripts(document);
  EXPECT_EQ(count(html, "<link"), 0u);
  EXPECT_EQ(count(html, "src="), 0u);
  EXPECT_EQ(count(html, "http://"), 0u);
  EXPECT_EQ(count(html, "https://"), 0u);
  EXPECT_EQ(count(document, "<script src"), 0u);
  EXPECT_NE(document.find("Content-Security-Policy\" content=\"default-src 'none';"),
            std::string::npos);
}

TEST_F(ReportFolderTest, ResultsPageHasASlotAndASpecForEveryChart) {
  auto reader = io::ResultsReader::open(write_run());
  ASSERT_TRUE(reader) << reader.error().message;
  auto page = results_page(*reader, {std::nullopt, "kopa report run.h5"});
  ASSERT_TRUE(page) << page.error().message;
  const std::string document = page->document();
  const auto& ids = page->chart_ids();
  for (const std::string_view metric : analysis::headline_metrics()) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), "fan-" + std::string(metric)), ids.end());
  }
  for (const char* id : {"difference", "cost-plane", "breakdown-founders_sustained_by_group",
                         "breakdown-founders_sustained_by_region"}) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "breakdown-population_by_region"), ids.end());
  const std::string html = without_scripts(document);
  EXPECT_EQ(count(html, "data-chart=\""), ids.size());
  const auto specs = document.find("id=\"kopa-chart-specs\"");
  ASSERT_NE(specs, std::string::npos);
  for (const std::string& id : ids) {
    EXPECT_EQ(count(html, "data-chart=\"" + id + "\""), 1u) << id;
    EXPECT_NE(document.find("\"" + id + "\":{\"$schema\"", specs), std::string::npos) << id;
  }
  expect_self_contained(document);
}

TEST_F(ReportFolderTest, ResultsPageTableHoldsTheComparisonsExactNumbers) {
  auto reader = io::ResultsReader::open(write_run());
  ASSERT_TRUE(reader);
  auto page = results_page(*reader, {});
  ASSERT_TRUE(page);
  const std::string document = page->document();
  // The comparison kopa compare makes of the same file.
  auto input = read_comparison_input(*reader, comparison_datasets({}));
  ASSERT_TRUE(input);
  auto comparison = analysis::compare(*input);
  ASSERT_TRUE(comparison);
  std::size_t checked = 0;
  std::size_t undefined = 0;
  for (std::size_t m = 0; m < comparison->metrics.size(); ++m) {
    const std::string& metric = comparison->metrics[m].name;
    for (const auto& scenario : comparison->scenarios) {
      const auto& result = scenario.metrics[m];
      const auto expect = [&](const char* field, double value) {
        EXPECT_EQ(table_value(document, metric, scenario.name, field), analysis::json_number(value))
            << metric << " " << scenario.name << " " << field;
        ++checked;
      };
      expect("mean", result.summary.mean);
      expect("median", result.summary.median);
      expect("p05", result.summary.p05);
      expect("p95", result.summary.p95);
      if (scenario.is_baseline) continue;
      // A ratio with no money awarded in some replicates of this small run has too few pairs
      // for an interval: the table shows none, and there is nothing exact to compare.
      if (!(result.difference && *result.difference)) {
        ++undefined;
        continue;
      }
      expect("difference_mean", result.difference->value().mean);
      expect("ci_low", result.difference->value().ci_low);
      expect("ci_high", result.difference->value().ci_high);
    }
  }
  EXPECT_LT(undefined, comparison->metrics.size());  // most differences are there to check
  EXPECT_EQ(checked, comparison->metrics.size() * (4 * 2 + 3) - 3 * undefined);
}

TEST_F(ReportFolderTest, ResultsPageNamesWhatMadeTheFile) {
  const fs::path file = write_sample({{0, 0}, {0, 1}, {1, 0}, {1, 1}}, io::RunStatus::interrupted);
  auto reader = io::ResultsReader::open(file);
  ASSERT_TRUE(reader);
  auto page = results_page(*reader, {std::string("baseline"), "kopa report sample.h5 --force"});
  ASSERT_TRUE(page) << page.error().message;
  const std::string document = page->document();
  EXPECT_NE(document.find("was interrupted"), std::string::npos);
  EXPECT_NE(document.find("kopa run -o sample.h5"), std::string::npos);
  EXPECT_NE(document.find("kopa report sample.h5 --force"), std::string::npos);
  EXPECT_NE(document.find("18446744073709551557"), std::string::npos);  // a base seed
  EXPECT_NE(document.find("replicate 2: 18446744073709551615"), std::string::npos);
  // The resolved scenario, escaped: `name = "baseline"`.
  EXPECT_NE(document.find("name = &quot;seed_funding&quot;\nmonths = 5"), std::string::npos);
  EXPECT_NE(document.find("2 finished"), std::string::npos);
}

TEST_F(ReportFolderTest, ABaselineAloneGetsItsFansAndBreakdownsAndNoDifferences) {
  const fs::path file = folder / "alone.h5";
  const auto outcome = testing::kopa(
      {"run", (fs::path(KOPA_SOURCE_DIR) / "scenarios" / "baseline.toml").string(), "-r", "2",
       "--set", "simulation.founders=300", "--months", "12", "-o", file.string(), "--quiet"});
  ASSERT_EQ(outcome.code, 0) << outcome.err;
  auto reader = io::ResultsReader::open(file);
  ASSERT_TRUE(reader);
  auto page = results_page(*reader, {});
  ASSERT_TRUE(page) << page.error().message;
  const auto& ids = page->chart_ids();
  EXPECT_NE(std::find(ids.begin(), ids.end(), "fan-founders_sustained"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "breakdown-founders_startup_by_region"), ids.end());
  for (const char* id : {"difference", "cost-ratio", "cost-plane"}) {
    EXPECT_EQ(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
  }
  EXPECT_NE(page->document().find("so no difference has an interval"), std::string::npos);
}

TEST_F(ReportFolderTest, AnUnknownBaselineIsAnError) {
  auto reader = io::ResultsReader::open(write_sample({{0, 0}, {1, 0}}, io::RunStatus::complete));
  ASSERT_TRUE(reader);
  auto page = results_page(*reader, {std::string("basline"), ""});
  ASSERT_FALSE(page);
  EXPECT_NE(page.error().message.find("unknown baseline scenario 'basline'"), std::string::npos);
}

TEST_F(ReportFolderTest, SweepPageHasAChartPerHeadlineMetricAndEveryPoint) {
  auto reader = io::SweepReader::open(write_sweep());
  ASSERT_TRUE(reader) << reader.error().message;
  auto page = sweep_page(*reader, {std::nullopt, "kopa report sweep.h5"});
  ASSERT_TRUE(page) << page.error().message;
  const std::string document = page->document();
  std::vector<std::string> expected;
  for (const std::string& metric : sweep_headline_metrics()) expected.push_back("sweep-" + metric);
  EXPECT_EQ(page->chart_ids(), expected);
  const auto points = document.find("data-table=\"points\"");
  ASSERT_NE(points, std::string::npos);
  EXPECT_EQ(count(document.substr(points, document.find("</table>", points) - points), "<tr>"),
            1u + 4u);  // header + 2 x 2 points
  EXPECT_NE(document.find("levers.seed_funding.start_month"), std::string::npos);
  EXPECT_NE(document.find("design = &quot;grid&quot;"), std::string::npos);
  expect_self_contained(document);
}

TEST_F(ReportFolderTest, SweepPageDrawsTheIndicesKopaAnalyseGivesAndItsWarnings) {
  const fs::path file = write_sweep("design = \"sobol\"\nsamples = 8");
  auto reader = io::SweepReader::open(file);
  ASSERT_TRUE(reader);
  auto analysis = analyse_sweep({file, {}, std::nullopt, {}, std::nullopt, std::nullopt});
  ASSERT_TRUE(analysis) << analysis.error().message;
  const Sensitivity sensitivity{*analysis, ""};
  auto page = sweep_page(*reader, {}, &sensitivity);
  ASSERT_TRUE(page) << page.error().message;
  const auto& ids = page->chart_ids();
  EXPECT_NE(std::find(ids.begin(), ids.end(), "sobol"), ids.end());
  const std::string document = page->document();
  std::size_t with_indices = 0, messages = 0;
  for (const analysis::SobolReport& report : analysis->sobol) {
    with_indices += report.indices.has_value();
    for (const auto* lines : {&report.warnings, &report.notes}) {
      for (const std::string& line : *lines) {
        EXPECT_NE(document.find(escape_html(line)), std::string::npos) << line;
        ++messages;
      }
    }
    if (!report.indices) {
      EXPECT_NE(document.find(escape_html(report.undefined)), std::string::npos);
    }
  }
  EXPECT_GT(messages, 0u);  // 8 base rows: every interval is wide, and kopa analyse says so
  const auto chart = sobol_chart(analysis->sobol);
  ASSERT_TRUE(chart.has_value());
  const auto& rows = chart->spec.find("data")->find("values")->items();
  ASSERT_EQ(rows.size(), with_indices * 2 * 2);  // metrics x factors x (S1, ST)
  for (const Json& row : rows) {
    const auto& report =
        *std::find_if(analysis->sobol.begin(), analysis->sobol.end(),
                      [&](auto& r) { return r.output.metric.name == row.find("metric")->text(); });
    const std::size_t f = row.find("factor")->text() == "levers.seed_funding.grant_max" ? 0 : 1;
    const auto& index = row.find("index")->text() == "S1" ? report.indices->factors[f].first_order
                                                          : report.indices->factors[f].total_order;
    EXPECT_EQ(row.find("value")->number(), significant(index.value, 4));
    EXPECT_EQ(row.find("low")->number(), significant(index.low, 4));
    EXPECT_EQ(row.find("high")->number(), significant(index.high, 4));
  }
}

TEST_F(ReportFolderTest, MorrisSweepsGetTheirScreeningAndAFailedAnalysisSaysWhy) {
  const fs::path file = write_sweep("design = \"morris\"\ntrajectories = 3\nlevels = 4\nseed = 1");
  const auto outcome = testing::kopa({"report", file.string()});
  ASSERT_EQ(outcome.code, 0) << outcome.err;
  const std::string document = testing::read_text(folder / "sweep.html");
  EXPECT_NE(document.find("data-chart=\"morris\""), std::string::npos);
  EXPECT_NE(document.find("only 3 complete trajectories"), std::string::npos);

  auto reader = io::SweepReader::open(file);
  ASSERT_TRUE(reader);
  const Sensitivity failed{std::nullopt, "the sweep's Morris design: a reason"};
  auto page = sweep_page(*reader, {}, &failed);
  ASSERT_TRUE(page);
  EXPECT_NE(page->document().find("kopa analyse found no indices: the sweep&#39;s Morris design: "
                                  "a reason"),
            std::string::npos);
  const auto& ids = page->chart_ids();
  EXPECT_EQ(std::find(ids.begin(), ids.end(), "morris"), ids.end());
}

TEST(ReportAssets, TheChartRuntimeIsEmbeddedAndCannotCloseItsScriptElement) {
  std::size_t bytes = 0;
  for (const WebAsset& asset : chart_scripts()) {
    EXPECT_GT(asset.text.size(), 1000u) << asset.name;
    bytes += asset.text.size();
    for (const WebAsset& text : {asset, report_script()}) {
      EXPECT_EQ(text.text.find("</script"), std::string_view::npos) << text.name;
      EXPECT_EQ(text.text.find("<!--"), std::string_view::npos) << text.name;
    }
  }
  EXPECT_GT(bytes, 500'000u);  // vega alone is about that
  EXPECT_NE(chart_scripts()[0].text.find("toImageURL"), std::string_view::npos);
  EXPECT_NE(report_style().text.find("kopa-chart"), std::string_view::npos);
  EXPECT_EQ(std::string(chart_runtime_versions()).rfind("vega 6.", 0), 0u);
}

}  // namespace
}  // namespace kopa::report
