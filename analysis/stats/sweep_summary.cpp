#include "stats/sweep_summary.hpp"

#include <limits>
#include <numeric>

#include "stats/format_values.hpp"
#include "stats/quantile.hpp"
#include "stats/text_grid.hpp"

namespace kopa::analysis {
namespace {

constexpr std::size_t table_width = 100;

std::string header_line(const SweepSummary& s) {
  std::string line = s.metric;
  if (!s.label.empty()) line += " [" + s.label + "]";
  line += s.accumulation == Accumulation::stock
              ? " at month " + std::to_string(s.month)
              : " summed over months 0.." + std::to_string(s.month);
  line += ": mean and 90% interval (p05-p95) over finished replicates";
  if (s.interrupted) line += " (interrupted sweep: some points have fewer replicates)";
  return line + "\n";
}

TextGrid grid_of(const SweepSummary& s) {
  TextGrid grid;
  grid.header.push_back("point");
  for (const auto& path : s.factor_paths) grid.header.push_back(path);
  for (const char* h : {"n", "mean", "p05", "p95"}) grid.header.push_back(h);
  for (const auto& p : s.points) {
    std::vector<std::string> row{std::to_string(p.point)};
    for (const double f : p.factors) row.push_back(compact(f));
    row.push_back(std::to_string(p.n));
    for (const double x : {p.mean, p.p05, p.p95}) row.push_back(compact(x));
    grid.rows.push_back(std::move(row));
  }
  return grid;
}

std::string csv_of(const SweepSummary& s) {
  std::string text = "point";
  for (const auto& path : s.factor_paths) text += "," + csv_field(path);
  text += ",metric,label,accumulation,month,interrupted,n,mean,p05,p95\n";
  for (const auto& p : s.points) {
    text += std::to_string(p.point);
    for (const double f : p.factors) text += "," + csv_number(f);
    text += "," + csv_field(s.metric) + "," + csv_field(s.label) + "," +
            (s.accumulation == Accumulation::stock ? "stock" : "flow") + "," +
            std::to_string(s.month) + "," + (s.interrupted ? "true" : "false") + "," +
            std::to_string(p.n) + "," + csv_number(p.mean) + "," + csv_number(p.p05) + "," +
            csv_number(p.p95) + "\n";
  }
  return text;
}

std::string json_of(const SweepSummary& s) {
  std::string text = "{\"metric\": " + json_string(s.metric) +
                     ", \"label\": " + json_string(s.label) + ", \"accumulation\": " +
                     json_string(s.accumulation == Accumulation::stock ? "stock" : "flow") +
                     ", \"month\": " + std::to_string(s.month) +
                     ", \"interrupted\": " + (s.interrupted ? "true" : "false") +
                     ", \"interval\": [0.05, 0.95], \"factors\": [";
  for (std::size_t j = 0; j < s.factor_paths.size(); ++j) {
    text += (j ? ", " : "") + json_string(s.factor_paths[j]);
  }
  text += "], \"points\": [";
  for (std::size_t i = 0; i < s.points.size(); ++i) {
    const auto& p = s.points[i];
    text += std::string(i ? ",\n  " : "\n  ") + "{\"point\": " + std::to_string(p.point) +
            ", \"factors\": " + json_numbers(p.factors) + ", \"n\": " + std::to_string(p.n) +
            ", \"mean\": " + json_number(p.mean) + ", \"p05\": " + json_number(p.p05) +
            ", \"p95\": " + json_number(p.p95) + "}";
  }
  return text + "\n]}\n";
}

}  // namespace

Expected<SweepSummary> summarize_sweep(const SweepSummaryInput& in, int month,
                                       std::optional<std::size_t> label, std::string label_name) {
  const std::size_t points = in.points.size();
  if (in.values.size() != points * in.replicates * in.months * in.width ||
      in.done.size() != points * in.replicates) {
    return Error{"sweep summary of '" + in.metric + "': sizes do not match the design"};
  }
  if (month < 0 || static_cast<std::size_t>(month) >= in.months) {
    return Error{"month " + std::to_string(month) + " is outside the sweep's months 0.." +
                 std::to_string(static_cast<long long>(in.months) - 1)};
  }
  if (label && *label >= in.width) {
    return Error{"label " + std::to_string(*label) + " is outside the metric's " +
                 std::to_string(in.width) + " labels"};
  }
  SweepSummary out;
  out.metric = in.metric;
  out.month = month;
  out.accumulation = in.accumulation;
  out.label = std::move(label_name);
  out.interrupted = in.interrupted;
  out.factor_paths = in.factor_paths;
  const auto m_end = static_cast<std::size_t>(month) + 1;
  const std::size_t m_begin = in.accumulation == Accumulation::stock ? m_end - 1 : 0;
  const std::size_t l_begin = label ? *label : 0;
  const std::size_t l_end = label ? *label + 1 : in.width;
  for (std::size_t p = 0; p < points; ++p) {
    std::vector<double> sample;
    for (std::size_t r = 0; r < in.replicates; ++r) {
      if (in.done[p * in.replicates + r] == 0) continue;
      double value = 0;
      for (std::size_t m = m_begin; m < m_end; ++m) {
        for (std::size_t l = l_begin; l < l_end; ++l) {
          value += in.values[((p * in.replicates + r) * in.months + m) * in.width + l];
        }
      }
      sample.push_back(value);
    }
    SweepPointSummary summary;
    summary.point = p;
    summary.factors = in.points[p];
    summary.n = sample.size();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    summary.mean = sample.empty() ? nan
                                  : std::accumulate(sample.begin(), sample.end(), 0.0) /
                                        static_cast<double>(sample.size());
    const auto sorted = stats::sorted_copy(sample);
    summary.p05 = stats::quantile_sorted(sorted, 0.05);
    summary.p95 = stats::quantile_sorted(sorted, 0.95);
    out.points.push_back(std::move(summary));
  }
  return out;
}

std::string format_sweep_summary(const SweepSummary& summary, Format format) {
  switch (format) {
    case Format::table:
      return header_line(summary) + render_aligned(grid_of(summary), table_width);
    case Format::markdown:
      return header_line(summary) + "\n" + render_markdown(grid_of(summary));
    case Format::csv:
      return csv_of(summary);
    case Format::json:
      return json_of(summary);
  }
  return {};
}

}  // namespace kopa::analysis
