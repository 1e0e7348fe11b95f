#include "model/lever_unit.hpp"
#include "model/phase_support.hpp"
#include "model/phases.hpp"

namespace kopa {
namespace {

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
    const std::size_t slot = pot_index(index(kind), local, r, regions);
    Cents& pot = state.pots[slot];
    if (!exists) {
      pot = 0;
    } else if (rolling) {
      pot = std::min(year, pot + twelfth);
    } else {
      pot = state.month % 12 == funder.call_month ? year : 0;
    }
  }
}

// Which calls open this month and with what rules. Simplification, where it acts, lightens the
// mainstream public funders' calls (complexity_factor and burden_factor are 1 elsewhere).
void open_calls(const Model& model, RunState& state) {
  MonthContext& c = state.context;
  const std::size_t regions = model.region_count();
  for (std::size_t f = 0; f < funder_count; ++f) {
    const auto kind = static_cast<FunderKind>(f);
    const FunderParameters& funder = model.funder(kind);
    const bool exists = kind == FunderKind::seed_fund ? c.seed_fund_open : funder.enabled;
    const bool rolling = funder.calendar == static_cast<Integer>(Calendar::rolling);
    c.call_open[f] = exists && (rolling || state.month % 12 == funder.call_month);
    fill_pots(model, state, kind, exists, rolling);
    const bool lighter = is_public(kind) && kind != FunderKind::seed_fund;
    for (std::size_t r = 0; r < regions; ++r) {
      c.complexity[r * funder_count + f] =
          funder.complexity * (lighter ? c.complexity_factor[r] : 1.0);
      c.burden[r * funder_count + f] =
          funder.reporting_burden * (lighter ? c.burden_factor[r] : 1.0);
    }
  }
}

}  // namespace

void open_calendar(const Model& model, RunState& state) {
  const ModelParameters& p = model.parameters();
  MonthContext& c = state.context;
  c.reset_without_levers();
  for (std::size_t l = 0; l < lever_count; ++l) {
    const auto lever = static_cast<Lever>(l);
    const LeverCalendar& calendar = p.levers.calendar(lever);
    c.lever_active[l] =
        calendar.enabled && state.month >= calendar.start_month && state.month < calendar.end_month;
    if (c.lever_active[l]) lever_unit(lever).fold(model, model.lever_target(lever), state);
  }
  for (std::size_t r = 0; r < model.region_count(); ++r) {
    c.region_attitude[r] =
        std::min(1.0, model.region(r).authority_attitude + 0.5 * c.atmosphere[r]);
  }
  open_calls(model, state);
  for (std::size_t a = 0; a < model.advocates().size(); ++a) {
    const AdvocateSeat& seat = model.advocates()[a];
    c.advocate_active[a] =
        advocate_funded(model, state, seat.kind) || c.stable_funding[seat.region];
  }
  // Fixed costs last: some (advocacy, stable_funding) count the advocates at work.
  for (std::size_t l = 0; l < lever_count; ++l) {
    const auto lever = static_cast<Lever>(l);
    const LeverUnit& unit = lever_unit(lever);
    if (c.lever_active[l] && unit.book) unit.book(model, model.lever_target(lever), state);
  }
}

}  // namespace kopa
