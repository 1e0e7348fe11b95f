#include <algorithm>
#include <tuple>
#include <vector>

#include "model/engaged.hpp"
#include "model/phase_support.hpp"
#include "model/phases.hpp"

namespace kopa {
namespace {

// The lower of two tied founders learns a share `rate` of the gap to the higher.
void diffuse(std::vector<float>& skill, const Tie& tie, double rate) {
  float& a = skill[tie.a];
  float& b = skill[tie.b];
  const float step = static_cast<float>(rate * (std::max(a, b) - std::min(a, b)));
  (a < b ? a : b) += step;
}

// Participants of this event: per region, the first `participants_per_region` founders in a
// random order, each one person (model/phase_support.hpp). A cheap parallel pre-filter keeps the
// sort small at a million founders.
std::vector<std::uint32_t> choose_participants(const Model& model, RunState& state) {
  const Founders& f = state.founders;
  const std::vector<double>& places = state.context.exchange_places;  // 0 where it does not act
  std::vector<double> keep(model.region_count());
  for (std::size_t r = 0; r < keep.size(); ++r) {
    if (places[r] <= 0.0) continue;
    const double eligible = std::max<double>(1.0, state.training_eligible[r]);
    keep[r] = std::min(1.0, 4.0 * (places[r] + 1.0) / eligible);
  }
  for_each_block(state.parallelism, f.size(), [&](std::size_t block, std::size_t, std::size_t) {
    auto& found = state.block_candidates[block];
    found.clear();
    for_each_engaged_or_joined(state, block, [&](std::size_t i) {
      if (!is_active_stage(f.stage[i])) return;
      if (state.random.uniforms(Stream::exchange, state.month, state.founders.stream_key(i))[0] <
          keep[f.region[i]]) {
        found.push_back(static_cast<std::uint32_t>(i));
      }
    });
  });
  std::vector<std::tuple<std::uint16_t, double, std::uint32_t>> order;
  for (std::size_t b = 0; b < block_count(f.size()); ++b) {
    for (std::uint32_t i : state.block_candidates[b]) {
      order.emplace_back(
          f.region[i],
          state.random.uniforms(Stream::exchange, state.month, state.founders.stream_key(i))[1], i);
    }
  }
  std::sort(order.begin(), order.end());
  // Places are whole people (participants_per_region is an integer): one each while any is left.
  std::vector<std::uint32_t> chosen;
  std::vector<double> left = places;
  for (const auto& [region, key, i] : order) {
    if (left[region] < 1.0) continue;
    left[region] -= 1.0;
    chosen.push_back(i);
  }
  return chosen;
}

void hold_event(const Model& model, RunState& state) {
  const KnowledgeExchangeLever& lever = model.parameters().levers.knowledge_exchange;
  Founders& f = state.founders;
  const std::vector<std::uint32_t> participants = choose_participants(model, state);
  const double per_pair = lever.tie_probability /
                          static_cast<double>(std::max<Integer>(1, lever.participants_per_region));
  for (std::size_t x = 0; x < participants.size(); ++x) {
    for (std::size_t y = x + 1; y < participants.size(); ++y) {
      const std::uint32_t a = participants[x], b = participants[y];
      if (f.region[a] == f.region[b]) continue;
      const double chance = per_pair * std::exp(-model.distance_km(f.region[a], f.region[b]) /
                                                lever.distance_scale_km);
      if (state.random.uniforms(Stream::exchange, state.month, f.stream_key(a),
                                1 + f.stream_key(b))[0] >= chance) {
        continue;
      }
      state.ties.push_back({a, b});
      state.flows.founders.new_ties_by_kind[index(PartnerKind::founder)] += 1.0;
      state.cross_region_ties += 1.0;
      for (std::uint32_t i : {a, b}) {
        f.social_capital[i] = gain_towards_one(f.social_capital[i], 0.05);
        f.awareness[i] = gain_towards_one(f.awareness[i], 0.05);
      }
    }
  }
  double people = 0.0;
  for (std::uint32_t i : participants) {
    f.business_skill[i] = gain_towards_one(f.business_skill[i], lever.event_skill_gain);
    f.admin_capacity[i] = gain_towards_one(f.admin_capacity[i], lever.event_skill_gain);
    people += f.people(i);
  }
  state.flows.public_cost[index(Lever::knowledge_exchange)] +=
      lever.cost_per_event + lever.cost_per_participant * people;
}

}  // namespace

void exchange_knowledge(const Model& model, RunState& state) {
  if (state.context.exchange_event) hold_event(model, state);
  const double rate = model.parameters().levers.knowledge_exchange.diffusion_rate;
  Founders& f = state.founders;
  for (const Tie& tie : state.ties) {
    // A tie's end may be idle: the idle founders' census follows its skills.
    const bool idle_a = is_idle_stage(f.stage[tie.a]);
    const bool idle_b = is_idle_stage(f.stage[tie.b]);
    if (idle_a) leave_idle(state.idle_census, f, tie.a);
    if (idle_b) leave_idle(state.idle_census, f, tie.b);
    diffuse(f.business_skill, tie, rate);
    diffuse(f.admin_capacity, tie, rate);
    if (idle_a) enter_idle(state.idle_census, f, tie.a);
    if (idle_b) enter_idle(state.idle_census, f, tie.b);
  }
}

}  // namespace kopa
