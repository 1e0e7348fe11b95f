#include "model/engaged.hpp"
#include "model/phases.hpp"

namespace kopa {

void list_engaged_founders(const Model&, RunState& state) {
  const Founders& f = state.founders;
  for_each_block(state.parallelism, f.size(),
                 [&](std::size_t block, std::size_t begin, std::size_t end) {
                   // Without a branch: every offset is written, and kept only if engaged.
                   std::uint16_t* offsets = state.engaged.data() + begin;
                   std::uint32_t count = 0;
                   for (std::size_t i = begin; i < end; ++i) {
                     offsets[count] = static_cast<std::uint16_t>(i - begin);
                     count += is_engaged(f, i) ? 1 : 0;
                   }
                   state.engaged_count[block] = count;
                 });
}

}  // namespace kopa
