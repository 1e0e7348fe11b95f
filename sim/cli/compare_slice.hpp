#pragma once
#include <string>
#include <vector>

#include "io/results_reader.hpp"
#include "model/metrics.hpp"
#include "stats/comparison_input.hpp"
#include "util/expected.hpp"

// `kopa compare --region NAME` / `--group NAME`: the metrics broken down by region (or group),
// read for one label, as a comparison input the same paired statistics apply to.
namespace kopa {

struct CompareSlice {
  Breakdown breakdown = Breakdown::region;  // region or group
  std::string label;                        // "latgale", "youth"
};

// The by-<breakdown> metrics to compare: `asked` (each "founders_startup" or
// "founders_startup_by_region"), or, when empty, every such metric the file holds. Errors name
// unknown metrics and labels with suggestions.
Expected<std::vector<std::string>> slice_metrics(const io::ResultsFile& file,
                                                 const CompareSlice& slice,
                                                 const std::vector<std::string>& asked);

// Every scenario's finished replicates of `metrics` at the slice's label; each series is named
// "<metric>[<label>]" (slice_series_name).
Expected<analysis::ComparisonInput> read_slice(const io::ResultsReader& reader,
                                               const CompareSlice& slice,
                                               const std::vector<std::string>& metrics);

std::string slice_series_name(const std::string& metric, const CompareSlice& slice);

}  // namespace kopa
