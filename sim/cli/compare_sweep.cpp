#include "cli/compare_sweep.hpp"

#include "io/kopa_file.hpp"
#include "io/results_format.hpp"
#include "io/sweep_reader.hpp"
#include "model/metrics.hpp"
#include "report/results_input.hpp"
#include "stats/sweep_summary.hpp"
#include "util/suggest.hpp"

namespace kopa {

bool is_sweep_file(const std::filesystem::path& file) {
  const auto format = io::read_file_format(file);
  return format && *format == io::sweep_format_name;
}

Expected<std::string> compare_sweep(const std::filesystem::path& file,
                                    const std::vector<std::string>& metrics,
                                    std::optional<int> month, analysis::Format format) {
  auto reader = io::SweepReader::open(file);
  if (!reader) return reader.error();
  const io::SweepContents& contents = reader->contents();
  const std::vector<std::string> names =
      metrics.empty() ? report::sweep_headline_metrics() : metrics;
  std::string text;
  for (const std::string& name : names) {
    const int index = find_metric(name);
    if (index < 0 ||
        metric_catalog()[static_cast<std::size_t>(index)].breakdown != Breakdown::total) {
      std::vector<std::string> totals;
      for (const auto& spec : metric_catalog()) {
        if (spec.breakdown == Breakdown::total) totals.emplace_back(spec.name);
      }
      return Error{"unknown metric '" + name + "' for a sweep" + did_you_mean(name, totals) +
                   "; a sweep compares totals only"};
    }
    auto metric = reader->read_metric(name);
    if (!metric) return metric.error();
    const int at = month.value_or(static_cast<int>(metric->months) - 1);
    auto summary = analysis::summarize_sweep(report::sweep_summary_input(contents, *metric), at);
    if (!summary) return summary.error();
    text += analysis::format_sweep_summary(*summary, format);
    if (format == analysis::Format::table || format == analysis::Format::markdown) text += "\n";
  }
  return text;
}

}  // namespace kopa
