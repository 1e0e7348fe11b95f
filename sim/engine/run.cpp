#include "engine/run.hpp"

#include "model/phases.hpp"

namespace kopa {

void step(const Model& model, RunState& state, RunSeries& series) {
  state.flows.reset(model.region_count());
  open_calendar(model, state);
  schedule_idle_founders(model, state);
  list_engaged_founders(model, state);
  release_caseloads(model, state);
  discover_founders(model, state);
  coach_and_broker(model, state);
  founders_act(model, state);
  exchange_knowledge(model, state);
  award_calls(model, state);
  operate_initiatives(model, state);
  for (std::size_t k = 0; k < partner_kind_count; ++k) {
    state.collaborations[k] += state.flows.founders.new_ties_by_kind[k];
  }
  observe(model, state, series);
  ++state.month;
}

void run_to_end(const Model& model, RunState& state, RunSeries& series) {
  while (state.month < model.months()) step(model, state, series);
}

RunSeries run_replicate(const Model& model, std::uint64_t base_seed, int replicate,
                        Parallelism parallelism, Scheduling scheduling) {
  RunState state = initial_state(
      model, replicate_seed(base_seed, static_cast<std::uint64_t>(replicate)), parallelism);
  state.scheduling = scheduling;
  RunSeries series(model.months(), model.labels());
  run_to_end(model, state, series);
  return series;
}

}  // namespace kopa
