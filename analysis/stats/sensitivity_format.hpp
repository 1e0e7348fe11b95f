#pragma once
// `kopa analyse` output. Layouts: docs/analyse.md.
#include <string>

#include "stats/format.hpp"
#include "stats/sensitivity_report.hpp"
#include "util/expected.hpp"

namespace kopa::analysis {

// For a terminal: one block per metric (PRIM: the trajectory, then the chosen box), then its
// warnings and notes. No line is wider than 100 columns, however many factors or however long
// their paths (a long path is wrapped at its dots).
std::string format_analysis_table(const AnalysisReport& report);
// Sobol: one row per metric and factor; Morris: the same; PRIM: one row per trajectory step and
// factor. Every number at full precision; empty fields where a value is not defined.
std::string format_analysis_csv(const AnalysisReport& report);
// One object: the sweep, design and method, and one entry per analysis with every number at
// full precision (NaN as null), its warnings and notes.
std::string format_analysis_json(const AnalysisReport& report);

// table, csv or json; markdown is an error.
Expected<std::string> format_analysis(const AnalysisReport& report, Format format);

}  // namespace kopa::analysis
