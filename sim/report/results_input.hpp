#pragma once
// What kopa's statistics read from kopa's files: a results file's totals as analysis'
// ComparisonInput (for `kopa compare`, `kopa report` and, later, the workshop page), the labels
// of a breakdown metric as series of their own, and one metric of a sweep per design point.
#include <string>
#include <vector>

#include "io/results_reader.hpp"
#include "io/sweep_reader.hpp"
#include "stats/comparison_input.hpp"
#include "stats/sweep_summary.hpp"
#include "util/expected.hpp"

namespace kopa::report {

// The datasets that the asked-for metrics (empty: the headline set) and the cost-effectiveness
// ratios read; the money share reads its two parts. Cohort survival (survival_<k>y) is no
// metric dataset: comparison_survival picks it out.
std::vector<std::string> comparison_datasets(const std::vector<std::string>& asked);

// The survival_<k>y names among `asked`.
std::vector<std::string> comparison_survival(const std::vector<std::string>& asked);

// survival_1y .. survival_5y when every scenario of the file holds the cohort survival dataset
// (a format 1.0 file does not), else none.
std::vector<std::string> survival_metrics(const io::ResultsFile& file);

// The named total datasets of every scenario, finished replicates only (paired by number), and
// the named survival_<k>y values per run (year k of the `survival` dataset).
Expected<analysis::ComparisonInput> read_comparison_input(
    const io::ResultsReader& reader, const std::vector<std::string>& datasets,
    const std::vector<std::string>& survival = {});

// One breakdown metric (e.g. founders_sustained_by_region): each scenario's series per label,
// as if every label were a metric named after it. Finished replicates only. Scenarios may have
// different labels (region presets differ); each keeps its own.
Expected<analysis::ComparisonInput> read_breakdown_input(const io::ResultsReader& reader,
                                                         const std::string& metric);

// The headline metrics a sweep is summarised by: those of kopa compare that are single datasets
// (the money share is a ratio of two).
std::vector<std::string> sweep_headline_metrics();

// One total metric of a sweep, as kopa compare summarises it per design point.
analysis::SweepSummaryInput sweep_summary_input(const io::SweepContents& contents,
                                                const io::SweepMetric& metric);

}  // namespace kopa::report
