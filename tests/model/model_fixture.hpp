#pragma once
#include <algorithm>
#include <string>
#include <vector>

#include "model/model.hpp"
#include "scenario/parameter_table.hpp"

namespace kopa::testing {

// One case of a test run over several parameter sets, named in its failure messages.
struct NamedParameters {
  std::string name;
  ModelParameters parameters;
};

// Defaults plus four hand-made regions: near and remote, with and without an incubator and a
// local enabling network. Small enough for fast ensembles; no scenario files involved. The
// founders are split evenly over the regions, and each region's population is its agents times
// `people_per_agent` (1: one agent per person).
inline ModelParameters test_parameters(std::int64_t founders = 2000, std::int64_t months = 60,
                                       std::int64_t people_per_agent = 1) {
  ModelParameters p = parameter_table().defaults();
  p.simulation.founders = founders;
  p.simulation.months = months;
  auto region = [](std::string name, double remoteness, double demand, bool incubator, bool len,
                   double x) {
    Region r;
    r.name = std::move(name);
    r.country = "test";
    r.remoteness_minutes = remoteness;
    r.local_demand = demand;
    r.authority_attitude = 0.5;
    r.has_incubator = incubator;
    r.has_len = len;
    r.x_km = x;
    return r;
  };
  p.regions = {region("town", 15, 0.6, true, true, 0), region("valley", 45, 0.5, false, true, 300),
               region("coast", 30, 0.55, true, false, 600),
               region("inland", 120, 0.45, false, false, 900)};
  const auto regions = static_cast<std::int64_t>(p.regions.size());
  for (std::int64_t r = 0; r < regions; ++r) {
    const std::int64_t agents = founders / regions + (r < founders % regions ? 1 : 0);
    p.regions[static_cast<std::size_t>(r)].population =
        static_cast<double>(std::max<std::int64_t>(1, agents * people_per_agent));
    p.regions[static_cast<std::size_t>(r)].population_source = "test";
  }
  return p;
}

// The same with every lever on, so that every phase and stream takes part.
inline ModelParameters all_levers(std::int64_t founders, std::int64_t months,
                                  std::int64_t people_per_agent = 1) {
  ModelParameters p = test_parameters(founders, months, people_per_agent);
  for (std::size_t l = 0; l < lever_count; ++l) {
    p.levers.calendar(static_cast<Lever>(l)).enabled = true;
  }
  return p;
}

// A funder that anyone may win: no admin or score threshold, no co-financing asked.
inline void open_to_anyone(FunderParameters& funder) {
  funder.admin_threshold = 0.0;
  funder.cofinancing_share = 0.0;
  funder.score_threshold = 0.0;
}

}  // namespace kopa::testing
