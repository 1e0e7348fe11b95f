#pragma once
#include <string>
#include <string_view>

#include "stats/comparison.hpp"
#include "stats/series.hpp"
#include "util/expected.hpp"

namespace kopa::analysis {

enum class Format { table, csv, markdown, json };

// "table", "csv", "markdown" or "json"; an error lists the choices.
Expected<Format> parse_format(std::string_view name);

// For a terminal: one block per metric, then cost-effectiveness, reasons for any n/a, and a
// closing line on how to read it. No line is wider than 100 columns.
std::string format_table(const Comparison& comparison);
// The same blocks as Markdown sections and tables.
std::string format_markdown(const Comparison& comparison);
// One row per (scenario, metric) and per (scenario, cost ratio), every number at full precision;
// empty fields where a value does not apply or is not defined.
std::string format_csv(const Comparison& comparison);
// Every number at full precision (%.17g), NaN and infinities as null. Layout: docs in
// format_json.cpp.
std::string format_json(const Comparison& comparison);

std::string format_comparison(const Comparison& comparison, Format format);

// --series: `table` and `markdown` are not offered (series are for plotting); an error says so.
std::string format_series_csv(const SeriesComparison& series);
std::string format_series_json(const SeriesComparison& series);
Expected<std::string> format_series(const SeriesComparison& series, Format format);

}  // namespace kopa::analysis
