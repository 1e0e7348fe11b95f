#include "model/lever_unit.hpp"
#include "model/model.hpp"
#include "model/state.hpp"

// One roof: a one-stop platform in each targeted region: founders hear of schemes, get guidance
// with applications, and advocates discover more founders and take more on; paid per region.
namespace kopa {

LeverUnit one_roof_lever() {
  LeverUnit unit;
  unit.fold = [](const Model& model, const LeverTarget& target, RunState& state) {
    const OneRoofLever& lever = model.parameters().levers.one_roof;
    MonthContext& c = state.context;
    target.for_each_region([&](std::size_t r) {
      c.discovery_multiplier[r] = lever.discovery_multiplier;
      c.capacity_multiplier[r] = 1.0 + lever.capacity_gain;
    });
    target.for_each_cell([&](std::size_t cell) {
      c.awareness_gain[cell] = lever.awareness_gain;
      c.guidance[cell] = 1.0 - lever.effort_reduction;
    });
  };
  unit.book = [](const Model& model, const LeverTarget& target, RunState& state) {
    state.flows.public_cost[index(Lever::one_roof)] +=
        target.region_count * model.parameters().levers.one_roof.cost_per_region_month;
  };
  return unit;
}

}  // namespace kopa
