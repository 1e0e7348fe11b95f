#include "model/lever_unit.hpp"
#include "model/levers/lever_support.hpp"
#include "model/model.hpp"
#include "model/state.hpp"

// Advocacy: advocates in the targeted regions broker more, tie founders to public bodies and lend
// weight in funders' scoring; paid per active advocate there.
namespace kopa {

LeverUnit advocacy_lever() {
  LeverUnit unit;
  unit.fold = [](const Model& model, const LeverTarget& target, RunState& state) {
    const AdvocacyLever& lever = model.parameters().levers.advocacy;
    MonthContext& c = state.context;
    target.for_each_region([&](std::size_t r) {
      c.brokerage_multiplier[r] = lever.brokerage_multiplier;
      c.public_body_tie_rate[r] = lever.public_body_tie_rate;
      c.advocacy_bonus[r] = lever.advocacy_bonus;
    });
  };
  unit.book = [](const Model& model, const LeverTarget& target, RunState& state) {
    const double advocates =
        active_advocates_in(model, target, state, [](const AdvocateSeat&) { return true; });
    state.flows.public_cost[index(Lever::advocacy)] +=
        advocates * model.parameters().levers.advocacy.cost_per_advocate_month;
  };
  return unit;
}

}  // namespace kopa
