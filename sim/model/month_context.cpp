#include <algorithm>

#include "model/kinds.hpp"
#include "model/state.hpp"

namespace kopa {

void MonthContext::size_for(std::size_t regions, std::size_t advocates) {
  for (auto* table : {&atmosphere, &region_attitude, &training_chance, &discovery_multiplier,
                      &capacity_multiplier, &brokerage_multiplier, &public_body_tie_rate,
                      &advocacy_bonus, &exchange_places, &complexity_factor, &burden_factor}) {
    table->assign(regions, 0.0);
  }
  stable_funding.assign(regions, 0);
  reserve_round.assign(regions + 1, 0);
  complexity.assign(regions * funder_count, 0.0);
  burden.assign(regions * funder_count, 0.0);
  const std::size_t cells = regions * group_count;
  for (auto* table :
       {&awareness_gain, &guidance, &outreach_awareness, &threshold_relief, &application_cost}) {
    table->assign(cells, 0.0);
  }
  reserved_for.assign(cells, 0);
  seed_eligible.assign(cells, 0);
  advocate_active.assign(advocates, 0);
  reset_without_levers();
}

void MonthContext::reset_without_levers() {
  seed_fund_open = false;
  exchange_event = false;
  for (auto* zero :
       {&atmosphere, &training_chance, &public_body_tie_rate, &advocacy_bonus, &exchange_places,
        &awareness_gain, &outreach_awareness, &threshold_relief, &application_cost}) {
    std::fill(zero->begin(), zero->end(), 0.0);
  }
  for (auto* one : {&discovery_multiplier, &capacity_multiplier, &brokerage_multiplier,
                    &complexity_factor, &burden_factor, &guidance}) {
    std::fill(one->begin(), one->end(), 1.0);
  }
  for (auto* none : {&stable_funding, &reserve_round, &reserved_for, &seed_eligible}) {
    std::fill(none->begin(), none->end(), std::uint8_t{0});
  }
  reserved_share = 0.0;
  training_skill_gain = training_admin_gain = training_seat_cost = 0.0;
}

}  // namespace kopa
