#pragma once
// The cohort-survival datasets of results and sweep files: [.., replicate, year] with year 1..5
// (docs/output-format.md). One place for their names, units and long names.
#include <array>
#include <span>
#include <string_view>

#include "model/metrics.hpp"

namespace kopa::io {

struct CohortDataset {
  std::string_view name;
  std::string_view units;
  std::string_view long_name;
  // The dataset's values for one run, year 1 first.
  std::array<double, survival_years> (*row)(const CohortSurvival& survival);
};

// `survival` (the share still operating), then `survival_cohort` (the start-ups it is a share of).
std::span<const CohortDataset> cohort_datasets();

inline constexpr std::string_view survival_dataset = "survival";
inline constexpr std::string_view survival_cohort_dataset = "survival_cohort";

}  // namespace kopa::io
