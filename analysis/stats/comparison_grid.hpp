#pragma once
#include <string>
#include <vector>

#include "stats/comparison.hpp"
#include "stats/text_grid.hpp"

namespace kopa::analysis {

// The cells that the table and Markdown formats share, so both say the same thing.

// What the cells cannot say themselves, each once (the same reason often holds for every
// metric): why a cell reads "n/a", values left out because they are 0/0, what a dominance label
// means.
struct Notes {
  std::vector<std::string> lines;
  void add(const std::string& line);
};

// "founders_sustained: self-sufficient social enterprises [founders; stock at month 119]"
std::string metric_title(const Comparison& comparison, std::size_t metric);

// One row per scenario: mean, median, 5-95 %, then against the baseline: mean difference, its
// interval, '*' when that excludes zero, relative change, share of replicates above.
TextGrid metric_grid(const Comparison& comparison, std::size_t metric, Notes& notes);

// One row per non-baseline scenario: cost per additional sustained enterprise and per job, each
// with its bootstrap interval.
TextGrid cost_grid(const Comparison& comparison, Notes& notes);
std::string cost_title(const Comparison& comparison);

// The lines above the tables: baseline, month, replicates, interrupted.
std::vector<std::string> preamble(const Comparison& comparison);

// The closing line on how to read the tables (at most 100 characters).
std::string how_to_read(const Comparison& comparison);

}  // namespace kopa::analysis
