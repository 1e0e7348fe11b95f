#include <algorithm>
#include <atomic>
#include <cmath>
#include <tuple>

#include "model/engaged.hpp"
#include "model/phase_support.hpp"
#include "model/phases.hpp"

namespace kopa {
namespace {

// Whom each kind of advocate brokers collaborations with (the partner kinds of the seed's
// Figure 1). Model structure, documented in docs/ODD.md; weights per row sum to 1.
constexpr std::array<std::array<double, partner_kind_count>, advocate_kind_count> partner_mix{{
    // incubator coworking university social_service public_body social_ent private ngo leader
    // founder
    {{0.00, 0.15, 0.00, 0.25, 0.15, 0.00, 0.00, 0.25, 0.20, 0.0}},  // ngo
    {{0.00, 0.00, 0.00, 0.00, 0.30, 0.20, 0.30, 0.00, 0.20, 0.0}},  // local_leader
    {{0.00, 0.00, 0.00, 0.40, 0.30, 0.00, 0.00, 0.30, 0.00, 0.0}},  // social_service
    {{0.30, 0.20, 0.20, 0.00, 0.00, 0.00, 0.30, 0.00, 0.00, 0.0}},  // incubator
    {{0.10, 0.10, 0.10, 0.15, 0.15, 0.10, 0.10, 0.10, 0.10, 0.0}},  // accelerator_team
}};

PartnerKind draw_partner(AdvocateKind kind, double u) {
  const auto& row = partner_mix[index(kind)];
  double cumulative = 0.0;
  for (std::size_t k = 0; k < partner_kind_count; ++k) {
    cumulative += row[k];
    if (u < cumulative) return static_cast<PartnerKind>(k);
  }
  return PartnerKind::ngo;
}

bool advocate_takes(const Model& model, const RunState& state, std::size_t advocate,
                    std::size_t founder) {
  const AdvocateKind kind = model.advocates()[advocate].kind;
  if (kind == AdvocateKind::accelerator_team && state.founders.stage[founder] == Stage::idea) {
    return false;  // accelerator teams work with existing micro-projects
  }
  return state.founders.business_skill[founder] >= model.advocate_kind(kind).min_business_skill;
}

// Free places, in people: the capacity in whole people (as many as the kind's caseload, raised by
// a one-roof platform, rounded down) less the founders on its caseload, each one person (an
// engaged founder is never a pool, model/pools.hpp). So the room is a whole number of people,
// never part of one: a founder fits or it does not (docs/ODD.md 7.14).
double free_room(const Model& model, const RunState& state, std::size_t advocate) {
  if (!state.context.advocate_active[advocate]) return 0.0;
  const AdvocateSeat& seat = model.advocates()[advocate];
  const double gain = state.context.capacity_multiplier[seat.region];
  const double people =
      std::floor(static_cast<double>(model.advocate_kind(seat.kind).capacity) * gain);
  return std::max(0.0, people - state.caseload[advocate]);
}

// Monthly chance that an unsupported founder in the region is discovered: one chance per
// advocate with free room, raised by a one-roof platform and a LEN, lowered by remoteness.
std::vector<double> discovery_hazards(const Model& model, const RunState& state) {
  const auto& c = state.context;
  std::vector<double> hazard(model.region_count(), 0.0);
  for (std::size_t r = 0; r < model.region_count(); ++r) {
    double miss = 1.0;
    const auto [first, last] = model.advocates_of(r);
    for (std::size_t a = first; a < last; ++a) {
      if (free_room(model, state, a) > 0.0) {
        miss *= 1.0 - model.advocate_kind(model.advocates()[a].kind).outreach;
      }
    }
    const double network = model.region(r).has_len ? 1.5 : 1.0;
    hazard[r] = std::min(1.0, (1.0 - miss) * model.reach(r) * c.discovery_multiplier[r] * network);
  }
  return hazard;
}

}  // namespace

void release_caseloads(const Model& model, RunState& state) {
  Founders& f = state.founders;
  const auto graduation = model.parameters().startups.graduation_months;
  for_each_block(state.parallelism, f.size(), [&](std::size_t block, std::size_t, std::size_t) {
    for_each_engaged(state, block, [&](std::size_t i) {
      const AdvocateIndex a = f.advocate[i];
      if (a == no_advocate) return;
      const bool graduated = f.stage[i] == Stage::startup && f.months_in_stage[i] >= graduation;
      if (state.context.advocate_active[a] && is_active_stage(f.stage[i]) && !graduated) return;
      f.advocate[i] = no_advocate;
      // Integer decrements commute: the result is the same in any order.
      std::atomic_ref<std::int32_t>(state.caseload[a]).fetch_sub(1, std::memory_order_relaxed);
    });
  });
}

void discover_founders(const Model& model, RunState& state) {
  Founders& f = state.founders;
  const std::vector<double> hazard = discovery_hazards(model, state);
  const auto graduation = model.parameters().startups.graduation_months;
  for_each_block(state.parallelism, f.size(), [&](std::size_t block, std::size_t, std::size_t) {
    auto& found = state.block_candidates[block];
    found.clear();
    for_each_engaged(state, block, [&](std::size_t i) {
      if (f.advocate[i] != no_advocate || !is_active_stage(f.stage[i])) return;
      if (f.stage[i] == Stage::startup && f.months_in_stage[i] >= graduation) {
        return;  // graduated: no longer looking for an advocate
      }
      if (hazard[f.region[i]] <= 0.0) return;
      const auto u =
          state.random.uniforms(Stream::outreach, state.month, state.founders.stream_key(i));
      if (u[0] < hazard[f.region[i]]) found.push_back(static_cast<std::uint32_t>(i));
    });
  });

  // Contention for caseload places is settled here, in one deterministic order: by region, then
  // by a random priority, then by id.
  std::vector<std::tuple<std::uint16_t, double, std::uint32_t>> queue;
  for (std::size_t b = 0; b < block_count(f.size()); ++b) {
    for (std::uint32_t i : state.block_candidates[b]) {
      queue.emplace_back(
          f.region[i],
          state.random.uniforms(Stream::outreach, state.month, state.founders.stream_key(i))[1], i);
    }
  }
  std::sort(queue.begin(), queue.end());
  for (const auto& [region, priority, i] : queue) {
    const auto [first, last] = model.advocates_of(region);
    // A dedicated accelerator team comes first; otherwise the advocate with the most room.
    std::size_t best = last;
    std::pair<bool, double> best_rank{false, 0.0};
    for (std::size_t a = first; a < last; ++a) {
      const double room = free_room(model, state, a);
      if (room == 0.0 || !advocate_takes(model, state, a, i)) continue;
      const std::pair<bool, double> rank{
          model.advocates()[a].kind == AdvocateKind::accelerator_team, room};
      if (rank > best_rank) {
        best = a;
        best_rank = rank;
      }
    }
    if (best == last) continue;
    f.advocate[i] = static_cast<AdvocateIndex>(best);
    ++state.caseload[best];
    const double people = f.people(i);
    state.flows.new_supported += people;
    state.flows.support_wait_months += people * (state.month - f.idea_month[i]);
  }
}

void coach_and_broker(const Model& model, RunState& state) {
  Founders& f = state.founders;
  const auto& c = state.context;
  tally_founder_blocks(model, state, [&](Tally& tally, std::size_t begin, std::size_t) {
    for_each_engaged(state, block_of(begin), [&](std::size_t i) {
      const AdvocateIndex a = f.advocate[i];
      if (a == no_advocate) return;
      const AdvocateKind kind = model.advocates()[a].kind;
      const AdvocateParameters& advocate = model.advocate_kind(kind);
      f.business_skill[i] = gain_towards_one(f.business_skill[i], advocate.coaching);
      f.admin_capacity[i] = gain_towards_one(f.admin_capacity[i], advocate.coaching);
      f.awareness[i] = gain_towards_one(f.awareness[i], 0.1);
      // Individual coaching keeps founders going (seed: coaching is one of the interventions
      // that help).
      f.motivation[i] = gain_towards_one(f.motivation[i], advocate.coaching);
      const auto u =
          state.random.uniforms(Stream::brokerage, state.month, state.founders.stream_key(i));
      const std::size_t r = f.region[i];
      const double brokerage = std::min(1.0, advocate.brokerage * c.brokerage_multiplier[r]);
      const double people = f.people(i);
      if (u[0] < brokerage) {
        tally.new_ties_by_kind[index(draw_partner(kind, u[1]))] += people;
        f.social_capital[i] = gain_towards_one(f.social_capital[i], 0.05);
      }
      if (u[2] < c.public_body_tie_rate[r]) {  // 0 without advocacy: u is in [0, 1)
        tally.new_ties_by_kind[index(PartnerKind::public_body)] += people;
        f.social_capital[i] = gain_towards_one(f.social_capital[i], 0.05);
      }
    });
  });
}

}  // namespace kopa
