#include "model/metrics.hpp"
#include "report/charts.hpp"
#include "report/page_parts.hpp"
#include "report/pages.hpp"
#include "report/results_input.hpp"
#include "stats/format_values.hpp"

namespace kopa::report {
namespace {

std::vector<SweepFactor> sweep_factors(const io::SweepHeader& header) {
  std::vector<SweepFactor> factors;
  for (const io::SweepFactorHeader& factor : header.factors) {
    factors.push_back({factor.path, factor.units, factor.kind == "log range"});
  }
  return factors;
}

std::string lead(const io::SweepContents& contents) {
  const io::SweepHeader& h = contents.header;
  std::size_t finished = 0;
  for (const std::uint8_t done : contents.done) finished += done;
  std::string factors;
  for (const auto& factor : h.factors) factors += (factors.empty() ? "" : ", ") + factor.path;
  return "A " + h.design + " design: " + std::to_string(contents.points()) + " points x " +
         std::to_string(h.replicates) + " replicates (" + std::to_string(finished) +
         " runs finished), months 0-" + std::to_string(h.months - 1) + "; factors: " + factors +
         ".";
}

// Per design point: the factor values, then per metric the mean and 5-95 % band.
std::string point_table(const io::SweepContents& contents,
                        const std::vector<analysis::SweepSummary>& summaries) {
  std::string out = "<table class=\"kopa-table\" data-table=\"points\">\n<tr><th>point</th>";
  for (const auto& factor : contents.header.factors)
    out += "<th>" + escape_html(factor.path) + "</th>";
  out += "<th>n</th>";
  for (const auto& summary : summaries) out += "<th>" + escape_html(summary.metric) + "</th>";
  out += "</tr>\n";
  for (std::size_t p = 0; p < contents.points(); ++p) {
    out += "<tr><td class=\"num\">" + std::to_string(p) + "</td>";
    for (const double value : contents.header.points[p]) {
      out += "<td class=\"num\">" + escape_html(analysis::compact(value)) + "</td>";
    }
    out += "<td class=\"num\">" +
           (summaries.empty() ? std::string() : std::to_string(summaries.front().points[p].n)) +
           "</td>";
    for (const auto& summary : summaries) {
      const analysis::SweepPointSummary& s = summary.points[p];
      out +=
          "<td class=\"num\">" +
          escape_html(analysis::compact(s.mean) + " " + analysis::compact_interval(s.p05, s.p95)) +
          "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string provenance(const io::SweepContents& contents, const std::string& command_line) {
  const io::SweepHeader& h = contents.header;
  std::string out =
      fact_list(file_facts({contents.path.string(), "kopa-sweep " + contents.format_version,
                            contents.kopa_version, contents.git_commit, contents.created_utc,
                            contents.command_line, std::string(io::to_string(contents.status))},
                           command_line));
  out += fact_list({{"design", h.design},
                    {"design seed", std::to_string(h.design_seed)},
                    {"base seed", std::to_string(h.base_seed)},
                    {"sweep SHA-256", contents.sweep_sha256}});
  std::string factors;
  for (const auto& f : h.factors) {
    factors += f.path + " [" + f.units + "] " + f.kind + "\n";
  }
  out += collapsible_text("factors (path [units] kind)", factors);
  out += collapsible_text("replicate seeds", seed_list(h.replicate_seeds));
  out += collapsible_text("sweep file (TOML)", h.sweep_toml);
  out += collapsible_text("resolved base scenario (TOML)", h.base_scenario_toml);
  return out;
}

// The warnings and notes kopa analyse gave for each metric, and why a metric has no result.
template <class Report>
std::string analysis_notes(const std::vector<Report>& reports) {
  std::string items;
  for (const Report& report : reports) {
    const std::string& metric = report.output.metric.name;
    if (!report.undefined.empty())
      items += "<li>" + escape_html(metric + ": no result: " + report.undefined) + "</li>\n";
    for (const std::string& line : report.warnings) {
      items += "<li>" + escape_html(metric + ": warning: " + line) + "</li>\n";
    }
    for (const std::string& line : report.notes) {
      items += "<li>" + escape_html(metric + ": note: " + line) + "</li>\n";
    }
  }
  return items.empty() ? "" : "<ul class=\"kopa-notes\">\n" + items + "</ul>\n";
}

void add_sensitivity(Page& page, const Sensitivity& sensitivity, const std::string& name) {
  page.html(section_heading("sensitivity", "Sensitivity (kopa analyse)"));
  if (!sensitivity.report) {
    page.html(paragraph("kopa analyse found no indices: " + sensitivity.error, "kopa-notes"));
    return;
  }
  const analysis::AnalysisReport& report = *sensitivity.report;
  const auto chart =
      report.method == "sobol" ? sobol_chart(report.sobol) : morris_chart(report.morris);
  if (chart) page.chart(*chart);
  page.html(report.method == "sobol" ? analysis_notes(report.sobol)
                                     : analysis_notes(report.morris));
  page.html(paragraph("kopa analyse " + name +
                          " prints the same indices (--format json or csv for "
                          "every number).",
                      "kopa-notes"));
}

}  // namespace

Expected<Page> sweep_page(const io::SweepReader& reader, const PageOptions& options,
                          const Sensitivity* sensitivity) {
  const io::SweepContents& file = reader.contents();
  const std::vector<SweepFactor> factors = sweep_factors(file.header);
  std::vector<analysis::SweepSummary> summaries;
  std::vector<Chart> charts;
  for (const std::string& name : sweep_headline_metrics()) {
    auto metric = reader.read_metric(name);
    if (!metric) return metric.error();
    auto summary = analysis::summarize_sweep(sweep_summary_input(file, *metric),
                                             static_cast<int>(metric->months) - 1);
    if (!summary) return summary.error();
    const MetricSpec& spec = metric_catalog()[static_cast<std::size_t>(find_metric(name))];
    charts.push_back(sweep_factor_chart(*summary, factors, std::string(spec.units)));
    summaries.push_back(std::move(*summary));
  }

  const std::string name = file.path.filename().string();
  Page page("kopa report: " + name);
  page.html("<h1>kopa report: " + escape_html(name) + " (sweep)</h1>\n");
  page.html(paragraph(lead(file), "kopa-lead"));
  if (file.status == io::RunStatus::interrupted) {
    page.html(
        warning("This sweep was interrupted: points show their finished replicates only "
                "(n in the table); points with none are left out of the charts."));
  }
  std::vector<Fact> sections{{"by-factor", "Outcomes by factor"}};
  if (sensitivity != nullptr) sections.push_back({"sensitivity", "Sensitivity (kopa analyse)"});
  sections.push_back({"points", "Design points"});
  sections.push_back({"provenance", "Provenance"});
  page.html(contents(sections));
  page.html(section_heading("by-factor", "Outcomes by factor"));
  for (const Chart& chart : charts) page.chart(chart);
  if (sensitivity != nullptr) add_sensitivity(page, *sensitivity, name);
  page.html(section_heading("points", "Design points"));
  page.html(
      paragraph("Mean and [5 %, 95 %] over each point's finished replicates, stocks at "
                "the last month, flows summed over all months (kopa compare " +
                    name + " prints the same per metric).",
                "kopa-notes"));
  page.html("<details><summary>all " + std::to_string(file.points()) + " points</summary>\n" +
            point_table(file, summaries) + "</details>\n");
  page.html(section_heading("provenance", "Provenance"));
  page.html(provenance(file, options.command_line));
  return page;
}

}  // namespace kopa::report
