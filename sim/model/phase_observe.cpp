#include <utility>
#include <vector>

#include "model/phase_support.hpp"
#include "model/phases.hpp"

namespace kopa {
namespace {

// Stocks counted by one block of founders.
struct Census {
  std::array<double, stage_count> stage{};
  std::array<double, form_count> lasting{};  // sustained, by form
  double supported = 0, jobs = 0, served = 0, skill = 0, admin = 0, awareness = 0;
  std::array<double, group_count> population{}, startup{}, sustained{}, running{}, skill_g{},
      admin_g{};
  std::vector<double> population_r, supported_r, startup_r, sustained_r;

  explicit Census(std::size_t regions)
      : population_r(regions), supported_r(regions), startup_r(regions), sustained_r(regions) {}

  // People an initiative has served since its launch: people_served_<form> for each month it
  // has operated (a launch operates from the month after).
  static double people_served(const StartupParameters& s, const Founders& f, std::size_t i,
                              int month) {
    const double per_month =
        f.form[i] == Form::enterprise ? s.people_served_enterprise : s.people_served_other;
    return per_month * static_cast<double>(month - f.launch_month[i]);
  }

  // Founder i stands for `people` residents: every stock and sum counts them all.
  void count(const StartupParameters& startups, int month, const Founders& f, std::size_t i,
             double people) {
    const std::size_t g = index(f.group[i]);
    const std::size_t r = f.region[i];
    const Stage s = f.stage[i];
    stage[index(s)] += people;
    population[g] += people;
    population_r[r] += people;
    skill += people * f.business_skill[i];
    admin += people * f.admin_capacity[i];
    awareness += people * f.awareness[i];
    skill_g[g] += people * f.business_skill[i];
    admin_g[g] += people * f.admin_capacity[i];
    // A founder who left the active stages this month is let go only next month
    // (release_caseloads); it is no longer counted as supported.
    if (f.advocate[i] != no_advocate && is_active_stage(s)) {
      supported += people;
      supported_r[r] += people;
    }
    if (s == Stage::startup) {
      startup[g] += people;
      startup_r[r] += people;
    }
    if (s == Stage::sustained) {
      lasting[index(f.form[i])] += people;
      if (f.form[i] == Form::enterprise) {
        sustained[g] += people;
        sustained_r[r] += people;
      }
    }
    if (is_operating(s)) {
      running[g] += people;
      jobs += people * f.jobs[i];
      served += people * people_served(startups, f, i, month);
    }
  }

  void add(const Census& o) {
    auto sum = [](auto& into, const auto& from) {
      for (std::size_t k = 0; k < into.size(); ++k) into[k] += from[k];
    };
    sum(stage, o.stage);
    sum(lasting, o.lasting);
    supported += o.supported;
    jobs += o.jobs;
    served += o.served;
    skill += o.skill;
    admin += o.admin;
    awareness += o.awareness;
    sum(population, o.population);
    sum(startup, o.startup);
    sum(sustained, o.sustained);
    sum(running, o.running);
    sum(skill_g, o.skill_g);
    sum(admin_g, o.admin_g);
    sum(population_r, o.population_r);
    sum(supported_r, o.supported_r);
    sum(startup_r, o.startup_r);
    sum(sustained_r, o.sustained_r);
  }
};

Census take_census(const Model& model, const RunState& state) {
  const Founders& f = state.founders;
  std::vector<Census> blocks(block_count(f.size()), Census(model.region_count()));
  for_each_block(state.parallelism, f.size(),
                 [&](std::size_t block, std::size_t begin, std::size_t end) {
                   // Summed in a local Census, which nothing else can alias, so that the
                   // compiler keeps its sums in registers; the same additions in the same order.
                   Census sums = std::move(blocks[block]);
                   const StartupParameters& startups = model.parameters().startups;
                   for (std::size_t i = begin; i < end; ++i) {
                     sums.count(startups, state.month, f, i, model.people_per_agent(f.region[i]));
                   }
                   blocks[block] = std::move(sums);
                 });
  Census total(model.region_count());
  for (const Census& block : blocks) total.add(block);
  return total;
}

double ratio(double numerator, double denominator) {
  return denominator > 0.0 ? numerator / denominator : 0.0;
}

}  // namespace

void observe(const Model& model, const RunState& state, RunSeries& series) {
  const Census c = take_census(model, state);
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
