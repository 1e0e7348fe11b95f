#include "io/cohort_datasets.hpp"

namespace kopa::io {
namespace {

std::array<double, survival_years> shares(const CohortSurvival& survival) {
  std::array<double, survival_years> row{};
  for (std::size_t k = 1; k <= survival_years; ++k) row[k - 1] = survival.share(k);
  return row;
}

std::array<double, survival_years> cohorts(const CohortSurvival& survival) {
  return survival.launched;
}

constexpr std::array<CohortDataset, 2> datasets{{
    {survival_dataset, "1",
     "share of the start-ups launched in the run still operating (start-up or sustained, any "
     "form) k years after launch, over those whose k-th anniversary falls within the horizon",
     shares},
    {survival_cohort_dataset, "initiatives",
     "start-ups launched in the run whose k-th anniversary falls within the horizon (the "
     "denominator of survival)",
     cohorts},
}};

}  // namespace

std::span<const CohortDataset> cohort_datasets() {
  return datasets;
}

}  // namespace kopa::io
