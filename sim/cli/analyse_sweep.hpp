#pragma once
// `kopa analyse`: reads a sweep file (io::SweepReader), makes each design point's output (the
// per-run total of `kopa compare`, averaged over the point's finished replicates) and runs the
// method on it (analysis/stats). Every input problem is an error naming what to change.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stats/sensitivity_report.hpp"
#include "util/expected.hpp"

namespace kopa {

struct AnalyseRequest {
  std::filesystem::path sweep;
  std::vector<std::string> metrics;   // empty: the headline metrics of kopa compare
  std::optional<std::string> method;  // "sobol", "morris", "prim"; default: the sweep's design
  std::vector<std::string> prim;      // PRIM conditions as given, "METRIC >= X" or "METRIC <= X"
  std::optional<std::size_t> prim_box;
  std::optional<int> month;  // default: the last month
};

Expected<analysis::AnalysisReport> analyse_sweep(const AnalyseRequest& request);

// "founders_sustained >= 300", "public_cost<=2e6": a metric name, >= or <=, a finite number.
Expected<analysis::PrimCondition> parse_prim_condition(std::string_view text);

}  // namespace kopa
