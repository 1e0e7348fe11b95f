#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

#include "model/model.hpp"
#include "model/pools.hpp"
#include "model/state.hpp"

// Idle founders' waits (docs/ODD.md section 3, "Idle founders"). A latent or dormant founder's
// only chance each month is one Bernoulli event - an idea (latent) or a return with a new idea
// (dormant) - whose probability depends on the founder's fixed traits and on two values of its
// region's month context (attitude, atmosphere); nothing about an idle founder drifts. So,
// instead of a draw every month, the month of its next event is drawn once, by inversion of the
// geometric distribution, from its own stream keyed by (month the wait starts, founder): the
// same law, and independent of threads and of which other founders are drawn. The month is kept
// in `idea_month`, which means nothing while a founder is idle (it is set when the idea forms).
// When a region's context changes (a lever starts or ends there), its idle founders' waits are
// drawn again from that month (schedule_idle_founders); by the geometric law's lack of memory
// this is the same as the month-by-month draws.
namespace kopa {

// The wake-up month of a founder whose event falls beyond the horizon (or never comes).
inline constexpr std::int16_t never_wakes = std::numeric_limits<std::int16_t>::max();

inline IdleContext idle_context(const MonthContext& c, std::size_t region) {
  return {c.region_attitude[region], c.atmosphere[region]};
}

// Monthly chance that latent founder i forms an idea (docs/ODD.md 7.6).
inline double ideation_hazard(const Model& model, const Founders& f, std::size_t i,
                              const IdleContext& c) {
  const ModelParameters& p = model.parameters();
  return p.founders.ideation_rate * p.groups[index(f.group[i])].ideation_ratio *
         (f.motivation[i] / 0.5) * (0.5 + model.region(f.region[i]).local_demand) *
         (0.75 + 0.5 * c.attitude) * (1.0 + c.atmosphere);
}

// Monthly chance that dormant founder i returns with a new idea (docs/ODD.md 7.6).
inline double return_hazard(const Model& model, const Founders& f, std::size_t i,
                            const IdleContext& c) {
  return model.parameters().founders.dormant_return_rate * f.motivation[i] * (1.0 + c.atmosphere);
}

// Whether founder i waits for an event: latent or dormant (closed founders never return).
inline bool waits_for_idea(Stage s) {
  return s == Stage::latent || s == Stage::dormant;
}

// Months before the first success of independent monthly trials of chance `hazard`, from a
// uniform u in [0, 1): K = floor(ln(1 - u) / ln(1 - h)), so P(K >= k) = (1 - h)^k, the chance of
// k failures in a row. Beyond `limit` (or h = 0) the result is `limit`.
inline std::int64_t months_to_event(double hazard, double u, std::int64_t limit) {
  if (hazard >= 1.0) return 0;
  if (!(hazard > 0.0)) return limit;
  const double k = std::floor(std::log1p(-u) / std::log1p(-hazard));
  return k < static_cast<double>(limit) ? static_cast<std::int64_t>(k) : limit;
}

// The month of idle founder i's next event when its wait starts in month `from`, with the
// chance of the current month context: `U(idle_wait, from, i, 0)` u0.
inline std::int16_t wake_month(const Model& model, const RunState& state, std::size_t i, int from) {
  const Founders& f = state.founders;
  const IdleContext c = idle_context(state.context, f.region[i]);
  // A pool's wait is for the first of its people's ideas (model/pools.hpp).
  const double hazard = f.stage[i] == Stage::latent
                            ? pool_hazard(ideation_hazard(model, f, i, c), f.people(i))
                            : return_hazard(model, f, i, c);
  const std::int64_t left = model.months() - from;
  const double u = state.random.uniforms(Stream::idle_wait, from, state.founders.stream_key(i))[0];
  const std::int64_t k = months_to_event(hazard, u, left);
  return k < left ? static_cast<std::int16_t>(from + k) : never_wakes;
}

// Founder i has just gone dormant (in this month, after founders_act's draws): under event
// scheduling its wait starts next month.
inline void start_idle_wait(const Model& model, RunState& state, std::size_t i) {
  if (state.scheduling != Scheduling::events) return;
  state.founders.idea_month[i] = wake_month(model, state, i, state.month + 1);
}

}  // namespace kopa
