#include "model/lever_unit.hpp"
#include "model/model.hpp"
#include "model/state.hpp"

// Open schemes: mainstream public funders waive part of their thresholds and co-financing for the
// targeted groups (by default the disadvantaged ones) in the targeted regions, reserve a share of
// their rounds there for them and reach out to them; paid per application from them.
namespace kopa {

LeverUnit open_schemes_lever() {
  LeverUnit unit;
  unit.takes_groups = true;
  unit.disadvantaged_by_default = true;
  unit.fold = [](const Model& model, const LeverTarget& target, RunState& state) {
    const OpenSchemesLever& lever = model.parameters().levers.open_schemes;
    MonthContext& c = state.context;
    target.for_each_cell([&](std::size_t cell) {
      c.threshold_relief[cell] = lever.threshold_relief;
      c.outreach_awareness[cell] = lever.outreach_awareness;
      c.application_cost[cell] = lever.cost_per_application;
      c.reserved_for[cell] = 1;
    });
    // A local funder's round of a targeted region, and a national funder's round wherever the
    // lever acts at all, reserves its share (for the targeted founders only).
    const std::size_t regions = model.region_count();
    for (std::size_t r = 0; r < regions; ++r) c.reserve_round[r] = target.regions[r];
    c.reserve_round[regions] = target.region_count > 0.0 ? 1 : 0;
    c.reserved_share = lever.reserved_share;
  };
  return unit;
}

}  // namespace kopa
