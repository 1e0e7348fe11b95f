#include "model/engaged.hpp"
#include "model/phases.hpp"

namespace kopa {

void list_engaged_founders(const Model&, RunState& state) {
  const Founders& f = state.founders;
  for_each_block(state.parallelism, f.size(),
                 [&](std::size_t block, std::size_t begin, std::size_t end) {
                   // Without a branch: every offset is written, and kept only if engaged.
                   std::uint16_t* offsets = state.engaged.data() + begin;
                   const Stage* stage = f.stage.data() + begin;
                   const std::int32_t* advocate = f.advocate.data() + begin;
                   std::uint32_t count = 0;
                   for (std::size_t k = 0; k < end - begin; ++k) {
                     offsets[count] = static_cast<std::uint16_t>(k);
                     count += static_cast<std::uint32_t>(!is_idle_stage(stage[k])) |
                              static_cast<std::uint32_t>(advocate[k] != no_advocate);
                   }
                   state.engaged_count[block] = count;
                 });
}

}  // namespace kopa
