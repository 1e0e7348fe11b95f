#include <utility>
#include <vector>

#include "model/census.hpp"
#include "model/engaged.hpp"
#include "model/phase_support.hpp"
#include "model/phases.hpp"

namespace kopa {
namespace {

// Stocks in people: the census counts people (model/census.hpp).
struct Census {
  std::array<double, stage_count> stage{};
  std::array<double, form_count> lasting{};  // sustained, by form
  double supported = 0, jobs = 0, served = 0, skill = 0, admin = 0, awareness = 0;
  std::array<double, group_count> population{}, startup{}, sustained{}, running{}, skill_g{},
      admin_g{};
  std::vector<double> population_r, supported_r, startup_r, sustained_r;

  // Sums cell by cell in region and group order: the same for the same counts.
  Census(const Model& model, const CensusCounts& counts)
      : population_r(model.region_count()),
        supported_r(model.region_count()),
        startup_r(model.region_count()),
        sustained_r(model.region_count()) {
    const StartupParameters& s = model.parameters().startups;
    for (std::size_t r = 0; r < model.region_count(); ++r) {
      for (std::size_t g = 0; g < group_count; ++g) {
        const CensusCell& c = counts.cells[cell_of(r, static_cast<Group>(g))];
        std::int64_t everyone = 0;
        for (std::size_t k = 0; k < stage_count; ++k) {
          stage[k] += static_cast<double>(c.people[k]);
          everyone += c.people[k];
        }
        const double startups = static_cast<double>(c.people[index(Stage::startup)]);
        const double sustained_here = static_cast<double>(c.people[index(Stage::sustained)]);
        population[g] += static_cast<double>(everyone);
        population_r[r] += static_cast<double>(everyone);
        startup[g] += startups;
        startup_r[r] += startups;
        running[g] += startups + sustained_here;
        sustained[g] += static_cast<double>(c.sustained_enterprises);
        sustained_r[r] += static_cast<double>(c.sustained_enterprises);
        skill_g[g] += static_cast<double>(c.skill) / census_unit;
        admin_g[g] += static_cast<double>(c.admin) / census_unit;
        awareness += static_cast<double>(c.awareness) / census_unit;
      }
      const RegionCensus& region = counts.regions[r];
      supported_r[r] = static_cast<double>(region.supported);
      supported += supported_r[r];
      for (std::size_t k = 0; k < form_count; ++k) {
        lasting[k] += static_cast<double>(region.lasting[k]);
      }
      jobs += static_cast<double>(region.jobs);
      // People an initiative has served since its launch: people_served_<form> for each month
      // it has operated.
      served += s.people_served_enterprise * static_cast<double>(region.months_enterprise) +
                s.people_served_other * static_cast<double>(region.months_other);
    }
    for (std::size_t g = 0; g < group_count; ++g) {
      skill += skill_g[g];
      admin += admin_g[g];
    }
  }
};

}  // namespace

CensusCounts count_every_founder(const Model& model, const RunState& state) {
  const Founders& f = state.founders;
  std::vector<CensusCounts> blocks(block_count(f.size()), CensusCounts(model.region_count()));
  for_each_block(state.parallelism, f.size(),
                 [&](std::size_t block, std::size_t begin, std::size_t end) {
                   // Counted in a local copy, which nothing else can alias.
                   CensusCounts counts = std::move(blocks[block]);
                   for (std::size_t i = begin; i < end; ++i) counts.count(f, i, state.month);
                   blocks[block] = std::move(counts);
                 });
  CensusCounts total(model.region_count());
  for (const CensusCounts& block : blocks) total.add(block);
  return total;
}

CensusCounts count_founders(const Model& model, const RunState& state) {
  // Without this month's lists (a state set up or edited by hand) the idle founders' census may
  // be out of date: every founder is counted.
  if (state.engaged_listed_month != state.month) return count_every_founder(model, state);
  const Founders& f = state.founders;
  std::vector<CensusCounts> blocks(block_count(f.size()), CensusCounts(model.region_count()));
  for_each_block(state.parallelism, f.size(), [&](std::size_t block, std::size_t, std::size_t) {
    CensusCounts counts = std::move(blocks[block]);
    // Every founder in an engaged stage is listed or joined (model/engaged.hpp); those listed but
    // now idle are in the idle founders' census.
    for_each_engaged_or_joined(state, block, [&](std::size_t i) {
      if (!is_idle_stage(f.stage[i])) counts.count(f, i, state.month);
    });
    blocks[block] = std::move(counts);
  });
  CensusCounts total(model.region_count());
  total.cells = state.idle_census;
  for (const CensusCounts& block : blocks) total.add(block);
  return total;
}

namespace {

double ratio(double numerator, double denominator) {
  return denominator > 0.0 ? numerator / denominator : 0.0;
}

}  // namespace

void observe(const Model& model, const RunState& state, RunSeries& series) {
  const Census c(model, count_founders(model, state));
  const MonthFlows& flows = state.flows;
  const Tally& t = flows.founders;
  const int m = state.month;
  auto put = [&](Metric metric, double value) { series.at(metric, m) = value; };

  put(Metric::founders_latent, c.stage[index(Stage::latent)]);
  put(Metric::founders_idea, c.stage[index(Stage::idea)]);
  put(Metric::founders_micro_project, c.stage[index(Stage::micro_project)]);
  put(Metric::founders_startup, c.stage[index(Stage::startup)]);
  put(Metric::founders_sustained, c.lasting[index(Form::enterprise)]);
  put(Metric::founders_lasting_platform, c.lasting[index(Form::platform)]);
  put(Metric::founders_lasting_civic, c.lasting[index(Form::civic)]);
  put(Metric::founders_lasting_ngo, c.lasting[index(Form::ngo)]);
  put(Metric::founders_dormant, c.stage[index(Stage::dormant)]);
  put(Metric::founders_closed, c.stage[index(Stage::closed)]);
  put(Metric::founders_supported, c.supported);
  put(Metric::new_ideas, t.new_ideas);
  put(Metric::new_micro_projects, t.new_micro_projects);
  put(Metric::new_startups, t.new_startups);
  put(Metric::new_sustained, t.new_sustained);
  put(Metric::new_lasting_other, t.new_lasting_other);
  put(Metric::closures, t.closures);
  put(Metric::dormancies, t.dormancies);
  put(Metric::new_supported, flows.new_supported);
  put(Metric::support_wait_months, flows.support_wait_months);

  double applications = 0, awards = 0, money = 0, cost = 0;
  for (std::size_t k = 0; k < funder_count; ++k) {
    applications += flows.applications[k];
    awards += flows.awards[k];
    money += flows.money[k];
    series.at(Metric::applications_by_funder, m, k) = flows.applications[k];
    series.at(Metric::awards_by_funder, m, k) = flows.awards[k];
    series.at(Metric::money_awarded_by_funder, m, k) = flows.money[k];
  }
  double money_disadvantaged = 0;
  for (std::size_t g = 0; g < group_count; ++g) {
    if (is_disadvantaged(static_cast<Group>(g))) money_disadvantaged += flows.money_by_group[g];
  }
  put(Metric::applications, applications);
  put(Metric::awards, awards);
  put(Metric::money_awarded, money);
  put(Metric::money_awarded_disadvantaged, money_disadvantaged);

  double collaborations = 0;
  for (std::size_t k = 0; k < partner_kind_count; ++k) {
    collaborations += state.collaborations[k];
    series.at(Metric::collaborations_by_partner_kind, m, k) = state.collaborations[k];
  }
  put(Metric::collaborations, collaborations);
  put(Metric::cross_region_ties, state.cross_region_ties);
  put(Metric::jobs_disadvantaged, c.jobs);
  put(Metric::people_served, c.served);
  for (std::size_t l = 0; l < lever_count; ++l) {
    cost += flows.public_cost[l];
    series.at(Metric::public_cost_by_lever, m, l) = flows.public_cost[l];
  }
  put(Metric::public_cost, cost);

  // Means over the population: the sums above are over people.
  double people = 0.0;
  for (const double n : c.population) people += n;
  put(Metric::mean_business_skill, ratio(c.skill, people));
  put(Metric::mean_admin_capacity, ratio(c.admin, people));
  put(Metric::mean_awareness, ratio(c.awareness, people));
  double running_disadvantaged = 0, population_disadvantaged = 0;
  for (std::size_t g = 0; g < group_count; ++g) {
    if (!is_disadvantaged(static_cast<Group>(g))) continue;
    running_disadvantaged += c.running[g];
    population_disadvantaged += c.population[g];
  }
  const std::size_t mainstream = index(Group::mainstream);
  put(Metric::inclusion_ratio, ratio(ratio(running_disadvantaged, population_disadvantaged),
                                     ratio(c.running[mainstream], c.population[mainstream])));

  for (std::size_t g = 0; g < group_count; ++g) {
    series.at(Metric::population_by_group, m, g) = c.population[g];
    series.at(Metric::founders_startup_by_group, m, g) = c.startup[g];
    series.at(Metric::founders_sustained_by_group, m, g) = c.sustained[g];
    series.at(Metric::new_startups_by_group, m, g) = t.new_startups_by_group[g];
    series.at(Metric::applications_by_group, m, g) = flows.applications_by_group[g];
    series.at(Metric::awards_by_group, m, g) = flows.awards_by_group[g];
    series.at(Metric::money_awarded_by_group, m, g) = flows.money_by_group[g];
    series.at(Metric::mean_business_skill_by_group, m, g) = ratio(c.skill_g[g], c.population[g]);
    series.at(Metric::mean_admin_capacity_by_group, m, g) = ratio(c.admin_g[g], c.population[g]);
  }
  for (std::size_t r = 0; r < model.region_count(); ++r) {
    series.at(Metric::population_by_region, m, r) = c.population_r[r];
    series.at(Metric::founders_supported_by_region, m, r) = c.supported_r[r];
    series.at(Metric::founders_startup_by_region, m, r) = c.startup_r[r];
    series.at(Metric::founders_sustained_by_region, m, r) = c.sustained_r[r];
    series.at(Metric::new_micro_projects_by_region, m, r) = t.new_micro_projects_by_region[r];
  }
  series.survival = state.survival;
}

}  // namespace kopa
