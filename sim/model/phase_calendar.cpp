#include "model/phase_support.hpp"
#include "model/phases.hpp"

namespace kopa {
namespace {

bool advocate_funded(const Model& model, const RunState& state, AdvocateKind kind) {
  const AdvocateParameters& a = model.advocate_kind(kind);
  return a.funding == static_cast<Integer>(FundingMode::stable) ||
         state.month < a.project_end_month;
}

// A funder's pots (one per region when local): an annual call gets the year's budget in its month
// and what it leaves lapses; a rolling funder adds a twelfth of the year's budget every month and
// carries what it does not award, up to one year's budget, so that it can fund an award larger
// than a month's share (the impact investor's EUR 20,000 minimum against EUR 12,500 a month).
// The twelfths are whole cents that add up to the year's budget exactly.
void fill_pots(const Model& model, RunState& state, FunderKind kind, bool exists, bool rolling) {
  const FunderParameters& funder = model.funder(kind);
  const std::size_t regions = model.region_count();
  const bool local = funder.scope == static_cast<Integer>(Scope::local);
  const Cents year = to_cents(funder.budget_per_year);
  const Cents m = state.month % 12;
  const Cents twelfth = year * (m + 1) / 12 - year * m / 12;
  for (std::size_t r = 0; r < (local ? regions : 1); ++r) {
    Cents& pot = state.pots[pot_index(index(kind), local, r, regions)];
    if (!exists) {
      pot = 0;
    } else if (rolling) {
      pot = std::min(year, pot + twelfth);
    } else {
      pot = state.month % 12 == funder.call_month ? year : 0;
    }
  }
}

void open_calls(const Model& model, RunState& state) {
  MonthContext& c = state.context;
  const bool simplified = c.lever_active[index(Lever::simplification)];
  const SimplificationLever& simplification = model.parameters().levers.simplification;
  for (std::size_t f = 0; f < funder_count; ++f) {
    const auto kind = static_cast<FunderKind>(f);
    const FunderParameters& funder = model.funder(kind);
    const bool exists =
        kind == FunderKind::seed_fund ? c.lever_active[index(Lever::seed_funding)] : funder.enabled;
    const bool rolling = funder.calendar == static_cast<Integer>(Calendar::rolling);
    c.call_open[f] = exists && (rolling || state.month % 12 == funder.call_month);
    fill_pots(model, state, kind, exists, rolling);
    const bool lighter = simplified && is_public(kind) && kind != FunderKind::seed_fund;
    c.complexity[f] =
        funder.complexity * (lighter ? 1.0 - simplification.complexity_reduction : 1.0);
    c.burden[f] = funder.reporting_burden * (lighter ? 1.0 - simplification.burden_reduction : 1.0);
  }
}

// Levers whose cost does not depend on what founders do this month.
void book_fixed_costs(const Model& model, RunState& state) {
  const MonthContext& c = state.context;
  const LeverParameters& levers = model.parameters().levers;
  auto& cost = state.flows.public_cost;
  const double regions = static_cast<double>(model.region_count());
  if (c.lever_active[index(Lever::one_roof)]) {
    cost[index(Lever::one_roof)] += regions * levers.one_roof.cost_per_region_month;
  }
  if (c.lever_active[index(Lever::simplification)]) {
    cost[index(Lever::simplification)] += levers.simplification.cost_per_month;
  }
  double active_advocates = 0.0, kept_by_stable_funding = 0.0;
  for (std::size_t a = 0; a < model.advocates().size(); ++a) {
    if (!c.advocate_active[a]) continue;
    active_advocates += 1.0;
    if (!advocate_funded(model, state, model.advocates()[a].kind)) kept_by_stable_funding += 1.0;
  }
  if (c.lever_active[index(Lever::advocacy)]) {
    cost[index(Lever::advocacy)] += active_advocates * levers.advocacy.cost_per_advocate_month;
  }
  cost[index(Lever::stable_funding)] +=
      kept_by_stable_funding * levers.stable_funding.cost_per_advocate_month;
}

}  // namespace

void open_calendar(const Model& model, RunState& state) {
  const ModelParameters& p = model.parameters();
  MonthContext& c = state.context;
  for (std::size_t l = 0; l < lever_count; ++l) {
    const LeverCalendar& calendar = p.levers.calendar(static_cast<Lever>(l));
    c.lever_active[l] =
        calendar.enabled && state.month >= calendar.start_month && state.month < calendar.end_month;
  }
  c.atmosphere = c.lever_active[index(Lever::ally)] ? p.levers.ally.atmosphere : 0.0;
  for (std::size_t r = 0; r < model.region_count(); ++r) {
    c.region_attitude[r] = std::min(1.0, model.region(r).authority_attitude + 0.5 * c.atmosphere);
  }
  open_calls(model, state);

  const bool stable = c.lever_active[index(Lever::stable_funding)];
  for (std::size_t a = 0; a < model.advocates().size(); ++a) {
    c.advocate_active[a] = advocate_funded(model, state, model.advocates()[a].kind) || stable;
  }

  // Local training seats are shared by the region's eligible founders: the chance of a seat is
  // seats over last month's eligible people, so expected attendance never exceeds the seats.
  const LocalTrainingLever& training = p.levers.local_training;
  const double seats = training.sessions_per_month * training.seats_per_session;
  for (std::size_t r = 0; r < model.region_count(); ++r) {
    const double eligible = std::max(1.0, state.training_eligible[r] * model.people_per_agent(r));
    c.training_chance[r] =
        c.lever_active[index(Lever::local_training)] ? std::min(1.0, seats / eligible) : 0.0;
  }

  const KnowledgeExchangeLever& exchange = p.levers.knowledge_exchange;
  c.exchange_event = c.lever_active[index(Lever::knowledge_exchange)] &&
                     (state.month - exchange.start_month) % exchange.interval_months == 0;
  book_fixed_costs(model, state);
}

}  // namespace kopa
