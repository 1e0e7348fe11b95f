#include "model/lever_unit.hpp"
#include "model/model.hpp"
#include "model/state.hpp"

// Knowledge exchange: every interval_months an event gathers participants from each targeted
// region; cross-region ties form between them (exchange_knowledge holds the event and books its
// cost).
namespace kopa {

LeverUnit knowledge_exchange_lever() {
  LeverUnit unit;
  unit.fold = [](const Model& model, const LeverTarget& target, RunState& state) {
    const KnowledgeExchangeLever& lever = model.parameters().levers.knowledge_exchange;
    MonthContext& c = state.context;
    c.exchange_event = (state.month - lever.start_month) % lever.interval_months == 0;
    target.for_each_region([&](std::size_t r) {
      c.exchange_places[r] = static_cast<double>(lever.participants_per_region);
    });
  };
  return unit;
}

}  // namespace kopa
