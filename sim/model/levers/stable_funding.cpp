#include "model/lever_unit.hpp"
#include "model/levers/lever_support.hpp"
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
    const double kept = active_advocates_in(model, target, state, [&](const AdvocateSeat& seat) {
      return !advocate_funded(model, state, seat.kind);
    });
    state.flows.public_cost[index(Lever::stable_funding)] +=
        kept * model.parameters().levers.stable_funding.cost_per_advocate_month;
  };
  return unit;
}

}  // namespace kopa
