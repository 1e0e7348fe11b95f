#include "model/pools.hpp"

#include <algorithm>

#include "util/blocks.hpp"

namespace kopa {

std::size_t append_person(const Model& model, RunState& state, std::size_t parent,
                          std::uint32_t number_in_pool) {
  Founders& f = state.founders;
  const std::size_t id = f.size();
  // Grown by a sixteenth at a time, not doubled: a run's split-off people are a small share of
  // its founders (docs/ODD.md 2.10), and doubling every vector would double the run's memory.
  if (id == f.stage.capacity()) f.reserve(id + std::max<std::size_t>(id / 16, 4096));
  f.resize(id + 1);  // latent, no advocate, no form, no award (Founders::resize)
  f.region[id] = f.region[parent];
  f.group[id] = f.group[parent];
  f.business_skill[id] = f.business_skill[parent];
  f.admin_capacity[id] = f.admin_capacity[parent];
  f.motivation[id] = f.motivation[parent];
  f.social_capital[id] = f.social_capital[parent];
  f.awareness[id] = f.awareness[parent];
  f.cash[id] = f.cash[parent];
  f.people_or_person[id] =
      static_cast<std::uint32_t>(model.first_person(parent, f.region[parent]) + number_in_pool);
  fit_blocks(model, state);
  return id;
}

void fit_blocks(const Model& model, RunState& state) {
  const std::size_t blocks = std::max<std::size_t>(1, block_count(state.founders.size()));
  if (state.block_tallies.size() < blocks) {
    const std::size_t before = state.block_tallies.size();
    state.block_tallies.resize(blocks);
    for (std::size_t b = before; b < blocks; ++b)
      state.block_tallies[b].reset(model.region_count());
    state.block_candidates.resize(blocks);
    state.block_splits.resize(blocks);
    state.engaged_count.resize(blocks, 0);
    state.joined.resize(blocks);
  }
  // A block's list may fill its whole block (model/engaged.hpp).
  if (state.engaged.size() < blocks * founder_block_size) {
    state.engaged.resize(blocks * founder_block_size, 0);
  }
}

}  // namespace kopa
