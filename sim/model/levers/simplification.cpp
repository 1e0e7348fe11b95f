#include "model/lever_unit.hpp"
#include "model/model.hpp"
#include "model/state.hpp"

// Simplification: mainstream public funders' calls ask less (complexity) and their grants report
// less (burden) in the targeted regions. Its monthly cost is shared by the regions: a targeted
// lever costs the share of regions it acts in (assumption: the cost of the rules scales with the
// regions that apply them).
namespace kopa {

LeverUnit simplification_lever() {
  LeverUnit unit;
  unit.fold = [](const Model& model, const LeverTarget& target, RunState& state) {
    const SimplificationLever& lever = model.parameters().levers.simplification;
    MonthContext& c = state.context;
    target.for_each_region([&](std::size_t r) {
      c.complexity_factor[r] = 1.0 - lever.complexity_reduction;
      c.burden_factor[r] = 1.0 - lever.burden_reduction;
    });
  };
  unit.book = [](const Model& model, const LeverTarget& target, RunState& state) {
    state.flows.public_cost[index(Lever::simplification)] +=
        model.parameters().levers.simplification.cost_per_month * target.region_share;
  };
  return unit;
}

}  // namespace kopa
