#pragma once
#include <array>
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

// ln(1 - h) for a chance h in (0, 1). Below 2^-10 by six terms of its series, exact to double
// precision (the terms left out add less than h^6 / 6 <= 2^-62 of the sum) at a fraction of
// log1p's cost: a latent founder's chance is about 10^-4, and every idle founder's wait is drawn
// at month 0.
inline double log_of_complement(double h) {
  if (h < 0x1.0p-10) {
    return -h *
           (1.0 + h * (1.0 / 2 + h * (1.0 / 3 + h * (1.0 / 4 + h * (1.0 / 5 + h * (1.0 / 6))))));
  }
  return std::log1p(-h);
}

// Months before the first success of independent monthly trials of chance `hazard`, from a
// uniform u in [0, 1): K = floor(ln(1 - u) / ln(1 - h)), so P(K >= k) = (1 - h)^k, the chance of
// k failures in a row. Beyond `limit` (or h = 0) the result is `limit`. When u >= limit * h the
// event is beyond the limit without a logarithm: the chance of an event within `limit` months,
// 1 - (1 - h)^limit, is at most limit * h (Bernoulli's inequality), and K < limit exactly when u
// is below that chance. About 99 in 100 latent founders' waits at month 0 end here.
inline std::int64_t months_to_event(double hazard, double u, std::int64_t limit) {
  if (hazard >= 1.0) return 0;
  if (!(hazard > 0.0)) return limit;
  if (u >= static_cast<double>(limit) * hazard) return limit;
  const double k = std::floor(std::log1p(-u) / log_of_complement(hazard));
  return k < static_cast<double>(limit) ? static_cast<std::int64_t>(k) : limit;
}

// The uniforms of the waits that start in month `from`: the founder of stream key k's
// (Founders::stream_key: its id for a sampled agent) is word k mod 4 of
// U(idle_wait, from, floor(k / 4), 0), so four neighbouring founders share one Philox call (one
// call per founder was about a third of month 0's waits' instructions). Still a pure function of
// (replicate, founder, month), and the four words are independent uniforms. Asked in increasing
// order of keys (as sampled agents within a block are), each call is made once.
class WaitUniforms {
 public:
  WaitUniforms(const RandomStreams& random, int from) : random_(random), from_(from) {}

  double operator()(std::uint64_t key) {
    if (key / 4 != quad_) {
      quad_ = key / 4;
      words_ = random_.uniforms(Stream::idle_wait, from_, quad_);
    }
    return words_[key % 4];
  }

 private:
  const RandomStreams& random_;
  int from_;
  std::uint64_t quad_ = std::numeric_limits<std::uint64_t>::max();
  std::array<double, 4> words_{};
};

// The month of idle founder i's next event when its wait starts in month `from`, with the
// chance of the current month context and the founder's uniform `u` (WaitUniforms).
inline std::int16_t wake_month(const Model& model, const RunState& state, std::size_t i, int from,
                               double u) {
  const Founders& f = state.founders;
  const IdleContext c = idle_context(state.context, f.region[i]);
  // A pool's wait is for the first of its people's ideas (model/pools.hpp).
  const double hazard = f.stage[i] == Stage::latent
                            ? pool_hazard(ideation_hazard(model, f, i, c), f.people(i))
                            : return_hazard(model, f, i, c);
  const std::int64_t left = model.months() - from;
  const std::int64_t k = months_to_event(hazard, u, left);
  return k < left ? static_cast<std::int16_t>(from + k) : never_wakes;
}

inline std::int16_t wake_month(const Model& model, const RunState& state, std::size_t i, int from) {
  return wake_month(model, state, i, from,
                    WaitUniforms(state.random, from)(state.founders.stream_key(i)));
}

// Founder i has just gone dormant (in this month, after founders_act's draws): under event
// scheduling its wait starts next month.
inline void start_idle_wait(const Model& model, RunState& state, std::size_t i) {
  if (state.scheduling != Scheduling::events) return;
  state.founders.idea_month[i] = wake_month(model, state, i, state.month + 1);
}

}  // namespace kopa
