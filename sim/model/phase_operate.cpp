#include "model/engaged.hpp"
#include "model/idle_wait.hpp"
#include "model/phase_support.hpp"
#include "model/phases.hpp"

namespace kopa {
namespace {

struct OperateContext {
  const Model& model;
  RunState& state;
  const StartupParameters& s;
};

void try_launch(const OperateContext& x, Tally& tally, std::size_t i) {
  Founders& f = x.state.founders;
  const auto u =
      x.state.random.uniforms(Stream::market, x.state.month, x.state.founders.stream_key(i));
  const double cost = launch_cost(x.model, f.form[i]);
  if (f.months_in_stage[i] >= x.s.min_micro_project_months && launch_gap(x.model, f, i) <= 0 &&
      u[0] < x.s.launch_rate * (0.5 + f.business_skill[i])) {
    // Launch money comes from the committed grant first (paid out now), then from cash.
    const Cents from_grant =
        holds_loan(x.model, f.funding[i]) ? 0 : std::min<Cents>(f.award_balance[i], to_cents(cost));
    if (from_grant > 0) {
      f.award_balance[i] -= static_cast<std::int32_t>(from_grant);
      tally.books[static_cast<std::size_t>(award_funder_of(f.funding[i]))].disbursed += from_grant;
    }
    f.cash[i] -= static_cast<float>(cost - to_eur(from_grant));
    set_stage(x.state, i, Stage::startup);
    f.launch_month[i] = static_cast<std::int16_t>(x.state.month);
    f.self_sufficient_months[i] = 0;
    f.revenue[i] = no_income_yet;
    const double people = f.people(i);
    tally.new_startups += people;
    tally.new_startups_by_group[index(f.group[i])] += people;
    // The cohorts whose survival the run can see: anniversaries within the horizon.
    for (std::size_t k = 1; k <= survival_years; ++k) {
      if (x.state.month + 12 * static_cast<int>(k) < x.model.months()) {
        tally.survival.launched[k - 1] += people;
      }
    }
    return;
  }
  const double give_up = x.s.micro_project_abandon_rate * (1.0 - f.motivation[i]) *
                         (1.0 - x.state.context.atmosphere[f.region[i]]) *
                         (f.advocate[i] != no_advocate ? 0.5 : 1.0);
  if (u[1] < give_up) {
    settle_award(x.model, f, i, tally);  // a grant not yet spent goes back to its funder
    set_stage(x.state, i, Stage::dormant);
    start_idle_wait(x.model, x.state, i);
    tally.dormancies += f.people(i);
  }
}

double monthly_revenue(const OperateContext& x, std::size_t i, double u1, double u2) {
  const Founders& f = x.state.founders;
  const bool enterprise = f.form[i] == Form::enterprise;
  const double full = enterprise ? x.s.enterprise_revenue : x.s.other_revenue;
  // months_in_stage counts from the launch month, so it is k in the k-th operating month: the
  // first earns 1/ramp_months of full income, month ramp_months the whole of it.
  const double ramp = f.stage[i] == Stage::sustained || x.s.ramp_months <= 0.0
                          ? 1.0
                          : std::min(1.0, f.months_in_stage[i] / x.s.ramp_months);
  const double sigma = x.s.revenue_noise;
  const double noise = std::exp(sigma * standard_normal(u1, u2) - 0.5 * sigma * sigma);
  return full * (0.4 + 0.6 * x.model.region(f.region[i]).local_demand) *
         (0.4 + 0.6 * f.idea_quality[i]) * (0.5 + f.business_skill[i]) *
         (1.0 + x.s.partner_effect * f.social_capital[i]) * ramp * noise;
}

// The month's costs: fixed, wages, the loan's instalment, and reporting while a grant runs (not
// in its end month: a grant awarded in month m with grant_months G reports in m .. m + G - 1).
double monthly_costs(const OperateContext& x, std::size_t i, double loan_instalment) {
  const Founders& f = x.state.founders;
  const bool enterprise = f.form[i] == Form::enterprise;
  double costs = (enterprise ? x.s.enterprise_fixed_cost : x.s.other_fixed_cost) +
                 x.s.wage * f.jobs[i] + loan_instalment;
  const int funder = award_funder_of(f.funding[i]);
  if (funder >= 0 && !holds_loan(x.model, f.funding[i]) && f.award_end_month[i] > x.state.month) {
    costs += x.state.context.burden[f.region[i] * funder_count + static_cast<std::size_t>(funder)] *
             (1.0 - f.admin_capacity[i]) * x.s.reporting_cost;
  }
  return costs;
}

void exit_initiative(const OperateContext& x, Tally& tally, std::size_t i, double u) {
  Founders& f = x.state.founders;
  f.jobs[i] = 0;
  f.cash[i] = std::max(0.0f, f.cash[i]);  // debts are written off; a comeback starts from zero
  settle_award(x.model, f, i, tally);
  f.revenue[i] = 0.0f;
  const double people = f.people(i);
  if (u < x.s.closure_share) {
    set_stage(x.state, i, Stage::closed);
    tally.closures += people;
  } else {
    set_stage(x.state, i, Stage::dormant);
    start_idle_wait(x.model, x.state, i);
    tally.dormancies += people;
  }
}

// This month's instalment of the running award, taken off its balance and booked: a grant's
// payout (returned as income-like money, EUR) or a loan's repayment (a cost, EUR).
struct Instalment {
  double payout = 0.0;
  double repayment = 0.0;
};

Instalment pay_instalment(const OperateContext& x, Tally& tally, std::size_t i) {
  Founders& f = x.state.founders;
  if (f.award_balance[i] <= 0) return {};
  const int left = f.award_end_month[i] - x.state.month;
  const Cents paid = instalment(f.award_balance[i], left);
  f.award_balance[i] -= static_cast<std::int32_t>(paid);
  FunderBooks& books = tally.books[static_cast<std::size_t>(award_funder_of(f.funding[i]))];
  if (holds_loan(x.model, f.funding[i])) {
    books.repaid += paid;
    return {0.0, to_eur(paid)};
  }
  books.disbursed += paid;
  return {to_eur(paid), 0.0};
}

void operate(const OperateContext& x, Tally& tally, std::size_t i) {
  Founders& f = x.state.founders;
  const int month = x.state.month;
  const auto u = x.state.random.uniforms(Stream::market, month, x.state.founders.stream_key(i));
  const auto v = x.state.random.uniforms(Stream::exit, month, x.state.founders.stream_key(i));
  const double revenue = monthly_revenue(x, i, u[0], u[1]);
  const Instalment paid = pay_instalment(x, tally, i);
  const double costs = monthly_costs(x, i, paid.repayment);
  // Income smoothed over about three months: one bad month is noise, not failure.
  const double smoothed = f.revenue[i] < 0.0f ? revenue  // first month: no history yet
                                              : 0.7 * f.revenue[i] + 0.3 * revenue;
  f.revenue[i] = static_cast<float>(smoothed);
  f.cash[i] += static_cast<float>(revenue + paid.payout - costs);

  // Self-sufficient: its own income covers its costs (grant money not counted) and it is not in
  // debt.
  const bool covers = smoothed >= costs && f.cash[i] >= 0.0f;
  f.self_sufficient_months[i] =
      covers ? static_cast<std::uint16_t>(std::min(65535, f.self_sufficient_months[i] + 1)) : 0;

  const double surplus = smoothed - costs;
  if (surplus > x.s.hire_margin * x.s.wage && f.cash[i] > 3.0 * x.s.wage &&
      f.jobs[i] < x.s.max_jobs) {
    ++f.jobs[i];
  } else if (f.cash[i] < 0.0f && f.jobs[i] > 0) {
    --f.jobs[i];  // shed a job before giving up
  }

  // Exhausted: more than a month of fixed costs in debt.
  const double overdraft =
      f.form[i] == Form::enterprise ? x.s.enterprise_fixed_cost : x.s.other_fixed_cost;
  if (f.cash[i] < -overdraft) {
    exit_initiative(x, tally, i, v[0]);
    return;
  }
  if (f.stage[i] == Stage::sustained) {
    if (v[1] < x.s.sustained_failure_rate) exit_initiative(x, tally, i, 0.0);
    return;
  }
  if (f.self_sufficient_months[i] >= x.s.self_sufficiency_months) {
    set_stage(x.state, i, Stage::sustained);
    const double people = f.people(i);
    if (f.form[i] == Form::enterprise) {
      tally.new_sustained += people;
    } else {
      tally.new_lasting_other += people;
    }
  }
}

// A start-up still operating (in any form) k whole years after its launch month counts in the
// k-year survival of its cohort (docs/ODD.md 7.9): checked in the anniversary month, after the
// month's exits.
void count_anniversary(const OperateContext& x, Tally& tally, std::size_t i) {
  const Founders& f = x.state.founders;
  if (!is_operating(f.stage[i])) return;
  const int age = x.state.month - f.launch_month[i];
  if (age <= 0 || age % 12 != 0 || age / 12 > static_cast<int>(survival_years)) return;
  tally.survival.operating[static_cast<std::size_t>(age / 12 - 1)] += f.people(i);
}

}  // namespace

void operate_initiatives(const Model& model, RunState& state) {
  const OperateContext x{model, state, model.parameters().startups};
  Founders& f = state.founders;
  tally_founder_blocks(model, state, [&](Tally& tally, std::size_t begin, std::size_t end) {
    for_each_engaged(state, block_of(begin), [&](std::size_t i) {
      if (f.stage[i] == Stage::micro_project) {
        try_launch(x, tally, i);
      } else if (is_operating(f.stage[i])) {
        operate(x, tally, i);
        count_anniversary(x, tally, i);
      }
    });
    // Every founder's clock, after the stage changes above (each touches only its founder);
    // a saturating add the compiler vectorises.
    std::uint16_t* months = f.months_in_stage.data();
    for (std::size_t i = begin; i < end; ++i) {
      months[i] = static_cast<std::uint16_t>(months[i] + (months[i] != 65535 ? 1 : 0));
    }
  });
  // The month's payouts, repayments, returns and write-offs into the funders' books, and the
  // month's launches and anniversaries into the run's cohort survival.
  for (std::size_t b = 0; b < block_count(f.size()); ++b) {
    const Tally& block = state.block_tallies[b];
    for (std::size_t k = 0; k < funder_count; ++k) state.books[k] += block.books[k];
    for (std::size_t k = 0; k < survival_years; ++k) {
      state.survival.launched[k] += block.survival.launched[k];
      state.survival.operating[k] += block.survival.operating[k];
    }
  }
}

}  // namespace kopa
