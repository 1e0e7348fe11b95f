#pragma once
#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/founders.hpp"
#include "model/kinds.hpp"
#include "model/lever_target.hpp"

// The monthly census's exact sums (docs/ODD.md, "Observation"). The census counts people and sums
// their traits per region x group cell (cell_of) in integers - traits in fixed point, in units of
// 2^-36 - each founder counted as the people it stands for (Founders::people: 1, or a latent
// pool's people). Integer
// sums are exact, so they are the same in any order and, unlike sums of doubles, can be kept up
// to date: the idle founders' part (latent, dormant, closed: about 9 in 10 founders, whose stage
// and traits no founder phase changes) is added when a founder enters an idle stage and taken
// away when it leaves one or a tie changes its skills (RunState::idle_census), so the monthly
// census visits only the engaged founders' lists.
namespace kopa {

// 2^36 per unit of a trait in [0, 1]: a cell's sum stays below 2^63 up to 2^27 people, and a
// trait is kept to about 1.5e-11, far below any difference a reported mean can show.
inline constexpr double census_unit = 0x1p36;

inline std::int64_t fixed_point(float trait) {
  return static_cast<std::int64_t>(static_cast<double>(trait) * census_unit);
}

// What a region x group cell's people add up to.
struct CensusCell {
  std::array<std::int64_t, stage_count> people{};  // by stage
  std::int64_t skill = 0;                          // business skill, fixed point
  std::int64_t admin = 0;                          // admin capacity, fixed point
  std::int64_t awareness = 0;                      // fixed point
  std::int64_t sustained_enterprises = 0;          // sustained founders whose form is enterprise

  bool operator==(const CensusCell&) const = default;
};

// What a region's engaged founders add up to beyond their cells.
struct RegionCensus {
  std::int64_t supported = 0;                      // on a caseload and in an active stage
  std::array<std::int64_t, form_count> lasting{};  // sustained, by form
  std::int64_t jobs = 0;                           // of operating initiatives
  // Months operated since launch, summed over operating enterprises and other forms.
  std::int64_t months_enterprise = 0;
  std::int64_t months_other = 0;

  bool operator==(const RegionCensus&) const = default;
};

// A census of people: `cells` per region x group, `regions` per region.
struct CensusCounts {
  std::vector<CensusCell> cells;
  std::vector<RegionCensus> regions;

  CensusCounts() = default;
  explicit CensusCounts(std::size_t region_count)
      : cells(region_count * group_count), regions(region_count) {}
  bool operator==(const CensusCounts&) const = default;

  // Counts founder i at the end of `month`.
  void count(const Founders& f, std::size_t i, int month) {
    const std::size_t r = f.region[i];
    const Stage s = f.stage[i];
    CensusCell& c = cells[cell_of(r, f.group[i])];
    const std::int64_t people = f.people(i);  // more than 1 only for a latent pool
    c.people[index(s)] += people;
    c.skill += people * fixed_point(f.business_skill[i]);
    c.admin += people * fixed_point(f.admin_capacity[i]);
    c.awareness += people * fixed_point(f.awareness[i]);
    if (is_idle_stage(s)) return;  // the rest counts engaged stages only: one person each
    RegionCensus& region = regions[r];
    // A founder who left the active stages this month is let go only next month
    // (release_caseloads); it is no longer counted as supported.
    if (f.advocate[i] != no_advocate && s != Stage::sustained) ++region.supported;
    if (s == Stage::micro_project || s == Stage::idea) return;
    // Operating: a start-up or sustained.
    if (s == Stage::sustained) {
      ++region.lasting[index(f.form[i])];
      if (f.form[i] == Form::enterprise) ++c.sustained_enterprises;
    }
    region.jobs += f.jobs[i];
    // A launch operates from the month after.
    (f.form[i] == Form::enterprise ? region.months_enterprise : region.months_other) +=
        month - f.launch_month[i];
  }

  void add(const CensusCounts& o) {
    for (std::size_t k = 0; k < cells.size(); ++k) {
      for (std::size_t s = 0; s < stage_count; ++s) cells[k].people[s] += o.cells[k].people[s];
      cells[k].skill += o.cells[k].skill;
      cells[k].admin += o.cells[k].admin;
      cells[k].awareness += o.cells[k].awareness;
      cells[k].sustained_enterprises += o.cells[k].sustained_enterprises;
    }
    for (std::size_t r = 0; r < regions.size(); ++r) {
      regions[r].supported += o.regions[r].supported;
      for (std::size_t k = 0; k < form_count; ++k) regions[r].lasting[k] += o.regions[r].lasting[k];
      regions[r].jobs += o.regions[r].jobs;
      regions[r].months_enterprise += o.regions[r].months_enterprise;
      regions[r].months_other += o.regions[r].months_other;
    }
  }
};

// Adds `value` to a sum that founder blocks add to in parallel (the idle founders' census):
// relaxed atomic integer additions commute, so the sum is the same whatever the order.
inline void add_shared(std::int64_t& into, std::int64_t value) {
  std::atomic_ref<std::int64_t>(into).fetch_add(value, std::memory_order_relaxed);
}

// Adds `people` of founder i's people, in an idle stage, to the idle founders' census `idle`
// (below 0: takes them away).
inline void tally_idle(std::vector<CensusCell>& idle, const Founders& f, std::size_t i,
                       std::int64_t people) {
  CensusCell& c = idle[cell_of(f.region[i], f.group[i])];
  add_shared(c.people[index(f.stage[i])], people);
  add_shared(c.skill, people * fixed_point(f.business_skill[i]));
  add_shared(c.admin, people * fixed_point(f.admin_capacity[i]));
  add_shared(c.awareness, people * fixed_point(f.awareness[i]));
}

// Founder i has just entered an idle stage (its stage is set).
inline void enter_idle(std::vector<CensusCell>& idle, const Founders& f, std::size_t i) {
  tally_idle(idle, f, i, f.people(i));
}

// Founder i, in an idle stage, is about to leave it or to change a counted trait.
inline void leave_idle(std::vector<CensusCell>& idle, const Founders& f, std::size_t i) {
  tally_idle(idle, f, i, -static_cast<std::int64_t>(f.people(i)));
}

}  // namespace kopa
