#include <algorithm>
#include <cstring>
#include <vector>

#include "model/engaged.hpp"
#include "model/phases.hpp"

namespace kopa {
namespace {

// The block's list by a scan of all its founders, without a branch: every offset is written, and
// kept only if engaged.
std::uint32_t list_by_scan(const Founders& f, std::uint16_t* offsets, std::size_t begin,
                           std::size_t end) {
  const Stage* stage = f.stage.data() + begin;
  const AdvocateIndex* advocate = f.advocate.data() + begin;
  std::uint32_t count = 0;
  for (std::size_t k = 0; k < end - begin; ++k) {
    offsets[count] = static_cast<std::uint16_t>(k);
    count += static_cast<std::uint32_t>(!is_idle_stage(stage[k])) |
             static_cast<std::uint32_t>(advocate[k] != no_advocate);
  }
  return count;
}

// The block's list from last month's and the founders who joined it in last month's
// founders_act (the only way in), keeping those still engaged: the same list as a scan, in
// O(engaged) instead of O(founders). Merged from the back, so that no entry is overwritten before
// it is read (the write position never falls below the entries left to read), then moved to the
// front. A founder on both lists (dormant on a caseload, then an idea) is taken once.
std::uint32_t list_by_update(const Founders& f, std::uint16_t* offsets, std::size_t old_count,
                             const std::vector<std::uint32_t>& joined, std::size_t begin) {
  std::size_t e = old_count, j = joined.size(), w = old_count + joined.size();
  const std::size_t total = w;
  while (e > 0 || j > 0) {
    std::size_t k = 0;
    if (j == 0 || (e > 0 && begin + offsets[e - 1] > joined[j - 1])) {
      k = offsets[--e];
    } else {
      k = joined[--j] - begin;
      if (e > 0 && offsets[e - 1] == k) --e;
    }
    if (is_engaged(f, begin + k)) offsets[--w] = static_cast<std::uint16_t>(k);
  }
  std::memmove(offsets, offsets + w, (total - w) * sizeof(std::uint16_t));
  return static_cast<std::uint32_t>(total - w);
}

// The idle founders' census counted afresh (RunState::idle_census), block by block, each block's
// integer sums added at once.
void count_idle_founders(RunState& state) {
  const Founders& f = state.founders;
  std::fill(state.idle_census.begin(), state.idle_census.end(), CensusCell{});
  for_each_block(state.parallelism, f.size(), [&](std::size_t, std::size_t begin, std::size_t end) {
    CensusCounts block(state.idle_census.size() / group_count);
    for (std::size_t i = begin; i < end; ++i) {
      if (is_idle_stage(f.stage[i])) block.count(f, i, state.month);
    }
    for (std::size_t c = 0; c < block.cells.size(); ++c) {
      CensusCell& into = state.idle_census[c];
      const CensusCell& from = block.cells[c];
      for (std::size_t s = 0; s < stage_count; ++s) add_shared(into.people[s], from.people[s]);
      add_shared(into.skill, from.skill);
      add_shared(into.admin, from.admin);
      add_shared(into.awareness, from.awareness);
    }
  });
}

}  // namespace

void list_engaged_founders(const Model&, RunState& state) {
  const Founders& f = state.founders;
  // Last month's lists can be brought up to date when they are last month's (a state set up or
  // edited by hand has engaged_listed_month = -1 and is scanned).
  const bool update = state.month > 0 && state.engaged_listed_month == state.month - 1;
  for_each_block(
      state.parallelism, f.size(), [&](std::size_t block, std::size_t begin, std::size_t end) {
        std::uint16_t* offsets = state.engaged.data() + begin;
        const std::size_t old_count = state.engaged_count[block];
        const auto& joined = state.joined[block];
        state.engaged_count[block] = update && old_count + joined.size() <= end - begin
                                         ? list_by_update(f, offsets, old_count, joined, begin)
                                         : list_by_scan(f, offsets, begin, end);
      });
  // A scan of all (a state set up or edited by hand) counts the idle founders afresh too.
  if (!update) count_idle_founders(state);
  state.engaged_listed_month = state.month;
}

}  // namespace kopa
