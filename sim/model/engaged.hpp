#pragma once
#include <cstddef>

#include "model/state.hpp"

// Engaged founders: those who are neither latent, dormant nor closed, or who are still on an
// advocate's caseload. Idle founders (about 9 in 10 at a time) only wait for an idea, which
// founders_act forms when their drawn wait ends (model/idle_wait.hpp); every founder phase acts
// on engaged founders alone (observe adds the idle founders' census, model/census.hpp), so it
// visits them from a per-block list kept in id order (RunState::engaged, brought up to date at
// the start of the month) instead of scanning every founder. A founder becomes engaged only by
// forming an idea in founders_act; exchange_knowledge, the one later phase that acts on new ideas,
// also visits those (RunState::joined). The lists change no result: they hold every founder a phase
// acts on, in the order the full scan would meet them, so the draws, the candidates and the block
// tallies' sums are the same.
namespace kopa {

inline bool is_engaged(const Founders& f, std::size_t i) {
  return !is_idle_stage(f.stage[i]) || f.advocate[i] != no_advocate;
}

// The block that starts at founder `begin`.
inline std::size_t block_of(std::size_t begin) {
  return begin / founder_block_size;
}

// Calls body(i) for the engaged founders of block `block`, in id order.
template <class Body>
void for_each_engaged(const RunState& state, std::size_t block, Body&& body) {
  const std::size_t begin = block * founder_block_size;
  const std::uint16_t* offsets = state.engaged.data() + begin;
  for (std::size_t k = 0; k < state.engaged_count[block]; ++k) body(begin + offsets[k]);
}

// Calls body(i) for the engaged founders of block `block` and those who joined them in this
// month's founders_act, in id order (each once).
template <class Body>
void for_each_engaged_or_joined(const RunState& state, std::size_t block, Body&& body) {
  const std::size_t begin = block * founder_block_size;
  const std::uint16_t* e = state.engaged.data() + begin;
  const std::uint16_t* const e_end = e + state.engaged_count[block];
  const auto& joined = state.joined[block];
  auto j = joined.begin();
  while (e != e_end || j != joined.end()) {
    std::size_t i = 0;
    if (j == joined.end() || (e != e_end && begin + *e < *j)) {
      i = begin + *e++;
    } else {
      if (e != e_end && begin + *e == *j) ++e;
      i = *j++;
    }
    body(i);
  }
}

}  // namespace kopa
