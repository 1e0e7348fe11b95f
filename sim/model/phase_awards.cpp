#include <algorithm>
#include <cassert>
#include <vector>

#include "model/award_ranking.hpp"
#include "model/engaged.hpp"
#include "model/phase_support.hpp"
#include "model/phases.hpp"

namespace kopa {
namespace {

// What the founder asks for, in cents: the launch money still missing (a micro-project), or a
// grant scaled by the idea (a start-up), within the funder's range.
Cents request_of(const Model& model, const Founders& f, std::size_t i,
                 const FunderParameters& funder) {
  if (f.stage[i] == Stage::micro_project) {
    return std::clamp(launch_gap(model, f, i), to_cents(funder.grant_min),
                      to_cents(funder.grant_max));
  }
  return to_cents(funder.grant_min + (funder.grant_max - funder.grant_min) * f.idea_quality[i]);
}

// A start-up's trading record as funders see it: up to 0.1 for how far its own income has
// covered its costs (self_sufficient_months) towards the spell that makes it sustained. Income
// alone is no record: most start-ups have some from their first month.
double track_record(const StartupParameters& s, const Founders& f, std::size_t i) {
  if (f.stage[i] != Stage::startup) return 0.0;
  const double spell = static_cast<double>(std::max<Integer>(1, s.self_sufficiency_months));
  return 0.1 * std::min(1.0, f.self_sufficient_months[i] / spell);
}

Application assess(const Model& model, const RunState& state, FunderKind kind, std::size_t i) {
  const Founders& f = state.founders;
  const FunderParameters& funder = model.funder(kind);
  const MonthContext& c = state.context;
  const bool disadvantaged = is_disadvantaged(f.group[i]);
  const std::size_t r = f.region[i];
  // open_schemes' relief where it acts (0 elsewhere), at mainstream public funders.
  const bool mainstream_public = is_public(kind) && kind != FunderKind::seed_fund;
  const double relief = mainstream_public ? c.threshold_relief[cell_of(r, f.group[i])] : 0.0;

  const double quality = plan_quality(model, state, i);
  const double track =
      0.5 * f.business_skill[i] + 0.5 * quality + track_record(model.parameters().startups, f, i);
  // Mainstream funders weigh social innovation (the idea's fit to a social need); a fund for
  // disadvantaged groups also weighs their inclusion.
  const double social = funder.disadvantaged_only
                            ? 0.5 * f.need_fit[i] + 0.5 * (disadvantaged ? 1.0 : 0.0)
                            : f.need_fit[i];
  double bonus = 0.0;
  if (f.advocate[i] != no_advocate) {
    bonus = model.advocate_kind(model.advocates()[f.advocate[i]].kind).advocacy;
    bonus += c.advocacy_bonus[r];  // 0 without advocacy
  }
  const auto u = state.random.uniforms(Stream::scoring, state.month, state.founders.stream_key(i));
  Application a;
  a.founder = static_cast<std::uint32_t>(i);
  a.score = funder.track_record_weight * track + (1.0 - funder.track_record_weight) * social +
            bonus + 0.1 * (u[0] - 0.5);
  a.request = request_of(model, f, i, funder);
  // A plan must meet the funder's bar, which simplification lowers with the complexity.
  const double complexity_ratio =
      funder.complexity > 0.0 ? c.complexity[r * funder_count + index(kind)] / funder.complexity
                              : 1.0;
  const double bar = funder.admin_threshold * complexity_ratio * (1.0 - relief);
  const double own_share = funder.cofinancing_share * (1.0 - relief);
  a.eligible = quality >= bar && f.cash[i] >= own_share * to_eur(a.request);
  return a;
}

// The award: a grant's money is owed to the founder and paid out as it operates; a loan is paid
// into its cash at once and owed by the founder until repaid. Either is recorded with its funder
// and end month.
void grant(const Model& model, RunState& state, FunderKind kind, const Application& a) {
  Founders& f = state.founders;
  const FunderParameters& funder = model.funder(kind);
  const std::size_t i = a.founder;
  const std::size_t k = index(kind);
  assert(f.award_balance[i] == 0);  // one award at a time: only founders with none apply
  f.award_end_month[i] = static_cast<std::int16_t>(state.month + funder.grant_months);
  f.award_balance[i] = static_cast<std::int32_t>(a.request);
  f.funding[i] = with_award_funder(f.funding[i], static_cast<int>(k));
  state.books[k].awarded += a.request;
  if (funder.repayable) {
    f.cash[i] += static_cast<float>(to_eur(a.request));
    state.books[k].disbursed += a.request;
  }
  const double people = f.people(i);  // one (model/phase_support.hpp)
  const double amount = people * to_eur(a.request);
  MonthFlows& flows = state.flows;
  const std::size_t g = index(f.group[i]);
  flows.awards[k] += people;
  flows.money[k] += amount;
  flows.awards_by_group[g] += people;
  flows.money_by_group[g] += amount;
  if (kind == FunderKind::seed_fund) {
    flows.public_cost[index(Lever::seed_funding)] +=
        amount * (1.0 + model.parameters().levers.seed_funding.admin_cost_share);
  }
}

// Awards in rank order (score, then id) while the budget lasts; `take` says who may compete in
// this pass. Each applicant is one person (model/phase_support.hpp): a request that fits what is
// left is awarded, one that does not is skipped, and smaller requests further down may still be
// funded. Returns what is left (never below zero).
template <class Filter>
Cents award_in_rank_order(const Model& model, RunState& state, FunderKind kind,
                          std::vector<Application>& ranked, std::vector<bool>& awarded,
                          Cents budget, Filter take) {
  const double threshold = model.funder(kind).score_threshold;
  for (std::size_t k = 0; k < ranked.size(); ++k) {
    const Application& a = ranked[k];
    if (awarded[k] || !take(a) || !a.eligible || a.score < threshold) continue;
    if (a.request > budget) continue;
    budget -= a.request;
    awarded[k] = true;
    grant(model, state, kind, a);
  }
  return budget;
}

// One round spends from its pot and leaves the rest in it.
void award_round(const Model& model, RunState& state, FunderKind kind, std::size_t slot,
                 std::vector<Application>& ranked, Cents& pot) {
  rank_applications(ranked);
  std::vector<bool> awarded(ranked.size(), false);
  Cents budget = pot;
  const Founders& f = state.founders;
  const MonthContext& c = state.context;
  auto reserved_for = [&](const Application& a) {
    return c.reserved_for[cell_of(f.region[a.founder], f.group[a.founder])] != 0;
  };
  if (c.reserve_round[slot] && is_public(kind) && kind != FunderKind::seed_fund) {
    // open_schemes: a reserved share of the round goes first to the founders it targets.
    const auto reserved = static_cast<Cents>(static_cast<double>(budget) * c.reserved_share);
    const Cents unused =
        award_in_rank_order(model, state, kind, ranked, awarded, reserved, reserved_for);
    budget = budget - reserved + unused;
  }
  pot = award_in_rank_order(model, state, kind, ranked, awarded, budget,
                            [](const Application&) { return true; });
  for (std::size_t k = 0; k < ranked.size(); ++k) {
    if (awarded[k]) continue;
    float& motivation = state.founders.motivation[ranked[k].founder];
    motivation = clamp_unit(motivation - model.parameters().founders.rejection_penalty);
  }
}

}  // namespace

void award_calls(const Model& model, RunState& state) {
  Founders& f = state.founders;
  for_each_block(state.parallelism, f.size(), [&](std::size_t block, std::size_t, std::size_t) {
    auto& applicants = state.block_candidates[block];
    applicants.clear();
    for_each_engaged(state, block, [&](std::size_t i) {
      if (application_of(f.funding[i]) >= 0) applicants.push_back(static_cast<std::uint32_t>(i));
    });
  });
  // Applicants in id order, per funder and (local funders) per region.
  const std::size_t regions = model.region_count();
  std::vector<std::vector<Application>> rounds(funder_count * (regions + 1));
  MonthFlows& flows = state.flows;
  const MonthContext& c = state.context;
  for (std::size_t b = 0; b < block_count(f.size()); ++b) {
    for (std::uint32_t i : state.block_candidates[b]) {
      const int k = application_of(f.funding[i]);
      const auto kind = static_cast<FunderKind>(k);
      const bool local = model.funder(kind).scope == static_cast<Integer>(Scope::local);
      rounds[pot_index(static_cast<std::size_t>(k), local, f.region[i], regions)].push_back(
          assess(model, state, kind, i));
      const double people = f.people(i);
      flows.applications[static_cast<std::size_t>(k)] += people;
      flows.applications_by_group[index(f.group[i])] += people;
      const std::size_t cell = cell_of(f.region[i], f.group[i]);
      if (c.reserved_for[cell] && is_public(kind) && kind != FunderKind::seed_fund) {
        flows.public_cost[index(Lever::open_schemes)] += people * c.application_cost[cell];
      }
      f.funding[i] = with_application(f.funding[i], -1);
    }
  }
  for (std::size_t k = 0; k < funder_count; ++k) {
    for (std::size_t r = 0; r <= regions; ++r) {
      auto& round = rounds[k * (regions + 1) + r];
      if (!round.empty()) {
        award_round(model, state, static_cast<FunderKind>(k), r, round,
                    state.pots[k * (regions + 1) + r]);
      }
    }
  }
}

}  // namespace kopa
