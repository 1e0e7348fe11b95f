#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/kinds.hpp"

namespace kopa {

// Where one lever acts, resolved from its targeting (LeverTargeting) against the scenario's
// regions: a mask over regions and one over region x group cells (cell r * group_count + g).
// Levers fold their effects only into the cells and regions of their mask, so targeting is a
// mask, not a branch in every phase.
struct LeverTarget {
  std::vector<std::uint8_t> regions;  // per region: 1 where the lever acts
  std::vector<std::uint8_t> cells;    // per region x group: 1 where it acts for that group
  double region_count = 0.0;          // regions it acts in
  double region_share = 0.0;          // region_count over all regions (1 when untargeted)

  bool acts_in(std::size_t region) const { return regions[region] != 0; }
  bool acts_on(std::size_t cell) const { return cells[cell] != 0; }

  // act(r) for every region the lever acts in, in region order: how a lever folds a per-region
  // effect, so that no lever writes the loop and its mask test again.
  template <class Act>
  void for_each_region(Act&& act) const {
    for (std::size_t r = 0; r < regions.size(); ++r) {
      if (acts_in(r)) act(r);
    }
  }
  // act(cell) for every region x group cell the lever acts on, in cell order.
  template <class Act>
  void for_each_cell(Act&& act) const {
    for (std::size_t cell = 0; cell < cells.size(); ++cell) {
      if (acts_on(cell)) act(cell);
    }
  }
};

inline std::size_t cell_of(std::size_t region, Group group) {
  return region * group_count + index(group);
}

}  // namespace kopa
