#include "model/lever_unit.hpp"
#include "model/model.hpp"
#include "model/phase_support.hpp"
#include "model/state.hpp"

// Stable funding: advocates in the targeted regions keep working after their project funding
// ends; paid per advocate so kept.
namespace kopa {

LeverUnit stable_funding_lever() {
  LeverUnit unit;
  unit.fold = [](const Model& model, const LeverTarget& target, RunState& state) {
    for (std::size_t r = 0; r < model.region_count(); ++r) {
      state.context.stable_funding[r] = target.regions[r];
    }
  };
  unit.book = [](const Model& model, const LeverTarget& target, RunState& state) {
    double kept = 0.0;
    for (std::size_t a = 0; a < model.advocates().size(); ++a) {
      const AdvocateSeat& seat = model.advocates()[a];
      if (state.context.advocate_active[a] && target.acts_in(seat.region) &&
          !advocate_funded(model, state, seat.kind)) {
        kept += 1.0;
      }
    }
    state.flows.public_cost[index(Lever::stable_funding)] +=
        kept * model.parameters().levers.stable_funding.cost_per_advocate_month;
  };
  return unit;
}

}  // namespace kopa
