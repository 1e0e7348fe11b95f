#include "model/resolution.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

#include "model/population.hpp"

namespace kopa {
namespace {

std::string number_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

bool lever_on(const Model& model, Lever lever) {
  return model.parameters().levers.calendar(lever).enabled;
}

// A funder's round, in people: how many of its largest awards the most it can spend at once
// pays for. An annual call spends its year's budget; a rolling funder's pot holds at most a
// year's budget (7.2), so either way a year's budget over the largest award.
std::vector<Capacity> funder_rounds(const Model& model) {
  std::vector<Capacity> rounds;
  for (std::size_t f = 0; f < funder_count; ++f) {
    const auto kind = static_cast<FunderKind>(f);
    const FunderParameters& funder = model.funder(kind);
    const bool exists =
        kind == FunderKind::seed_fund ? lever_on(model, Lever::seed_funding) : funder.enabled;
    if (!exists || funder.budget_per_year <= 0.0 || funder.grant_max <= 0.0) continue;
    const std::string name = kind == FunderKind::seed_fund
                                 ? "levers.seed_funding"
                                 : "funders." + std::string(funder_names[f]);
    const double awards = funder.budget_per_year / funder.grant_max;
    rounds.push_back({CapacityKind::funder_round, awards, std::string(funder_names[f]),
                      funder.budget_per_year, funder.grant_max,
                      name + "'s year of EUR " + number_text(funder.budget_per_year) + " (" +
                          number_text(awards) + " of its largest awards, EUR " +
                          number_text(funder.grant_max) + ")"});
  }
  return rounds;
}

// Every non-zero capacity that binds on each region's founders (the same in every region).
// Advocates' caseloads are not among them: their capacity is whole people (7.14).
std::vector<Capacity> capacities(const Model& model) {
  const ModelParameters& p = model.parameters();
  std::vector<Capacity> found;
  if (lever_on(model, Lever::local_training)) {
    const double seats =
        p.levers.local_training.sessions_per_month * p.levers.local_training.seats_per_session;
    if (seats > 0.0) {
      found.push_back({CapacityKind::training_seats, seats, "", 0.0, 0.0,
                       "local training's " + number_text(seats) + " seats a month"});
    }
  }
  if (lever_on(model, Lever::knowledge_exchange)) {
    const auto places = static_cast<double>(p.levers.knowledge_exchange.participants_per_region);
    if (places > 0.0) {
      found.push_back(
          {CapacityKind::exchange_places, places, "", 0.0, 0.0,
           "levers.knowledge_exchange.participants_per_region of " + number_text(places)});
    }
  }
  for (Capacity& round : funder_rounds(model)) found.push_back(std::move(round));
  return found;
}

}  // namespace

CapacityResolution capacity_resolution(const Model& model) {
  CapacityResolution result;
  const auto& regions = model.parameters().regions;
  std::vector<double> smallest(regions.size(), std::numeric_limits<double>::infinity());
  double worst_ratio = std::numeric_limits<double>::infinity();
  const std::vector<Capacity> binding = capacities(model);
  // Whatever the agent count, every founder a capacity acts on is one person: a pool of latent
  // people splits into people as they form ideas (model/pools.hpp).
  constexpr double weight = 1.0;
  for (std::size_t r = 0; r < regions.size(); ++r) {
    for (const Capacity& capacity : binding) {
      smallest[r] = std::min(smallest[r], capacity.people);
      const double ratio = capacity.people / weight;
      if (ratio < worst_ratio) {
        worst_ratio = ratio;
        result.tightest = "in region '" + regions[r].name + "', " + capacity.what;
        result.tightest_region = regions[r].name;
        result.tightest_capacity = capacity;
        result.capacity_people = capacity.people;
        result.people_per_agent = weight;
      }
    }
  }
  result.sound = !(worst_ratio < 1.0 - 1e-12);
  double least = std::numeric_limits<double>::infinity();
  for (const double c : smallest) least = std::min(least, c);
  result.smallest_sound_founders = least < 1.0 - 1e-12 ? 0 : agents_for_every_region(regions);
  return result;
}

std::string resolution_warning(const std::string& scenario, const Model& model) {
  const CapacityResolution check = capacity_resolution(model);
  if (check.sound) return "";
  return "warning: scenario '" + scenario + "': " + check.tightest +
         " holds less than one person, so it is won whole or not at all. No agent count resolves "
         "a capacity below one person: raise it.";
}

}  // namespace kopa
