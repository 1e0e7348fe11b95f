#include <algorithm>

#include "model/lever_unit.hpp"
#include "model/model.hpp"
#include "model/state.hpp"

// Local training: sessions in each targeted region whose seats the region's eligible founders
// share: the chance of a seat is the seats over last month's eligible people, so expected
// attendance never exceeds the seats. Paid per seat taken (founders_act books it).
namespace kopa {

LeverUnit local_training_lever() {
  LeverUnit unit;
  unit.fold = [](const Model& model, const LeverTarget& target, RunState& state) {
    const LocalTrainingLever& lever = model.parameters().levers.local_training;
    MonthContext& c = state.context;
    const double seats = lever.sessions_per_month * lever.seats_per_session;
    target.for_each_region([&](std::size_t r) {
      const double eligible = std::max<double>(1.0, state.training_eligible[r]);  // one person each
      c.training_chance[r] = std::min(1.0, seats / eligible);
    });
    c.training_skill_gain = lever.skill_gain;
    c.training_admin_gain = lever.admin_gain;
    c.training_seat_cost = lever.cost_per_seat;
  };
  return unit;
}

}  // namespace kopa
