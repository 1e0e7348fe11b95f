#include "model/engaged.hpp"
#include "model/idle_wait.hpp"
#include "model/phase_support.hpp"
#include "model/phases.hpp"
#include "model/pools.hpp"

namespace kopa {
namespace {

// The order in which founders look at open calls: the simplest and closest first.
constexpr std::array<FunderKind, funder_count> call_preference{
    FunderKind::seed_fund,      FunderKind::municipal_grant, FunderKind::leader,
    FunderKind::national_grant, FunderKind::impact_investor, FunderKind::bank_loan};

struct FounderContext {
  const Model& model;
  RunState& state;
  const ModelParameters& p;
  const MonthContext& c;
};

// Founder i, one person, has an idea from this month (u_quality, u_fit: its ideation draws).
void begin_idea(RunState& state, std::size_t i, double u_quality, double u_fit) {
  Founders& f = state.founders;
  f.stage[i] = Stage::idea;
  f.months_in_stage[i] = 0;
  f.idea_month[i] = static_cast<std::int16_t>(state.month);
  f.idea_quality[i] = clamp_unit(0.5 * f.business_skill[i] + 0.5 * u_quality);
  f.need_fit[i] = static_cast<float>(u_fit);
}

void form_idea(const FounderContext& x, Tally& tally, std::size_t i, double u_quality,
               double u_fit) {
  leave_idle(x.state.idle_census, x.state.founders, i);  // latent or dormant until now
  begin_idea(x.state, i, u_quality, u_fit);
  tally.new_ideas += 1.0;
}

// `ideas` (>= 1) of pool i's people form an idea this month (model/pools.hpp). They split off:
// recorded in `splits`, appended after the founder blocks (split_off_ideas); the pool keeps the
// rest and, under event scheduling, draws its wait again from next month. If it is all of its
// people, the agent itself keeps the last one's idea.
void pool_ideas(const FounderContext& x, Tally& tally, std::size_t i, std::uint32_t ideas,
                std::vector<std::uint32_t>& joined, std::vector<PoolSplit>& splits) {
  Founders& f = x.state.founders;
  const std::uint32_t people = f.people(i);
  const std::uint32_t leaving = ideas >= people ? people - 1 : ideas;
  if (leaving > 0) {
    tally_idle(x.state.idle_census, f, i, -static_cast<std::int64_t>(leaving));
    const std::uint32_t split_before = x.model.agent_people(i, f.region[i]) - people;
    splits.push_back({static_cast<std::uint32_t>(i), split_before, leaving});
    tally.new_ideas += leaving;
    f.people_or_person[i] = people - leaving;
  }
  if (ideas >= people) {
    const auto u = x.state.random.uniforms(Stream::ideation, x.state.month, f.stream_key(i));
    form_idea(x, tally, i, u[1], u[2]);
    joined.push_back(static_cast<std::uint32_t>(i));
  } else if (x.state.scheduling == Scheduling::events) {
    f.idea_month[i] = wake_month(x.model, x.state, i, x.state.month + 1);
  }
}

// A pool's people in the month-by-month reference: each forms an idea with its chance.
void act_pool(const FounderContext& x, Tally& tally, std::size_t i,
              std::vector<std::uint32_t>& joined, std::vector<PoolSplit>& splits) {
  Founders& f = x.state.founders;
  const double hazard = ideation_hazard(x.model, f, i, idle_context(x.c, f.region[i]));
  UniformSequence u(x.state.random, Stream::ideation, x.state.month, f.stream_key(i), 1);
  const std::uint32_t ideas = successes(f.people(i), hazard, u);
  if (ideas > 0) pool_ideas(x, tally, i, ideas, joined, splits);
}

// A pool whose drawn wait ends this month: at least one of its people forms an idea.
void wake_pool(const FounderContext& x, Tally& tally, std::size_t i,
               std::vector<std::uint32_t>& joined, std::vector<PoolSplit>& splits) {
  Founders& f = x.state.founders;
  const double hazard = ideation_hazard(x.model, f, i, idle_context(x.c, f.region[i]));
  UniformSequence u(x.state.random, Stream::ideation, x.state.month, f.stream_key(i), 1);
  pool_ideas(x, tally, i, ideas_when_due(f.people(i), hazard, u), joined, splits);
}

void act_latent(const FounderContext& x, Tally& tally, std::size_t i) {
  Founders& f = x.state.founders;
  const auto u =
      x.state.random.uniforms(Stream::ideation, x.state.month, x.state.founders.stream_key(i));
  const double hazard = ideation_hazard(x.model, f, i, idle_context(x.c, f.region[i]));
  if (u[0] < hazard) form_idea(x, tally, i, u[1], u[2]);
}

void act_idea(const FounderContext& x, Tally& tally, std::size_t i) {
  Founders& f = x.state.founders;
  const auto u =
      x.state.random.uniforms(Stream::co_creation, x.state.month, x.state.founders.stream_key(i));
  const bool supported = f.advocate[i] != no_advocate;
  const double co_creation = x.p.founders.co_creation_rate * f.social_capital[i] +
                             (supported ? x.p.founders.supported_co_creation_rate : 0.0);
  if (u[0] < co_creation) {
    f.stage[i] = Stage::micro_project;
    f.months_in_stage[i] = 0;
    // A founder returning with a new idea keeps the form its earlier initiative took.
    if (f.form[i] == Form::undecided)
      f.form[i] = micro_project_form(x.model, f.business_skill[i], u[1]);
    const double people = f.people(i);
    tally.new_micro_projects += people;
    tally.new_micro_projects_by_region[f.region[i]] += people;
    return;
  }
  const double give_up = x.p.founders.idea_abandon_rate * (1.0 - f.motivation[i]) *
                         (1.0 - x.c.atmosphere[f.region[i]]) * (supported ? 0.5 : 1.0);
  if (u[2] < give_up) {
    set_stage(x.state, i, Stage::dormant);
    start_idle_wait(x.model, x.state, i);
    tally.dormancies += f.people(i);
  }
}

void act_dormant(const FounderContext& x, Tally& tally, std::size_t i) {
  Founders& f = x.state.founders;
  const auto u =
      x.state.random.uniforms(Stream::ideation, x.state.month, x.state.founders.stream_key(i));
  const double comeback = return_hazard(x.model, f, i, idle_context(x.c, f.region[i]));
  if (u[0] < comeback) form_idea(x, tally, i, u[1], u[2]);
}

// An idle founder whose drawn wait ends this month (event scheduling): its idea forms, with the
// idea's draws of the monthly model (U(ideation, m, i, 0) u1, u2).
void wake(const FounderContext& x, Tally& tally, std::size_t i) {
  const auto u =
      x.state.random.uniforms(Stream::ideation, x.state.month, x.state.founders.stream_key(i));
  form_idea(x, tally, i, u[1], u[2]);
}

void train(const FounderContext& x, Tally& tally, std::size_t i) {
  Founders& f = x.state.founders;
  const std::size_t r = f.region[i];
  ++tally.training_eligible_by_region[r];
  const auto u =
      x.state.random.uniforms(Stream::training, x.state.month, x.state.founders.stream_key(i));
  if (u[0] < x.c.training_chance[r]) {  // local training: no remoteness penalty
    f.business_skill[i] = gain_towards_one(f.business_skill[i], x.c.training_skill_gain);
    f.admin_capacity[i] = gain_towards_one(f.admin_capacity[i], x.c.training_admin_gain);
    tally.lever_training_seats += f.people(i);  // seats taken, in people
  } else if (u[1] < x.p.founders.training_rate * x.model.reach(r)) {
    f.business_skill[i] = gain_towards_one(f.business_skill[i], x.p.founders.training_skill_gain);
    f.admin_capacity[i] = gain_towards_one(f.admin_capacity[i], x.p.founders.training_admin_gain);
  }
}

void learn_and_hear(const FounderContext& x, std::size_t i) {
  Founders& f = x.state.founders;
  const double ties = f.social_capital[i];
  f.business_skill[i] =
      gain_towards_one(f.business_skill[i], x.p.founders.tie_learning_rate * ties);
  f.admin_capacity[i] =
      gain_towards_one(f.admin_capacity[i], x.p.founders.tie_learning_rate * ties);
  // Without one_roof or open_schemes the gains are 0 and the sum is the ties' term exactly.
  const std::size_t cell = cell_of(f.region[i], f.group[i]);
  double hear = x.p.founders.awareness_gain_ties * ties;
  hear += x.c.awareness_gain[cell];
  hear += x.c.outreach_awareness[cell];
  f.awareness[i] = gain_towards_one(f.awareness[i], hear);
  const double mean = x.p.groups[index(f.group[i])].motivation + 0.2 * x.c.atmosphere[f.region[i]];
  f.motivation[i] =
      clamp_unit(f.motivation[i] + x.p.founders.motivation_reversion * (mean - f.motivation[i]));
}

bool needs_money(const FounderContext& x, std::size_t i) {
  const Founders& f = x.state.founders;
  // One running grant or loan at a time.
  if (f.award_balance[i] > 0) return false;
  if (f.stage[i] == Stage::micro_project) {
    return launch_gap(x.model, f, i) > 0;
  }
  // A start-up asks for money when its cash would not carry it three months.
  const double fixed = f.form[i] == Form::enterprise ? x.p.startups.enterprise_fixed_cost
                                                     : x.p.startups.other_fixed_cost;
  return f.stage[i] == Stage::startup && f.cash[i] < 3.0 * fixed;
}

void apply_to_calls(const FounderContext& x, std::size_t i) {
  Founders& f = x.state.founders;
  if (!needs_money(x, i)) return;
  const bool supported = f.advocate[i] != no_advocate;
  const double quality = plan_quality(x.model, x.state, i);
  const std::size_t cell = cell_of(f.region[i], f.group[i]);
  const double guidance = x.c.guidance[cell];
  for (FunderKind kind : call_preference) {
    const std::size_t k = index(kind);
    if (!x.c.call_open[k]) continue;
    const FunderParameters& funder = x.model.funder(kind);
    if (f.stage[i] == Stage::micro_project) {
      if (!funder.micro_projects_eligible) continue;
      // A scheme whose smallest award exceeds the whole launch budget is too large for the
      // project: the founder looks at the next call rather than inflate its request.
      if (funder.grant_min > launch_cost(x.model, f.form[i])) continue;
    }
    // The seed fund is open to the groups and regions its lever targets; other funders for
    // disadvantaged groups to those.
    if (kind == FunderKind::seed_fund ? !x.c.seed_eligible[cell]
                                      : funder.disadvantaged_only && !is_disadvantaged(f.group[i]))
      continue;
    const auto u = x.state.random.uniforms(Stream::application, x.state.month,
                                           x.state.founders.stream_key(i), k);
    if (!supported && u[0] >= f.awareness[i]) continue;  // advocates tell of every call
    const double effort = x.p.founders.application_effort *
                          x.c.complexity[f.region[i] * funder_count + k] * (1.0 - quality) *
                          guidance;
    if (u[1] < f.motivation[i] * std::max(0.0, 1.0 - effort)) {
      f.funding[i] = with_application(f.funding[i], static_cast<int>(k));
      return;
    }
  }
}

// An idea, micro-project or start-up: co-creation or giving up (ideas), then training, learning,
// awareness, motivation and applications for those still active.
void act_active(const FounderContext& x, Tally& tally, std::size_t i) {
  Founders& f = x.state.founders;
  if (f.stage[i] == Stage::idea) act_idea(x, tally, i);
  if (!is_active_stage(f.stage[i])) return;
  train(x, tally, i);
  learn_and_hear(x, i);
  apply_to_calls(x, i);
}

// Every founder by its stage, idle ones with their monthly draw (the reference scheduling).
void act_monthly(const FounderContext& x, Tally& tally, std::size_t begin, std::size_t end,
                 std::vector<std::uint32_t>& joined, std::vector<PoolSplit>& splits) {
  Founders& f = x.state.founders;
  for (std::size_t i = begin; i < end; ++i) {
    switch (f.stage[i]) {
      case Stage::latent:
        if (f.people(i) > 1) {
          act_pool(x, tally, i, joined, splits);
          continue;
        }
        act_latent(x, tally, i);
        if (f.stage[i] == Stage::idea) joined.push_back(static_cast<std::uint32_t>(i));
        continue;
      case Stage::dormant:
        act_dormant(x, tally, i);
        if (f.stage[i] == Stage::idea) joined.push_back(static_cast<std::uint32_t>(i));
        continue;
      case Stage::idea:
      case Stage::micro_project:
      case Stage::startup:
        act_active(x, tally, i);
        continue;
      case Stage::sustained:
      case Stage::closed:
        continue;
    }
  }
}

// The engaged founders from the block's list, then the idle founders whose wait ends this month
// (model/idle_wait.hpp). Wake-up months are scanned 64 at a time with a test the compiler
// vectorises; a block holds about one due founder a month.
void act_on_events(const FounderContext& x, Tally& tally, std::size_t begin, std::size_t end,
                   std::vector<std::uint32_t>& joined, std::vector<PoolSplit>& splits) {
  Founders& f = x.state.founders;
  for_each_engaged(x.state, block_of(begin), [&](std::size_t i) {
    if (is_active_stage(f.stage[i])) act_active(x, tally, i);
  });
  const std::int16_t* wakes = f.idea_month.data();
  const auto month = static_cast<std::int16_t>(x.state.month);
  constexpr std::size_t chunk = 64;
  for (std::size_t c = begin; c < end; c += chunk) {
    const std::size_t c_end = std::min(end, c + chunk);
    unsigned due = 0;
    for (std::size_t i = c; i < c_end; ++i) due |= static_cast<unsigned>(wakes[i] == month);
    if (due == 0) continue;
    for (std::size_t i = c; i < c_end; ++i) {
      // Ideas and start-ups formed in an earlier month hold that month, never this one (at month
      // 0, those set up with an idea hold 0: the stage tells them apart).
      if (wakes[i] != month || !waits_for_idea(f.stage[i])) continue;
      if (f.people(i) > 1) {
        wake_pool(x, tally, i, joined, splits);
        continue;
      }
      wake(x, tally, i);
      joined.push_back(static_cast<std::uint32_t>(i));
    }
  }
}

// The people who split off pools this month, appended in block order (so their ids do not
// depend on threads), each with its idea's draws from its own stream (U(ideation, m, key, 0) u1,
// u2, as a founder forming an idea alone); they join the engaged founders for this month's
// exchange_knowledge. Counted already: in the pool's block tally and taken from the idle census.
void split_off_ideas(const Model& model, RunState& state) {
  const std::size_t blocks = block_count(state.founders.size());
  for (std::size_t b = 0; b < blocks; ++b) {
    for (const PoolSplit& split : state.block_splits[b]) {
      for (std::uint32_t k = 0; k < split.count; ++k) {
        const std::size_t id = append_person(model, state, split.parent, split.number + k);
        const auto u =
            state.random.uniforms(Stream::ideation, state.month, state.founders.stream_key(id));
        begin_idea(state, id, u[1], u[2]);
        state.joined[block_of(id)].push_back(static_cast<std::uint32_t>(id));
      }
    }
    state.block_splits[b].clear();
  }
}

}  // namespace

void founders_act(const Model& model, RunState& state) {
  const FounderContext x{model, state, model.parameters(), state.context};
  tally_founder_blocks(model, state, [&](Tally& tally, std::size_t begin, std::size_t end) {
    // Idle founders who form an idea join the engaged ones (for exchange_knowledge), in id order.
    auto& joined = state.joined[block_of(begin)];
    auto& splits = state.block_splits[block_of(begin)];
    joined.clear();
    splits.clear();
    if (state.scheduling == Scheduling::events) {
      act_on_events(x, tally, begin, end, joined, splits);
    } else {
      act_monthly(x, tally, begin, end, joined, splits);
    }
  });
  split_off_ideas(model, state);
  for (std::size_t r = 0; r < model.region_count(); ++r) {
    state.training_eligible[r] = state.flows.founders.training_eligible_by_region[r];
  }
  const double seats = state.flows.founders.lever_training_seats;
  state.flows.public_cost[index(Lever::local_training)] += seats * state.context.training_seat_cost;
}

}  // namespace kopa
