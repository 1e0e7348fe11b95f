#include "model/lever_unit.hpp"
#include "model/model.hpp"
#include "model/state.hpp"

// Ally: a supportive atmosphere in the regions it targets (ideation, persistence, motivation and
// the authorities' attitude; docs/ODD.md 7.11). No cost of its own: it is a stance.
namespace kopa {

LeverUnit ally_lever() {
  LeverUnit unit;
  unit.fold = [](const Model& model, const LeverTarget& target, RunState& state) {
    const double atmosphere = model.parameters().levers.ally.atmosphere;
    target.for_each_region([&](std::size_t r) { state.context.atmosphere[r] = atmosphere; });
  };
  return unit;
}

}  // namespace kopa
