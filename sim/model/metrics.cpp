#include "model/metrics.hpp"

#include <cassert>
#include <limits>

namespace kopa {
namespace {

using B = Breakdown;
using A = Accumulation;

// Order must match enum class Metric (checked by a test).
constexpr std::array<MetricSpec, metric_count> catalog{{
    {"founders_latent", B::total, A::stock, "founders", "founders with no idea yet"},
    {"founders_idea", B::total, A::stock, "founders", "founders with an idea"},
    {"founders_micro_project", B::total, A::stock, "founders",
     "founders in a co-creation micro-project"},
    {"founders_startup", B::total, A::stock, "founders", "operating social start-ups"},
    {"founders_sustained", B::total, A::stock, "founders",
     "self-sufficient social enterprises (enterprise form only)"},
    {"founders_lasting_platform", B::total, A::stock, "founders",
     "self-sufficient communication / information platforms"},
    {"founders_lasting_civic", B::total, A::stock, "founders",
     "self-sufficient social and civic organisations"},
    {"founders_lasting_ngo", B::total, A::stock, "founders", "self-sufficient NGOs"},
    {"founders_dormant", B::total, A::stock, "founders", "founders who gave up (may return)"},
    {"founders_closed", B::total, A::stock, "founders", "start-ups closed"},
    {"founders_supported", B::total, A::stock, "founders", "founders on an advocate's caseload"},
    {"new_ideas", B::total, A::flow, "founders/month", "latent founders forming an idea"},
    {"new_micro_projects", B::total, A::flow, "founders/month", "ideas becoming micro-projects"},
    {"new_startups", B::total, A::flow, "founders/month", "micro-projects starting to operate"},
    {"new_sustained", B::total, A::flow, "founders/month",
     "start-ups becoming self-sufficient social enterprises"},
    {"new_lasting_other", B::total, A::flow, "founders/month",
     "start-ups becoming self-sufficient platforms, civic organisations or NGOs"},
    {"closures", B::total, A::flow, "founders/month", "start-ups closing"},
    {"dormancies", B::total, A::flow, "founders/month", "founders giving up (dormant)"},
    {"new_supported", B::total, A::flow, "founders/month",
     "founders newly taken on by an advocate"},
    {"support_wait_months", B::total, A::flow, "months",
     "months from idea to first support, summed over founders newly supported"},
    {"applications", B::total, A::flow, "applications/month", "applications to funders' calls"},
    {"awards", B::total, A::flow, "awards/month", "awards made"},
    {"money_awarded", B::total, A::flow, "EUR/month", "money awarded"},
    {"money_awarded_disadvantaged", B::total, A::flow, "EUR/month",
     "money awarded to founders of disadvantaged groups"},
    {"collaborations", B::total, A::stock, "ties", "collaborations formed so far (cumulative)"},
    {"cross_region_ties", B::total, A::stock, "ties",
     "founder-founder ties across regions formed so far (cumulative)"},
    {"jobs_disadvantaged", B::total, A::stock, "jobs",
     "jobs for disadvantaged people in operating and lasting initiatives"},
    {"people_served", B::total, A::stock, "people",
     "people served by operating and lasting initiatives"},
    {"public_cost", B::total, A::flow, "EUR/month",
     "public cost of the levers (seed fund awards and administration included)"},
    {"mean_business_skill", B::total, A::stock, "1", "mean business skill (0-1)"},
    {"mean_admin_capacity", B::total, A::stock, "1",
     "mean administrative / project-management capacity (0-1)"},
    {"mean_awareness", B::total, A::stock, "1", "mean awareness of support schemes (0-1)"},
    {"inclusion_ratio", B::total, A::stock, "1",
     "share of disadvantaged founders running an initiative over the same share for mainstream"},
    {"population_by_group", B::group, A::stock, "founders", "founder agents by group"},
    {"founders_startup_by_group", B::group, A::stock, "founders", "operating start-ups by group"},
    {"founders_sustained_by_group", B::group, A::stock, "founders",
     "self-sufficient social enterprises by group"},
    {"new_startups_by_group", B::group, A::flow, "founders/month", "new start-ups by group"},
    {"applications_by_group", B::group, A::flow, "applications/month", "applications by group"},
    {"awards_by_group", B::group, A::flow, "awards/month", "awards by group"},
    {"money_awarded_by_group", B::group, A::flow, "EUR/month", "money awarded by group"},
    {"mean_business_skill_by_group", B::group, A::stock, "1", "mean business skill by group"},
    {"mean_admin_capacity_by_group", B::group, A::stock, "1",
     "mean administrative capacity by group"},
    {"population_by_region", B::region, A::stock, "founders", "founder agents by region"},
    {"founders_supported_by_region", B::region, A::stock, "founders",
     "founders on an advocate's caseload by region"},
    {"founders_startup_by_region", B::region, A::stock, "founders",
     "operating start-ups by region"},
    {"founders_sustained_by_region", B::region, A::stock, "founders",
     "self-sufficient social enterprises by region"},
    {"new_micro_projects_by_region", B::region, A::flow, "founders/month",
     "new micro-projects by region"},
    {"applications_by_funder", B::funder, A::flow, "applications/month", "applications by funder"},
    {"awards_by_funder", B::funder, A::flow, "awards/month", "awards by funder"},
    {"money_awarded_by_funder", B::funder, A::flow, "EUR/month", "money awarded by funder"},
    {"collaborations_by_partner_kind", B::partner_kind, A::stock, "ties",
     "collaborations formed so far by partner kind (cumulative)"},
    {"public_cost_by_lever", B::lever, A::flow, "EUR/month", "public cost by lever"},
}};

}  // namespace

std::string_view dimension_name(Breakdown breakdown) {
  static constexpr std::array<std::string_view, breakdown_count> names{
      "", "group", "region", "funder", "partner_kind", "lever"};
  return names[static_cast<std::size_t>(breakdown)];
}

std::string_view accumulation_name(Accumulation accumulation) {
  return accumulation == Accumulation::stock ? "stock" : "flow";
}

std::span<const MetricSpec> metric_catalog() {
  return catalog;
}

const MetricSpec& metric_spec(Metric metric) {
  return catalog[static_cast<std::size_t>(metric)];
}

int find_metric(std::string_view name) {
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    if (catalog[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

double CohortSurvival::share(std::size_t year) const {
  assert(year >= 1 && year <= survival_years);
  const double cohort = launched[year - 1];
  return cohort > 0.0 ? operating[year - 1] / cohort : std::numeric_limits<double>::quiet_NaN();
}

std::size_t DimensionLabels::width(Breakdown breakdown) const {
  return breakdown == Breakdown::total ? 1 : labels[static_cast<std::size_t>(breakdown)].size();
}

RunSeries::RunSeries(int months_, const DimensionLabels& labels) : months(months_) {
  for (std::size_t b = 0; b < breakdown_count; ++b) {
    widths[b] = static_cast<std::uint32_t>(labels.width(static_cast<Breakdown>(b)));
  }
  values.resize(metric_count);
  for (std::size_t m = 0; m < metric_count; ++m) {
    values[m].assign(static_cast<std::size_t>(months) * width(static_cast<Metric>(m)), 0.0);
  }
}

std::size_t RunSeries::width(Metric metric) const {
  return widths[static_cast<std::size_t>(metric_spec(metric).breakdown)];
}

double& RunSeries::at(Metric metric, int month, std::size_t label) {
  const std::size_t w = width(metric);
  assert(month >= 0 && month < months && label < w);
  return values[static_cast<std::size_t>(metric)][static_cast<std::size_t>(month) * w + label];
}

double RunSeries::at(Metric metric, int month, std::size_t label) const {
  const std::size_t w = width(metric);
  assert(month >= 0 && month < months && label < w);
  return values[static_cast<std::size_t>(metric)][static_cast<std::size_t>(month) * w + label];
}

}  // namespace kopa
