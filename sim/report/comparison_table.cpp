#include "report/comparison_table.hpp"

#include "report/page.hpp"
#include "report/page_parts.hpp"
#include "stats/comparison_grid.hpp"
#include "stats/format_values.hpp"

namespace kopa::report {
namespace {

// One number: shown compact, kept exact.
std::string number(const char* name, double x, const std::string& shown) {
  return "<span data-field=\"" + std::string(name) + "\" data-value=\"" + analysis::json_number(x) +
         "\">" + escape_html(shown) + "</span>";
}

std::string cell(const std::string& content) {
  return "<td class=\"num\">" + content + "</td>";
}

std::string interval(const char* low_name, double low, const char* high_name, double high) {
  return "[" + number(low_name, low, analysis::compact(low)) + ", " +
         number(high_name, high, analysis::compact(high)) + "]";
}

std::string difference_cells(const analysis::MetricResult& result, analysis::Notes& notes) {
  if (!result.difference) return cell("-") + cell("") + cell("") + cell("");  // the baseline
  if (!*result.difference) {
    notes.add(result.difference->error().message);
    return cell("n/a") + cell("") + cell("") + cell("");
  }
  const stats::PairedDifference& d = result.difference->value();
  return cell(number("difference_mean", d.mean, analysis::signed_compact(d.mean)) +
              (d.excludes_zero() ? " *" : "")) +
         cell(interval("ci_low", d.ci_low, "ci_high", d.ci_high)) +
         cell(number("relative_change", d.relative_change,
                     analysis::signed_percent(d.relative_change))) +
         cell(number("share_greater", d.share_greater, analysis::percent(d.share_greater)));
}

std::string metric_table(const analysis::Comparison& comparison, std::size_t m,
                         analysis::Notes& notes) {
  const std::string confidence =
      std::to_string(static_cast<int>(comparison.confidence * 100 + 0.5)) + " % interval";
  std::string out = "<table class=\"kopa-table\" data-metric=\"" +
                    escape_html(comparison.metrics[m].name) + "\">\n<caption>" +
                    escape_html(analysis::metric_title(comparison, m)) + "</caption>\n" +
                    "<tr><th>scenario</th><th>n</th><th>mean</th><th>median</th><th>5-95 %</th>"
                    "<th>difference</th><th>" +
                    confidence + "</th><th>relative</th><th>above baseline</th></tr>\n";
  for (const auto& scenario : comparison.scenarios) {
    const analysis::MetricResult& result = scenario.metrics[m];
    const stats::Summary& s = result.summary;
    out += std::string("<tr") + (scenario.is_baseline ? " class=\"kopa-baseline\"" : "") +
           " data-scenario=\"" + escape_html(scenario.name) + "\"><th>" +
           escape_html(scenario.name) + "</th>" +
           cell(number("n", static_cast<double>(s.n), std::to_string(s.n))) +
           cell(number("mean", s.mean, analysis::compact(s.mean))) +
           cell(number("median", s.median, analysis::compact(s.median))) +
           cell(interval("p05", s.p05, "p95", s.p95)) + difference_cells(result, notes) + "</tr>\n";
  }
  return out + "</table>\n";
}

std::string cost_table(const analysis::Comparison& comparison, analysis::Notes& notes) {
  const std::string confidence =
      std::to_string(static_cast<int>(comparison.bootstrap.confidence * 100 + 0.5)) + " % interval";
  std::string out = "<table class=\"kopa-table\" data-table=\"cost_effectiveness\">\n<caption>" +
                    escape_html(analysis::cost_title(comparison)) + "</caption>\n" +
                    "<tr><th>scenario</th><th>per sustained enterprise</th><th>" + confidence +
                    "</th><th>per job</th><th>" + confidence + "</th></tr>\n";
  for (const auto& scenario : comparison.scenarios) {
    if (scenario.is_baseline) continue;
    out += "<tr data-scenario=\"" + escape_html(scenario.name) + "\"><th>" +
           escape_html(scenario.name) + "</th>";
    for (const analysis::CostEffectiveness& cost : scenario.cost) {
      const std::string outcome = " data-outcome=\"" + escape_html(cost.outcome) + "\"";
      if (!cost.ratio) {
        notes.add(cost.ratio.error().message);
        out += "<td class=\"num\"" + outcome + ">n/a</td><td></td>";
        continue;
      }
      const stats::RatioInterval& r = *cost.ratio;
      out += "<td class=\"num\"" + outcome + ">" +
             number("estimate", r.estimate, analysis::compact(r.estimate)) +
             "</td><td class=\"num\"" + outcome + ">" +
             interval("ci_low", r.ci_low, "ci_high", r.ci_high) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

}  // namespace

std::string comparison_tables(const analysis::Comparison& comparison) {
  analysis::Notes notes;
  std::string out;
  for (const std::string& line : analysis::preamble(comparison))
    out += paragraph(line, "kopa-notes");
  for (std::size_t m = 0; m < comparison.metrics.size(); ++m) {
    out += metric_table(comparison, m, notes);
  }
  if (comparison.cost_effectiveness) out += cost_table(comparison, notes);
  out += paragraph(analysis::how_to_read(comparison), "kopa-notes");
  if (!notes.lines.empty()) {
    out += "<ul class=\"kopa-notes\">\n";
    for (const std::string& line : notes.lines) out += "<li>n/a: " + escape_html(line) + "</li>\n";
    out += "</ul>\n";
  }
  return out;
}

}  // namespace kopa::report
