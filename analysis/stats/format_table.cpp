#include "stats/comparison_grid.hpp"
#include "stats/format.hpp"

namespace kopa::analysis {
namespace {

constexpr std::size_t terminal_width = 100;

}  // namespace

Expected<Format> parse_format(std::string_view name) {
  if (name == "table") return Format::table;
  if (name == "csv") return Format::csv;
  if (name == "markdown") return Format::markdown;
  if (name == "json") return Format::json;
  return Error{"unknown format '" + std::string(name) + "'; choose table, csv, markdown or json"};
}

std::string format_table(const Comparison& comparison) {
  std::string out;
  for (const std::string& line : preamble(comparison)) out += fit(line, terminal_width) + "\n";
  Notes notes;
  for (std::size_t metric = 0; metric < comparison.metrics.size(); ++metric) {
    out += "\n" + fit(metric_title(comparison, metric), terminal_width) + "\n";
    out += render_aligned(metric_grid(comparison, metric, notes), terminal_width);
  }
  if (comparison.cost_effectiveness) {
    out += "\n" + fit(cost_title(comparison), terminal_width) + "\n";
    out += render_aligned(cost_grid(comparison, notes), terminal_width);
  }
  if (!notes.lines.empty()) out += "\n";
  for (const std::string& note : notes.lines) out += wrap(note, terminal_width, "  ");
  out += "\n" + fit(how_to_read(comparison), terminal_width) + "\n";
  return out;
}

std::string format_markdown(const Comparison& comparison) {
  std::string out;
  for (const std::string& line : preamble(comparison)) out += line + "\n\n";
  Notes notes;
  for (std::size_t metric = 0; metric < comparison.metrics.size(); ++metric) {
    out += "### " + metric_title(comparison, metric) + "\n\n";
    out += render_markdown(metric_grid(comparison, metric, notes)) + "\n";
  }
  if (comparison.cost_effectiveness) {
    out += "### " + cost_title(comparison) + "\n\n";
    out += render_markdown(cost_grid(comparison, notes)) + "\n";
  }
  for (const std::string& note : notes.lines) out += "- " + note + "\n";
  if (!notes.lines.empty()) out += "\n";
  out += how_to_read(comparison) + "\n";
  return out;
}

std::string format_comparison(const Comparison& comparison, Format format) {
  switch (format) {
    case Format::table:
      return format_table(comparison);
    case Format::csv:
      return format_csv(comparison);
    case Format::markdown:
      return format_markdown(comparison);
    case Format::json:
      return format_json(comparison);
  }
  return "";
}

}  // namespace kopa::analysis
