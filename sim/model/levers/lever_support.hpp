#pragma once
#include <cstddef>

#include "model/lever_target.hpp"
#include "model/model.hpp"
#include "model/state.hpp"

// Helpers the lever files share (model/levers/*.cpp; not part of the public interface).
namespace kopa {

// The advocates active this month in the target's regions that `counts(seat)` accepts: what a
// lever paid per advocate month pays for.
template <class Counts>
double active_advocates_in(const Model& model, const LeverTarget& target, const RunState& state,
                           Counts&& counts) {
  double advocates = 0.0;
  for (std::size_t a = 0; a < model.advocates().size(); ++a) {
    const AdvocateSeat& seat = model.advocates()[a];
    if (state.context.advocate_active[a] && target.acts_in(seat.region) && counts(seat)) {
      advocates += 1.0;
    }
  }
  return advocates;
}

}  // namespace kopa
