#pragma once
// `kopa export`: a results or sweep file as one long ("tidy") CSV table, one row per value, that
// pandas (read_csv), R (read.csv) and spreadsheets read directly (docs/export.md).
//   results file: scenario,replicate,month,metric,label,value
//   sweep file:   point,<one column per factor>,replicate,month,metric,label,value
// Only finished replicates; `label` is the breakdown label (group, region, funder, ...) and empty
// for a total; a value is the shortest text that reads back as the same double, NaN is empty.
#include <ostream>
#include <string>
#include <vector>

#include "io/results_reader.hpp"
#include "io/sweep_reader.hpp"
#include "util/expected.hpp"

namespace kopa::io {

// `metrics` empty: every metric in the file, in file order; otherwise these, in this order. An
// unknown or absent one is an error that lists the file's metrics; the check_ functions find it
// before anything is written (bad input), the write_ functions refuse it too.
Status check_results_metrics(const ResultsReader& reader, const std::vector<std::string>& metrics);
Status check_sweep_metrics(const SweepReader& reader, const std::vector<std::string>& metrics);

Status write_results_csv(const ResultsReader& reader, const std::vector<std::string>& metrics,
                         std::ostream& out);
Status write_sweep_csv(const SweepReader& reader, const std::vector<std::string>& metrics,
                       std::ostream& out);

}  // namespace kopa::io
