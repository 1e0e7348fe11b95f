#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>

#include "comparison_fixture.hpp"
#include "stats/format.hpp"
#include "stats/format_values.hpp"
#include "stats/text_grid.hpp"

namespace kopa::analysis {
namespace {

const std::vector<std::string> seven_metrics{
    "founders_sustained", "founders_startup", "jobs_disadvantaged", "money_share_disadvantaged",
    "collaborations",     "public_cost",      "new_startups"};

Comparison realistic(bool interrupted = false) {
  ComparisonInput input = testing::realistic_input();
  input.interrupted = interrupted;
  auto comparison = compare(input, {.metrics = seven_metrics});
  EXPECT_TRUE(comparison) << comparison.error().message;
  return std::move(*comparison);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

// A strict recursive-descent check of the JSON grammar (RFC 8259), enough to know a reader will
// parse the output; values are not interpreted.
class JsonChecker {
 public:
  explicit JsonChecker(const std::string& text) : s_(text) {}
  bool document() {
    skip();
    if (!value()) return false;
    skip();
    return i_ == s_.size();
  }

 private:
  void skip() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  bool eat(char c) {
    skip();
    if (i_ < s_.size() && s_[i_] == c) return ++i_, true;
    return false;
  }
  bool literal(const char* word) {
    const std::string w(word);
    if (s_.compare(i_, w.size(), w) != 0) return false;
    i_ += w.size();
    return true;
  }
  bool string() {
    if (!eat('"')) return false;
    while (i_ < s_.size() && s_[i_] != '"') {
      if (static_cast<unsigned char>(s_[i_]) < 0x20) return false;
      i_ += s_[i_] == '\\' ? 2 : 1;
    }
    return i_++ < s_.size();
  }
  bool number() {
    const char* start = s_.c_str() + i_;
    char* end = nullptr;
    std::strtod(start, &end);
    if (end == start || *start == '+' || std::isalpha(static_cast<unsigned char>(*start))) {
      return false;
    }
    i_ += static_cast<std::size_t>(end - start);
    return true;
  }
  bool value() {
    skip();
    if (i_ >= s_.size()) return false;
    switch (s_[i_]) {
      case '{':
        return container('}', true);
      case '[':
        return container(']', false);
      case '"':
        return string();
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        return number();
    }
  }
  bool container(char close, bool object) {
    ++i_;
    if (eat(close)) return true;
    do {
      if (object && !(string() && eat(':'))) return false;
      if (!value()) return false;
    } while (eat(','));
    return eat(close);
  }
  const std::string& s_;
  std::size_t i_ = 0;
};

TEST(FormatValues, CompactKeepsFourSignificantDigitsAndThousandsSuffixes) {
  EXPECT_EQ(compact(12.4), "12.4");
  EXPECT_EQ(compact(0.41234), "0.4123");
  EXPECT_EQ(compact(1234.0), "1234");
  EXPECT_EQ(compact(123456.0), "123.5k");
  EXPECT_EQ(compact(5760000.0), "5.76M");  // not "5760k"
  EXPECT_EQ(compact(-1234567.0), "-1.235M");
  EXPECT_EQ(compact(9999.6), "10k");  // %.4g would give 1e+04
  EXPECT_EQ(compact(std::nan("")), "n/a");
  EXPECT_EQ(signed_compact(2.8), "+2.8");
  EXPECT_EQ(signed_compact(-0.5), "-0.5");
  EXPECT_EQ(signed_compact(0.0), "0");
  EXPECT_EQ(percent(5.0 / 6.0), "83%");  // 83.33...
  EXPECT_EQ(signed_percent(0.226), "+22.6%");
}

TEST(FormatValues, JsonNumbersRoundTripAndNonFiniteIsNull) {
  for (const double x : {0.1, 1.0 / 3.0, 123456789.123456789, -2.5e-300}) {
    EXPECT_EQ(std::strtod(json_number(x).c_str(), nullptr), x);
  }
  EXPECT_EQ(json_number(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(json_number(std::numeric_limits<double>::infinity()), "null");
  EXPECT_EQ(json_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_number(std::numeric_limits<double>::quiet_NaN()), "");
}

TEST(TextGrid, ShortensTheNameColumnToFitAndWrapsNotes) {
  const TextGrid grid{{"scenario", "mean"}, {{"a_rather_long_scenario_name", "12.5"}}};
  for (const std::string& line : lines_of(render_aligned(grid, 20))) {
    EXPECT_LE(line.size(), 20u) << line;
  }
  EXPECT_NE(render_aligned(grid, 20).find("~"), std::string::npos);
  for (const std::string& line : lines_of(wrap("one two three four five six", 10, "  "))) {
    EXPECT_LE(line.size(), 10u) << line;
  }
}

TEST(FormatTable, FiveScenariosSevenMetricsFitOneHundredColumns) {
  const std::string table = format_table(realistic());
  const auto lines = lines_of(table);
  ASSERT_GT(lines.size(), 50u);
  for (const std::string& line : lines) EXPECT_LE(line.size(), 100u) << line;
  for (const std::string& metric : seven_metrics) {
    EXPECT_NE(table.find(metric + " ["), std::string::npos) << metric;
  }
  EXPECT_NE(table.find("stock at month 119"), std::string::npos);
  EXPECT_NE(table.find("flow summed over months 0-119"), std::string::npos);
  EXPECT_NE(table.find("cost-effectiveness"), std::string::npos);
  EXPECT_NE(table.find("  *  "), std::string::npos);  // the effects are clear
  EXPECT_EQ(lines.back().rfind("Read:", 0), 0u) << lines.back();
  EXPECT_EQ(table.find("INTERRUPTED"), std::string::npos);
}

TEST(FormatTable, LongNamesAndNotesStayWithinOneHundredColumns) {
  ComparisonInput input = testing::realistic_input();
  input.scenarios[2].name = "one_roof_platform_with_knowledge_exchange_and_mentoring_2030";
  for (MetricSeries& metric : input.scenarios[3].metrics) metric.values.resize(1);
  const auto comparison = compare(input);
  ASSERT_TRUE(comparison) << comparison.error().message;
  const std::string table = format_table(*comparison);
  for (const std::string& line : lines_of(table)) EXPECT_LE(line.size(), 100u) << line;
  EXPECT_NE(table.find("n/a: scenario 'knowledge_exchange' has 1 replicate"), std::string::npos);
}

TEST(FormatTable, SaysWhenTheRunWasInterrupted) {
  EXPECT_NE(format_table(realistic(true)).find("INTERRUPTED"), std::string::npos);
  EXPECT_NE(format_markdown(realistic(true)).find("INTERRUPTED"), std::string::npos);
}

TEST(FormatJson, ParsesAndNamesEveryScenarioAndMetric) {
  const Comparison comparison = realistic(true);
  const std::string json = format_json(comparison);
  ASSERT_EQ(json.front(), '{');
  EXPECT_TRUE(JsonChecker(json).document());
  for (const ScenarioComparison& scenario : comparison.scenarios) {
    EXPECT_NE(json.find("\"name\":\"" + scenario.name + "\""), std::string::npos) << scenario.name;
  }
  for (const std::string& metric : seven_metrics) {
    EXPECT_NE(json.find("\"" + metric + "\":{\"values\":["), std::string::npos) << metric;
  }
  EXPECT_NE(json.find("\"interrupted\":true"), std::string::npos);
  EXPECT_NE(json.find("\"format_version\":1"), std::string::npos);
  EXPECT_NE(json.find("\"jobs_disadvantaged\":{\"verdict\":"), std::string::npos);
}

TEST(FormatJson, WritesFullPrecisionAndErrorsAndNullForNaN) {
  ComparisonInput input = testing::realistic_input();
  for (ScenarioResults& scenario : input.scenarios) {
    for (MetricSeries& metric : scenario.metrics) metric.values.resize(1);
  }
  const auto comparison = compare(input);
  ASSERT_TRUE(comparison);
  const std::string json = format_json(*comparison);
  EXPECT_TRUE(JsonChecker(json).document());
  EXPECT_NE(json.find("\"sd\":null"), std::string::npos);  // one replicate: no spread
  EXPECT_NE(json.find("\"difference_error\":\"scenario 'seed_funding' has 1 replicate"),
            std::string::npos);
  EXPECT_NE(json.find("\"founders_sustained_error\":"), std::string::npos);
  // The baseline's first founders_sustained value, printed with every digit.
  const double first = comparison->scenarios[0].metrics[0].values[0];
  EXPECT_NE(json.find(json_number(first)), std::string::npos);
  EXPECT_GT(json_number(first).size(), 10u);
}

TEST(FormatCsv, IsRectangularWithOneRowPerScenarioMetricAndRatio) {
  const std::string csv = format_csv(realistic());
  const auto lines = lines_of(csv);
  // 5 scenarios x 7 metrics + 4 policy scenarios x 2 cost ratios, plus the header.
  ASSERT_EQ(lines.size(), 1u + 35u + 8u);
  const auto columns = [](const std::string& line) {
    return std::count(line.begin(), line.end(), ',');
  };
  for (const std::string& line : lines) EXPECT_EQ(columns(line), columns(lines[0])) << line;
  EXPECT_NE(csv.find("seed_funding,false,public_cost_per_additional_founders_sustained"),
            std::string::npos);
}

TEST(FormatMarkdown, HasOneSectionAndTablePerMetric) {
  const std::string markdown = format_markdown(realistic());
  for (const std::string& metric : seven_metrics) {
    EXPECT_NE(markdown.find("### " + metric + " ["), std::string::npos) << metric;
  }
  EXPECT_NE(markdown.find("| scenario | mean | median |"), std::string::npos);
  EXPECT_NE(markdown.find("| --- | ---: |"), std::string::npos);
}

TEST(FormatSeries, CsvHasOneRowPerScenarioMetricAndMonthAndJsonParses) {
  const auto bands = series(testing::realistic_input(), {"founders_sustained", "public_cost"});
  ASSERT_TRUE(bands);
  EXPECT_EQ(lines_of(format_series_csv(*bands)).size(), 1u + 5u * 2u * 120u);
  const std::string json = format_series_json(*bands);
  EXPECT_TRUE(JsonChecker(json).document());
  EXPECT_NE(json.find("\"name\":\"combined\""), std::string::npos);
  EXPECT_FALSE(format_series(*bands, Format::table));
  EXPECT_TRUE(format_series(*bands, Format::json));
}

TEST(FormatChoice, ParsesTheFourNamesAndRejectsOthers) {
  EXPECT_EQ(*parse_format("markdown"), Format::markdown);
  const auto unknown = parse_format("xml");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("table, csv, markdown or json"), std::string::npos);
}

TEST(JsonChecker, RejectsBrokenJson) {
  EXPECT_FALSE(JsonChecker("{\"a\":1,}").document());
  EXPECT_FALSE(JsonChecker("{\"a\":nan}").document());
  EXPECT_TRUE(JsonChecker("{\"a\":[1,-2.5e3,null,true,\"x\"]}").document());
}

}  // namespace
}  // namespace kopa::analysis
