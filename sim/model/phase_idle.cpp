#include "model/idle_wait.hpp"
#include "model/phases.hpp"

namespace kopa {

void schedule_idle_founders(const Model& model, RunState& state) {
  if (state.scheduling != Scheduling::events) return;
  // A region whose idle founders' chances changed since their waits were drawn (every region at
  // month 0, whose stored context is NaN): a lever started or ended there.
  bool any = false;
  for (std::size_t r = 0; r < model.region_count(); ++r) {
    const IdleContext now = idle_context(state.context, r);
    state.idle_redraw[r] = now == state.idle_context[r] ? 0 : 1;
    state.idle_context[r] = now;
    any = any || state.idle_redraw[r] != 0;
  }
  if (!any) return;
  Founders& f = state.founders;
  for_each_block(state.parallelism, f.size(), [&](std::size_t, std::size_t begin, std::size_t end) {
    WaitUniforms uniforms(state.random, state.month);
    for (std::size_t i = begin; i < end; ++i) {
      if (!state.idle_redraw[f.region[i]] || !waits_for_idea(f.stage[i])) continue;
      f.idea_month[i] = wake_month(model, state, i, state.month, uniforms(f.stream_key(i)));
    }
  });
}

}  // namespace kopa
