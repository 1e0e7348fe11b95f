#include "model/metrics.hpp"

#include <cassert>
#include <limits>

namespace kopa {
namespace {

using B = Breakdown;
using A = Accumulation;

// Order must match enum class Metric (checked by a test).
// Units are real (people, initiatives, EUR), whatever the number of agents: every founder agent
// adds the people it stands for (docs/ODD.md 2.10). "founders_" names people in a stage.
constexpr std::array<MetricSpec, metric_count> catalog{{
    {"founders_latent", B::total, A::stock, "people",
     "working-age residents with no idea for a social initiative"},
    {"founders_idea", B::total, A::stock, "people", "residents holding an idea"},
    {"founders_micro_project", B::total, A::stock, "initiatives", "co-creation micro-projects"},
    {"founders_startup", B::total, A::stock, "initiatives", "operating social start-ups"},
    {"founders_sustained", B::total, A::stock, "initiatives",
     "self-sufficient social enterprises (enterprise form only)"},
    {"founders_lasting_platform", B::total, A::stock, "initiatives",
     "self-sufficient communication / information platforms"},
    {"founders_lasting_civic", B::total, A::stock, "initiatives",
     "self-sufficient social and civic organisations"},
    {"founders_lasting_ngo", B::total, A::stock, "initiatives", "self-sufficient NGOs"},
    {"founders_dormant", B::total, A::stock, "people", "people who gave up (may return)"},
    {"founders_closed", B::total, A::stock, "initiatives", "start-ups closed"},
    {"founders_supported", B::total, A::stock, "people", "people on an advocate's caseload"},
    {"new_ideas", B::total, A::flow, "people/month", "residents forming an idea"},
    {"new_micro_projects", B::total, A::flow, "initiatives/month", "ideas becoming micro-projects"},
    {"new_startups", B::total, A::flow, "initiatives/month", "micro-projects starting to operate"},
    {"new_sustained", B::total, A::flow, "initiatives/month",
     "start-ups becoming self-sufficient social enterprises"},
    {"new_lasting_other", B::total, A::flow, "initiatives/month",
     "start-ups becoming self-sufficient platforms, civic organisations or NGOs"},
    {"closures", B::total, A::flow, "initiatives/month", "start-ups closing"},
    {"dormancies", B::total, A::flow, "people/month", "people giving up (dormant)"},
    {"new_supported", B::total, A::flow, "people/month", "people newly taken on by an advocate"},
    {"support_wait_months", B::total, A::flow, "person-months",
     "months from idea to first support, summed over the people newly supported"},
    {"applications", B::total, A::flow, "applications/month", "applications to funders' calls"},
    {"awards", B::total, A::flow, "awards/month", "awards made"},
    {"money_awarded", B::total, A::flow, "EUR/month", "money awarded"},
    {"money_awarded_disadvantaged", B::total, A::flow, "EUR/month",
     "money awarded to people of disadvantaged groups"},
    {"collaborations", B::total, A::stock, "collaborations",
     "collaborations formed so far (cumulative)"},
    {"cross_region_ties", B::total, A::stock, "ties",
     "person-to-person ties across regions formed so far (cumulative)"},
    {"jobs_disadvantaged", B::total, A::stock, "jobs",
     "jobs for disadvantaged people in operating and lasting initiatives"},
    {"people_served", B::total, A::stock, "people",
     "people served by operating and lasting initiatives"},
    {"public_cost", B::total, A::flow, "EUR/month",
     "public cost of the levers (seed fund awards and administration included)"},
    {"mean_business_skill", B::total, A::stock, "1", "mean business skill of residents (0-1)"},
    {"mean_admin_capacity", B::total, A::stock, "1",
     "mean administrative / project-management capacity of residents (0-1)"},
    {"mean_awareness", B::total, A::stock, "1",
     "mean awareness of support schemes among residents (0-1)"},
    {"inclusion_ratio", B::total, A::stock, "1",
     "share of disadvantaged residents running an initiative over the same share for mainstream"},
    {"population_by_group", B::group, A::stock, "people", "working-age residents by group"},
    {"founders_startup_by_group", B::group, A::stock, "initiatives",
     "operating start-ups by founder group"},
    {"founders_sustained_by_group", B::group, A::stock, "initiatives",
     "self-sufficient social enterprises by founder group"},
    {"new_startups_by_group", B::group, A::flow, "initiatives/month",
     "new start-ups by founder group"},
    {"applications_by_group", B::group, A::flow, "applications/month", "applications by group"},
    {"awards_by_group", B::group, A::flow, "awards/month", "awards by group"},
    {"money_awarded_by_group", B::group, A::flow, "EUR/month", "money awarded by group"},
    {"mean_business_skill_by_group", B::group, A::stock, "1", "mean business skill by group"},
    {"mean_admin_capacity_by_group", B::group, A::stock, "1",
     "mean administrative capacity by group"},
    {"population_by_region", B::region, A::stock, "people", "working-age residents by region"},
    {"founders_supported_by_region", B::region, A::stock, "people",
     "people on an advocate's caseload by region"},
    {"founders_startup_by_region", B::region, A::stock, "initiatives",
     "operating start-ups by region"},
    {"founders_sustained_by_region", B::region, A::stock, "initiatives",
     "self-sufficient social enterprises by region"},
    {"new_micro_projects_by_region", B::region, A::flow, "initiatives/month",
     "new micro-projects by region"},
    {"applications_by_funder", B::funder, A::flow, "applications/month", "applications by funder"},
    {"awards_by_funder", B::funder, A::flow, "awards/month", "awards by funder"},
    {"money_awarded_by_funder", B::funder, A::flow, "EUR/month", "money awarded by funder"},
    {"collaborations_by_partner_kind", B::partner_kind, A::stock, "collaborations",
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
