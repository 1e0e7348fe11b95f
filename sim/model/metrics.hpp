#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kopa {

// The label dimension a metric is broken down by; `total` has none. The output file names a
// breakdown metric `<name>` ending in `_by_<dimension>` and attaches that dimension's scale.
enum class Breakdown : std::uint8_t { total, group, region, funder, partner_kind, lever };
inline constexpr std::size_t breakdown_count = 6;

std::string_view dimension_name(Breakdown breakdown);  // "group", "region", ...

// Stocks are read at a month; flows are summed over months (kopa compare needs to know which).
enum class Accumulation : std::uint8_t { stock, flow };
std::string_view accumulation_name(Accumulation accumulation);  // "stock", "flow"

struct MetricSpec {
  std::string_view name;
  Breakdown breakdown;
  Accumulation accumulation;
  std::string_view units;
  std::string_view long_name;
};

// Every metric the observer records, in output order. Metric ids index this array.
enum class Metric : std::uint16_t {
  founders_latent,
  founders_idea,
  founders_micro_project,
  founders_startup,
  founders_sustained,
  founders_lasting_platform,
  founders_lasting_civic,
  founders_lasting_ngo,
  founders_dormant,
  founders_closed,
  founders_supported,
  new_ideas,
  new_micro_projects,
  new_startups,
  new_sustained,
  new_lasting_other,
  closures,
  dormancies,
  new_supported,
  support_wait_months,
  applications,
  awards,
  money_awarded,
  money_awarded_disadvantaged,
  collaborations,
  cross_region_ties,
  jobs_disadvantaged,
  people_served,
  public_cost,
  mean_business_skill,
  mean_admin_capacity,
  mean_awareness,
  inclusion_ratio,
  population_by_group,
  founders_startup_by_group,
  founders_sustained_by_group,
  new_startups_by_group,
  applications_by_group,
  awards_by_group,
  money_awarded_by_group,
  mean_business_skill_by_group,
  mean_admin_capacity_by_group,
  population_by_region,
  founders_supported_by_region,
  founders_startup_by_region,
  founders_sustained_by_region,
  new_micro_projects_by_region,
  applications_by_funder,
  awards_by_funder,
  money_awarded_by_funder,
  collaborations_by_partner_kind,
  public_cost_by_lever,
  count_  // not a metric
};
inline constexpr std::size_t metric_count = static_cast<std::size_t>(Metric::count_);

std::span<const MetricSpec> metric_catalog();
const MetricSpec& metric_spec(Metric metric);
// Index into the catalog by name, or -1.
int find_metric(std::string_view name);

// The labels of each breakdown dimension for one scenario (group names, region names, ...).
struct DimensionLabels {
  std::array<std::vector<std::string>, breakdown_count> labels;  // index: Breakdown; total: {}
  std::size_t width(Breakdown breakdown) const;                  // 1 for total
};

// Cohort survival over a run (dataset `survival`, docs/output-format.md). For k = 1..5 years:
// `launched[k-1]` counts the start-ups launched in the run whose k-th anniversary falls within
// the horizon (people in real units), `operating[k-1]` those of them still operating (start-up
// or sustained, any form) at that anniversary. Kept as the two sums, not their ratio, so runs
// compare exactly and ensembles can pool them.
inline constexpr std::size_t survival_years = 5;
struct CohortSurvival {
  std::array<double, survival_years> launched{};
  std::array<double, survival_years> operating{};

  // operating / launched for year k (1-based); NaN when no start-up reached that anniversary.
  double share(std::size_t year) const;
  bool operator==(const CohortSurvival&) const = default;
};

// One run's time series: for each metric, months x width values, month-major; and its cohort
// survival. Plain value: copyable, comparable, no pointers into run state.
struct RunSeries {
  int months = 0;
  std::array<std::uint32_t, breakdown_count> widths{};  // index: Breakdown
  std::vector<std::vector<double>> values;              // index: Metric
  CohortSurvival survival;

  RunSeries() = default;
  RunSeries(int months, const DimensionLabels& labels);

  std::size_t width(Metric metric) const;
  double& at(Metric metric, int month, std::size_t label = 0);
  double at(Metric metric, int month, std::size_t label = 0) const;
  bool operator==(const RunSeries&) const = default;
};

}  // namespace kopa
