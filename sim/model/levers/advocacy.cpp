#include "model/lever_unit.hpp"
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
    for (std::size_t r = 0; r < model.region_count(); ++r) {
      if (!target.acts_in(r)) continue;
      c.brokerage_multiplier[r] = lever.brokerage_multiplier;
      c.public_body_tie_rate[r] = lever.public_body_tie_rate;
      c.advocacy_bonus[r] = lever.advocacy_bonus;
    }
  };
  unit.book = [](const Model& model, const LeverTarget& target, RunState& state) {
    double advocates = 0.0;
    for (std::size_t a = 0; a < model.advocates().size(); ++a) {
      if (state.context.advocate_active[a] && target.acts_in(model.advocates()[a].region)) {
        advocates += 1.0;
      }
    }
    state.flows.public_cost[index(Lever::advocacy)] +=
        advocates * model.parameters().levers.advocacy.cost_per_advocate_month;
  };
  return unit;
}

}  // namespace kopa
