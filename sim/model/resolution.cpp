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

// Every non-zero capacity that binds on each region's agents (the same in every region).
// Advocates' caseloads are not among them: they hold their capacity on average over time at any
// people per agent (7.14).
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

// Whether every region's capacities hold at least one of its agents at these agent counts.
bool holds(const std::vector<double>& smallest, const std::vector<Region>& regions,
           const std::vector<std::int64_t>& agents) {
  for (std::size_t r = 0; r < regions.size(); ++r) {
    if (agents[r] <= 0) return false;
    const double weight = regions[r].population / static_cast<double>(agents[r]);
    if (smallest[r] < weight * (1.0 - 1e-12)) return false;
  }
  return true;
}

std::int64_t smallest_sound(const std::vector<double>& smallest,
                            const std::vector<Region>& regions) {
  const std::int64_t people = total_population(regions);
  double least = smallest.empty() ? 0.0 : smallest.front();
  for (double c : smallest) least = std::min(least, c);
  if (least < 1.0) return 0;  // not even one agent per person resolves it
  auto n = static_cast<std::int64_t>(std::ceil(static_cast<double>(people) / least));
  n = std::clamp<std::int64_t>(n, 1, people);
  // Largest remainders may leave a small region a little short at n: step up until it holds.
  for (int step = 0; step < 4096 && n < people; ++step, ++n) {
    if (holds(smallest, regions, agents_per_region(n, regions))) return n;
  }
  return people;
}

}  // namespace

CapacityResolution capacity_resolution(const Model& model) {
  CapacityResolution result;
  const auto& regions = model.parameters().regions;
  std::vector<double> smallest(regions.size(), std::numeric_limits<double>::infinity());
  double worst_ratio = std::numeric_limits<double>::infinity();
  const std::vector<Capacity> binding = capacities(model);
  for (std::size_t r = 0; r < regions.size(); ++r) {
    const double weight = model.people_per_agent(r);
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
  result.smallest_sound_founders = smallest_sound(smallest, regions);
  return result;
}

std::string resolution_warning(const std::string& scenario, const Model& model) {
  const CapacityResolution check = capacity_resolution(model);
  if (check.sound) return "";
  std::string text = "warning: scenario '" + scenario + "': " + check.tightest +
                     " holds less than one founder agent (one stands for " +
                     number_text(check.people_per_agent) +
                     " people); results then depend on the agent count beyond sampling error. ";
  if (check.smallest_sound_founders > 0) {
    text += "The smallest sound simulation.founders is " +
            std::to_string(check.smallest_sound_founders) + " (or 0: one agent per person).";
  } else {
    text += "No agent count resolves a capacity below one person: raise it.";
  }
  return text;
}

}  // namespace kopa
