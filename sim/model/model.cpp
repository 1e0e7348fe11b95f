#include "model/model.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/lever_unit.hpp"
#include "model/population.hpp"

namespace kopa {
namespace {

FunderParameters seed_fund_from_lever(const SeedFundingLever& lever) {
  FunderParameters fund{};
  fund.enabled = lever.enabled;
  fund.budget_per_year = lever.budget_per_year;
  fund.scope = static_cast<Integer>(Scope::national);
  fund.calendar = static_cast<Integer>(Calendar::rolling);
  fund.call_month = 0;
  fund.grant_min = lever.grant_min;
  fund.grant_max = lever.grant_max;
  fund.grant_months = lever.grant_months;
  fund.complexity = lever.complexity;
  fund.reporting_burden = lever.reporting_burden;
  fund.cofinancing_share = 0.0;  // tailored: no co-financing asked of vulnerable groups
  fund.track_record_weight = 1.0 - lever.inclusion_weight;
  fund.score_threshold = lever.score_threshold;
  fund.admin_threshold = 0.0;
  fund.micro_projects_eligible = true;
  fund.disadvantaged_only = true;
  fund.repayable = false;
  return fund;
}

// A lever's mask: the named regions (all when none are named) and groups (when none are named,
// the lever's default ones). Names were checked when the scenario was loaded; one that matches
// nothing here matches no region.
LeverTarget resolve_target(const LeverTargeting& targeting, const LeverUnit& unit,
                           const std::vector<Region>& regions) {
  LeverTarget target;
  target.regions.assign(regions.size(), targeting.regions.empty() ? 1 : 0);
  for (const auto& name : targeting.regions) {
    for (std::size_t r = 0; r < regions.size(); ++r) {
      if (regions[r].name == name) target.regions[r] = 1;
    }
  }
  std::array<bool, group_count> groups{};
  for (std::size_t g = 0; g < group_count; ++g) {
    groups[g] = !unit.disadvantaged_by_default || is_disadvantaged(static_cast<Group>(g));
  }
  if (!targeting.groups.empty()) {
    groups.fill(false);
    for (const auto& name : targeting.groups) {
      for (std::size_t g = 0; g < group_count; ++g) {
        if (group_names[g] == name) groups[g] = true;
      }
    }
  }
  target.cells.assign(regions.size() * group_count, 0);
  for (std::size_t r = 0; r < regions.size(); ++r) {
    target.region_count += target.regions[r];
    for (std::size_t g = 0; g < group_count; ++g) {
      target.cells[cell_of(r, static_cast<Group>(g))] = target.regions[r] && groups[g] ? 1 : 0;
    }
  }
  target.region_share =
      regions.empty() ? 0.0 : target.region_count / static_cast<double>(regions.size());
  return target;
}

}  // namespace

Integer advocate_seats_in(const ModelParameters& parameters, std::size_t region,
                          AdvocateKind kind) {
  if (kind == AdvocateKind::incubator && !parameters.regions[region].has_incubator) return 0;
  return parameters.advocates[index(kind)].per_region;
}

std::int64_t advocate_seat_count(const ModelParameters& parameters) {
  std::int64_t seats = 0;
  for (std::size_t r = 0; r < parameters.regions.size(); ++r) {
    for (std::size_t k = 0; k < advocate_kind_count; ++k) {
      seats += advocate_seats_in(parameters, r, static_cast<AdvocateKind>(k));
    }
  }
  return seats;
}

Model::Model(ModelParameters parameters) : parameters_(std::move(parameters)) {
  for (std::size_t f = 0; f + 1 < funder_count; ++f) funders_[f] = parameters_.funders[f];
  funders_[index(FunderKind::seed_fund)] = seed_fund_from_lever(parameters_.levers.seed_funding);

  for (std::size_t r = 0; r < parameters_.regions.size(); ++r) {
    advocate_begin_.push_back(advocates_.size());
    for (std::size_t k = 0; k < advocate_kind_count; ++k) {
      const auto kind = static_cast<AdvocateKind>(k);
      for (Integer n = 0; n < advocate_seats_in(parameters_, r, kind); ++n) {
        advocates_.push_back({static_cast<std::uint16_t>(r), kind});
      }
    }
  }

  advocate_begin_.push_back(advocates_.size());
  const std::size_t n = parameters_.regions.size();
  distance_km_.resize(n * n);
  for (std::size_t a = 0; a < n; ++a) {
    for (std::size_t b = 0; b < n; ++b) {
      const double dx = parameters_.regions[a].x_km - parameters_.regions[b].x_km;
      const double dy = parameters_.regions[a].y_km - parameters_.regions[b].y_km;
      distance_km_[a * n + b] = std::sqrt(dx * dx + dy * dy);
    }
  }
  for (const auto& region : parameters_.regions) {
    reach_.push_back(
        std::exp(-region.remoteness_minutes / parameters_.founders.remoteness_scale_minutes));
  }
  founders_per_region_ = agents_per_region(parameters_.simulation.founders, parameters_.regions);
  std::int64_t agent_begin = 0, person_begin = 0;
  for (std::size_t r = 0; r < parameters_.regions.size(); ++r) {
    const auto agents = static_cast<double>(founders_per_region_[r]);
    people_per_agent_.push_back(agents > 0 ? parameters_.regions[r].population / agents : 0.0);
    agent_begin_.push_back(agent_begin);
    person_begin_.push_back(person_begin);
    agent_begin += founders_per_region_[r];
    person_begin += static_cast<std::int64_t>(parameters_.regions[r].population);
  }
  const auto agents =
      static_cast<double>(agent_count(parameters_.simulation.founders, parameters_.regions));
  people_per_agent_overall_ =
      agents > 0 ? static_cast<double>(total_population(parameters_.regions)) / agents : 0.0;

  auto& labels = labels_.labels;
  labels[index(Breakdown::group)].assign(group_names.begin(), group_names.end());
  for (const auto& r : parameters_.regions) labels[index(Breakdown::region)].push_back(r.name);
  labels[index(Breakdown::funder)].assign(funder_names.begin(), funder_names.end());
  labels[index(Breakdown::partner_kind)].assign(partner_kind_names.begin(),
                                                partner_kind_names.end());
  labels[index(Breakdown::lever)].assign(lever_names.begin(), lever_names.end());
  for (std::size_t l = 0; l < lever_count; ++l) {
    const auto lever = static_cast<Lever>(l);
    lever_targets_[l] =
        resolve_target(parameters_.targeting[l], lever_unit(lever), parameters_.regions);
  }
}

Model::PeopleShare Model::people_share(std::size_t region) const {
  const auto population = static_cast<std::int64_t>(parameters_.regions[region].population);
  const std::int64_t agents = founders_per_region_[region];
  return {agent_begin_[region], population / agents, population % agents};
}

std::uint64_t Model::first_person(std::size_t id, std::size_t region) const {
  const PeopleShare share = people_share(region);
  const auto k = static_cast<std::int64_t>(id) - share.first_agent;
  return static_cast<std::uint64_t>(person_begin_[region] + k * share.each +
                                    std::min(k, share.one_more));
}

}  // namespace kopa
