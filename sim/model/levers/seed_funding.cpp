#include "model/lever_unit.hpp"
#include "model/model.hpp"
#include "model/state.hpp"

// Seed funding: a national rolling fund (Model fills its funder entry from the lever) open to the
// targeted groups (by default the disadvantaged ones) in the targeted regions. Its budget is the
// whole fund's, wherever it acts; its cost is the money awarded plus administration (award_calls
// books it), so it follows the targeting.
namespace kopa {

LeverUnit seed_funding_lever() {
  LeverUnit unit;
  unit.takes_groups = true;
  unit.disadvantaged_by_default = true;
  unit.fold = [](const Model&, const LeverTarget& target, RunState& state) {
    MonthContext& c = state.context;
    c.seed_fund_open = true;
    for (std::size_t cell = 0; cell < target.cells.size(); ++cell) {
      c.seed_eligible[cell] = target.cells[cell];
    }
  };
  return unit;
}

}  // namespace kopa
