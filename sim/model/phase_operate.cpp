#include "model/phase_support.hpp"
#include "model/phases.hpp"

namespace kopa {
namespace {

struct OperateContext {
  const Model& model;
  RunState& state;
  const StartupParameters& s;
};

void set_stage(Founders& f, std::size_t i, Stage stage) {
  f.stage[i] = stage;
  f.months_in_stage[i] = 0;
}

void try_launch(const OperateContext& x, Tally& tally, std::size_t i) {
  Founders& f = x.state.founders;
  const auto u = x.state.random.uniforms(Stream::market, x.state.month, i);
  const double funds = f.cash[i] + f.grant_balance[i];
  const double cost = launch_cost(x.model, f.form[i]);
  if (f.months_in_stage[i] >= x.s.min_micro_project_months && funds >= cost &&
      u[0] < x.s.launch_rate * (0.5 + f.business_skill[i])) {
    // Launch money comes from the committed grant first, then from cash.
    const float from_grant = std::min(f.grant_balance[i], static_cast<float>(cost));
    f.grant_balance[i] -= from_grant;
    f.cash[i] -= static_cast<float>(cost) - from_grant;
    set_stage(f, i, Stage::startup);
    f.self_sufficient_months[i] = 0;
    f.revenue[i] = no_income_yet;
    ++tally.new_startups;
    ++tally.new_startups_by_group[index(f.group[i])];
    return;
  }
  const double give_up = x.s.micro_project_abandon_rate * (1.0 - f.motivation[i]) *
                         (1.0 - x.state.context.atmosphere) *
                         (f.advocate[i] != no_advocate ? 0.5 : 1.0);
  if (u[1] < give_up) {
    set_stage(f, i, Stage::dormant);
    ++tally.dormancies;
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

double monthly_costs(const OperateContext& x, std::size_t i) {
  const Founders& f = x.state.founders;
  const bool enterprise = f.form[i] == Form::enterprise;
  double costs = (enterprise ? x.s.enterprise_fixed_cost : x.s.other_fixed_cost) +
                 x.s.wage * f.jobs[i] + f.repayment[i];
  const int funder = grant_funder_of(f.funding[i]);
  if (funder >= 0 && f.grant_end_month[i] > x.state.month) {
    costs += x.state.context.burden[static_cast<std::size_t>(funder)] *
             (1.0 - f.admin_capacity[i]) * x.s.reporting_cost;
  }
  return costs;
}

void exit_initiative(const OperateContext& x, Tally& tally, std::size_t i, double u) {
  Founders& f = x.state.founders;
  f.jobs[i] = 0;
  f.repayment[i] = 0.0f;
  f.cash[i] = std::max(0.0f, f.cash[i]);  // debts are written off; a comeback starts from zero
  f.grant_balance[i] = 0.0f;
  f.revenue[i] = 0.0f;
  f.funding[i] = with_grant_funder(f.funding[i], -1);
  if (u < x.s.closure_share) {
    set_stage(f, i, Stage::closed);
    ++tally.closures;
  } else {
    set_stage(f, i, Stage::dormant);
    ++tally.dormancies;
  }
}

void operate(const OperateContext& x, Tally& tally, std::size_t i) {
  Founders& f = x.state.founders;
  const int month = x.state.month;
  const auto u = x.state.random.uniforms(Stream::market, month, i);
  const auto v = x.state.random.uniforms(Stream::exit, month, i);
  if (f.repayment[i] > 0.0f && f.grant_end_month[i] <= month) f.repayment[i] = 0.0f;  // repaid
  const double revenue = monthly_revenue(x, i, u[0], u[1]);
  const double costs = monthly_costs(x, i);
  const bool grant_running = f.grant_balance[i] > 0.0f;
  double payout = 0.0;
  if (grant_running) {
    const int left = std::max(1, f.grant_end_month[i] - month);
    payout = static_cast<double>(f.grant_balance[i]) / left;
    f.grant_balance[i] -= static_cast<float>(payout);
    if (f.grant_end_month[i] <= month + 1) f.grant_balance[i] = 0.0f;
  }
  // Income smoothed over about three months: one bad month is noise, not failure.
  const double smoothed = f.revenue[i] < 0.0f ? revenue  // first month: no history yet
                                              : 0.7 * f.revenue[i] + 0.3 * revenue;
  f.revenue[i] = static_cast<float>(smoothed);
  f.cash[i] += static_cast<float>(revenue + payout - costs);

  // Self-sufficient: its own income covers its costs (grant money not counted) and it is not in
  // debt.
  const bool covers = smoothed >= costs && f.cash[i] >= 0.0f;
  f.self_sufficient_months[i] =
      covers ? static_cast<std::uint8_t>(std::min(255, f.self_sufficient_months[i] + 1)) : 0;

  const double surplus = smoothed - costs;
  if (surplus > x.s.hire_margin * x.s.wage && f.cash[i] > 3.0 * x.s.wage &&
      f.jobs[i] < x.s.max_jobs) {
    ++f.jobs[i];
  } else if (f.cash[i] < 0.0f && f.jobs[i] > 0) {
    --f.jobs[i];  // shed a job before giving up
  }
  const double served =
      f.form[i] == Form::enterprise ? x.s.people_served_enterprise : x.s.people_served_other;
  f.people_served[i] =
      static_cast<std::uint16_t>(std::min(65535.0, f.people_served[i] + served * (0.5 + u[2])));

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
    set_stage(f, i, Stage::sustained);
    if (f.form[i] == Form::enterprise) {
      ++tally.new_sustained;
    } else {
      ++tally.new_lasting_other;
    }
  }
}

}  // namespace

void operate_initiatives(const Model& model, RunState& state) {
  const OperateContext x{model, state, model.parameters().startups};
  Founders& f = state.founders;
  tally_founder_blocks(model, state, [&](Tally& tally, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      if (f.stage[i] == Stage::micro_project) {
        try_launch(x, tally, i);
      } else if (is_operating(f.stage[i])) {
        operate(x, tally, i);
      }
      if (f.months_in_stage[i] < 65535) ++f.months_in_stage[i];
    }
  });
}

}  // namespace kopa
