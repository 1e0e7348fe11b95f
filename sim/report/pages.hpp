#pragma once
// The pages `kopa report` writes: one for a results file (kopa run), one for a sweep file
// (kopa sweep). Each holds its charts, tables and provenance; Page::document() is the HTML.
#include <optional>
#include <string>

#include "io/results_reader.hpp"
#include "io/sweep_reader.hpp"
#include "report/page.hpp"
#include "stats/sensitivity_report.hpp"
#include "util/expected.hpp"

namespace kopa::report {

struct PageOptions {
  std::optional<std::string> baseline;  // as kopa compare --baseline (default: "baseline")
  std::string command_line;             // the command that drew the page, for the provenance
};

// Fan charts of the headline metrics, the paired differences, cost-effectiveness, the compare
// table (the same numbers as `kopa compare --format json`), breakdowns by group and region at
// the compared month, and the provenance. Errors: an unknown baseline, unreadable data.
Expected<Page> results_page(const io::ResultsReader& reader, const PageOptions& options);

// What `kopa analyse` found for a Sobol' or Morris sweep (the command line runs it: see
// cli/analyse_sweep.hpp), or why it found nothing.
struct Sensitivity {
  std::optional<analysis::AnalysisReport> report;
  std::string error;  // when there is no report
};

// Per headline metric, the design points against each factor with their marginal trend; with
// `sensitivity`, its indices as bar charts with intervals and its warnings; the per-point
// summaries and the provenance. `options.baseline` does not apply.
Expected<Page> sweep_page(const io::SweepReader& reader, const PageOptions& options,
                          const Sensitivity* sensitivity = nullptr);

}  // namespace kopa::report
