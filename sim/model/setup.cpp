#include <algorithm>
#include <cmath>

#include "model/model.hpp"
#include "model/pools.hpp"
#include "model/state.hpp"
#include "util/blocks.hpp"

namespace kopa {
namespace {

float clamp01(double x) {
  return static_cast<float>(std::clamp(x, 0.0, 1.0));
}

Group draw_group(const Model& model, const Region& region, double u) {
  double cumulative = 0.0;
  for (std::size_t g = 0; g < group_count; ++g) {
    cumulative +=
        region.has_group_shares ? region.group_shares[g] : model.parameters().groups[g].share;
    if (u < cumulative) return static_cast<Group>(g);
  }
  // Shares sum to 1 up to rounding; the last group with a share takes the rest.
  for (std::size_t g = group_count; g-- > 0;) {
    const double share =
        region.has_group_shares ? region.group_shares[g] : model.parameters().groups[g].share;
    if (share > 0.0) return static_cast<Group>(g);
  }
  return Group::mainstream;
}

// The form a micro-project aims at: more skilled teams aim at an enterprise; the rest split
// evenly over platform, civic organisation and NGO (the seed's Figure 2 found two of each).
Form draw_form(const Model& model, float business_skill, double u) {
  const double enterprise = std::clamp(
      model.parameters().founders.enterprise_form_share * (0.5 + business_skill), 0.0, 1.0);
  if (u < enterprise) return Form::enterprise;
  const double rest = (u - enterprise) / std::max(1e-12, 1.0 - enterprise);
  return rest < 1.0 / 3 ? Form::platform : rest < 2.0 / 3 ? Form::civic : Form::ngo;
}

// A founder set up with an idea or a micro-project: its idea's quality and fit and the form it
// aims at, from q = U(setup, 0, key, 2) u0-u2.
void start_with_idea(const Model& model, Founders& f, std::size_t id,
                     const std::array<double, 4>& q) {
  f.idea_quality[id] = clamp01(0.5 * f.business_skill[id] + 0.5 * q[0]);
  f.need_fit[id] = static_cast<float>(q[1]);
  f.form[id] = draw_form(model, f.business_skill[id], q[2]);
}

// Founders [begin, end) of region r: their traits and starting stages, from the Setup stream keyed
// by founder id (the same draws whichever thread sets them up, in whatever order).
void draw_founders(const Model& model, const RandomStreams& random, Founders& f, std::size_t r,
                   std::size_t begin, std::size_t end) {
  const ModelParameters& p = model.parameters();
  const Region& region = model.region(r);
  const double remote = model.reach(r);
  const Model::PeopleShare share = model.people_share(r);
  for (std::size_t id = begin; id < end; ++id) {
    // Two Philox calls, and the four normals from two Box-Muller pairs: the set-up was about
    // half of a 60-month run's instructions once the census kept its idle part up to date.
    const auto u = random.uniforms(Stream::setup, 0, id, 0);
    const auto v = random.uniforms(Stream::setup, 0, id, 1);
    const Group g = draw_group(model, region, u[0]);
    const GroupParameters& gp = p.groups[index(g)];
    const double sd = p.founders.skill_sd;
    const auto skills = standard_normals(u[1], u[2]);
    const auto others = standard_normals(u[3], v[0]);
    f.region[id] = static_cast<std::uint16_t>(r);
    f.group[id] = g;
    f.business_skill[id] = clamp01(gp.business_skill + sd * skills[0]);
    f.admin_capacity[id] = clamp01(gp.admin_capacity + sd * skills[1]);
    f.motivation[id] = clamp01(gp.motivation + sd * others[0]);
    f.cash[id] = static_cast<float>(-gp.savings * std::log(1.0 - v[1]));  // exponential
    f.social_capital[id] = clamp01(0.3 + (region.has_len ? 0.1 : 0.0) + 0.15 * others[1]);
    // Those with paperwork skills know the schemes; remoteness hides them.
    f.awareness[id] = clamp01(p.founders.awareness_mean * 2.0 * v[2] * (0.5 + 0.5 * remote) *
                              (0.5 + f.admin_capacity[id]));
    f.people_or_person[id] = share.of(id);
    // A pool of several people starts latent; those of them who start with an idea split off
    // after (split_initial_ideas).
    if (f.people_or_person[id] > 1) continue;
    const double start = v[3];
    if (start < p.founders.initial_micro_project_share) {
      f.stage[id] = Stage::micro_project;
    } else if (start < p.founders.initial_micro_project_share + p.founders.initial_idea_share) {
      f.stage[id] = Stage::idea;
    } else {
      f.stage[id] = Stage::latent;
    }
    if (f.stage[id] != Stage::latent) {
      start_with_idea(model, f, id, random.uniforms(Stream::setup, 0, id, 2));
    }
  }
}

// The people of a pool (a sampled agent of several latent people) who start with an idea or a
// micro-project, as many as one draw per person would give: each does with chance
// initial_micro_project_share + initial_idea_share, which of the two in proportion (u3 of its own
// U(setup, 0, key, 2)); the gaps between them are read from U(setup, 0, pool, 3), 4, ... Each
// splits off as a founder of its own; if all of them do, the agent keeps the last. Serial, in id
// order: the appended founders' ids do not depend on threads.
void split_initial_ideas(const Model& model, RunState& state) {
  const FounderParameters& p = model.parameters().founders;
  const double chance = p.initial_micro_project_share + p.initial_idea_share;
  if (!(chance > 0.0) || model.people_per_agent_overall() == 1.0) return;  // no pool
  const double micro_share = p.initial_micro_project_share / chance;
  Founders& f = state.founders;  // appending resizes its vectors, not the object
  for (std::size_t parent = 0; parent < f.sampled; ++parent) {
    const std::uint32_t n = f.people_or_person[parent];
    if (n <= 1) continue;
    UniformSequence u(state.random, Stream::setup, 0, parent, 3);
    const std::uint32_t starting = successes(n, chance, u);
    for (std::uint32_t k = 0; k < starting; ++k) {
      const bool keeps_last = k + 1 == n;  // every one of them: the agent is the last
      const std::size_t id = keeps_last ? parent : append_person(model, state, parent, k);
      if (keeps_last) f.people_or_person[parent] = 1;
      const auto q = state.random.uniforms(Stream::setup, 0, f.stream_key(id), 2);
      f.stage[id] = q[3] < micro_share ? Stage::micro_project : Stage::idea;
      start_with_idea(model, f, id, q);
    }
    if (starting < n) f.people_or_person[parent] = n - starting;
  }
}

}  // namespace

Form micro_project_form(const Model& model, float business_skill, double u) {
  return draw_form(model, business_skill, u);
}

RunState initial_state(const Model& model, std::uint64_t replicate_seed, Parallelism parallelism) {
  RunState state;
  state.parallelism = parallelism;
  state.random = RandomStreams(replicate_seed);
  // Founders are numbered region by region: region r holds the ids below region_end[r].
  std::vector<std::size_t> region_end;
  std::size_t total = 0;
  for (auto n : model.founders_per_region()) {
    total += static_cast<std::size_t>(n);
    region_end.push_back(total);
  }
  Founders& f = state.founders;
  f.resize(total);
  f.sampled = total;
  // Set up by founder blocks in parallel: a serial set-up was about a quarter of a 60-month run's
  // instructions, the largest serial part of a run on 2 threads (docs/performance.md).
  for_each_block(parallelism, total, [&](std::size_t, std::size_t begin, std::size_t end) {
    auto r = static_cast<std::size_t>(
        std::upper_bound(region_end.begin(), region_end.end(), begin) - region_end.begin());
    for (std::size_t id = begin; id < end; ++r) {
      const std::size_t stop = std::min(end, region_end[r]);
      draw_founders(model, state.random, f, r, id, stop);
      id = stop;
    }
  });

  fit_blocks(model, state);
  split_initial_ideas(model, state);
  const std::size_t founders = f.size();

  state.caseload.assign(model.advocates().size(), 0);
  state.pots.assign(funder_count * (model.region_count() + 1), 0);
  // Month 0's local-training seats are shared by the founders already holding an idea.
  state.training_eligible.assign(model.region_count(), 0);
  for (std::size_t i = 0; i < founders; ++i) {
    if (f.stage[i] != Stage::latent) ++state.training_eligible[f.region[i]];
  }
  state.context.size_for(model.region_count(), model.advocates().size());
  state.idle_context.assign(model.region_count(), IdleContext{});
  state.idle_redraw.assign(model.region_count(), 0);
  state.idle_census.assign(model.region_count() * group_count, CensusCell{});
  state.flows.reset(model.region_count());
  return state;
}

void Tally::reset(std::size_t regions) {
  // Keeps the region vector's storage: no allocation per month.
  auto by_region = std::move(new_micro_projects_by_region);
  auto eligible = std::move(training_eligible_by_region);
  *this = Tally{};
  new_micro_projects_by_region = std::move(by_region);
  new_micro_projects_by_region.assign(regions, 0);
  training_eligible_by_region = std::move(eligible);
  training_eligible_by_region.assign(regions, 0);
}

void Tally::add(const Tally& other) {
  new_ideas += other.new_ideas;
  new_micro_projects += other.new_micro_projects;
  new_startups += other.new_startups;
  new_sustained += other.new_sustained;
  new_lasting_other += other.new_lasting_other;
  closures += other.closures;
  dormancies += other.dormancies;
  lever_training_seats += other.lever_training_seats;
  for (std::size_t g = 0; g < group_count; ++g) {
    new_startups_by_group[g] += other.new_startups_by_group[g];
  }
  for (std::size_t k = 0; k < partner_kind_count; ++k) {
    new_ties_by_kind[k] += other.new_ties_by_kind[k];
  }
  for (std::size_t k = 0; k < survival_years; ++k) {
    survival.launched[k] += other.survival.launched[k];
    survival.operating[k] += other.survival.operating[k];
  }
  for (std::size_t k = 0; k < funder_count; ++k) books[k] += other.books[k];
  for (std::size_t r = 0; r < new_micro_projects_by_region.size(); ++r) {
    new_micro_projects_by_region[r] += other.new_micro_projects_by_region[r];
    training_eligible_by_region[r] += other.training_eligible_by_region[r];
  }
}

void MonthFlows::reset(std::size_t regions) {
  Tally kept = std::move(founders);
  *this = MonthFlows{};
  founders = std::move(kept);
  founders.reset(regions);
}

}  // namespace kopa
