#pragma once
// One metric of a sweep, summarised per design point: the mean and the 90 % interval (5th to
// 95th percentile, numpy's "linear") over the point's finished replicates, at one month. Plain
// data in, so `kopa compare` can feed it from io::SweepReader (read_sweep + read_metric).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/metrics.hpp"  // Accumulation (header-only use)
#include "stats/format.hpp"
#include "util/expected.hpp"

namespace kopa::analysis {

struct SweepSummaryInput {
  std::string metric;
  Accumulation accumulation = Accumulation::stock;
  std::vector<std::string> factor_paths;
  std::vector<std::vector<double>> points;  // [point][factor]
  std::size_t replicates = 0;
  std::size_t months = 0;
  std::size_t width = 1;           // labels of a breakdown metric; 1 for a total
  std::vector<double> values;      // [point][replicate][month][label], flat
  std::vector<std::uint8_t> done;  // [point][replicate]; 1 = finished
  bool interrupted = false;
};

struct SweepPointSummary {
  std::size_t point = 0;
  std::vector<double> factors;  // the point's factor values
  std::size_t n = 0;            // finished replicates
  double mean = 0;              // NaN when n = 0
  double p05 = 0;
  double p95 = 0;
};

struct SweepSummary {
  std::string metric;
  int month = 0;
  Accumulation accumulation = Accumulation::stock;
  std::string label;  // the label summarised, "" for a total or all labels summed
  bool interrupted = false;
  std::vector<std::string> factor_paths;
  std::vector<SweepPointSummary> points;
};

// Per replicate the value at `month`: a stock read at the month, a flow summed over months
// 0..month. `label` picks one label of a breakdown metric; nullopt sums over all labels.
// Errors: month outside [0, months), label outside [0, width), inconsistent sizes.
Expected<SweepSummary> summarize_sweep(const SweepSummaryInput& input, int month,
                                       std::optional<std::size_t> label = std::nullopt,
                                       std::string label_name = "");

// table (aligned, for a terminal), markdown, csv (every number at full precision) or json.
std::string format_sweep_summary(const SweepSummary& summary, Format format);

}  // namespace kopa::analysis
