#include "model/founders.hpp"

namespace kopa {

void Founders::resize(std::size_t n) {
  region.resize(n);
  group.resize(n);
  stage.resize(n, Stage::latent);
  form.resize(n, Form::undecided);
  funding.resize(n);
  jobs.resize(n);
  self_sufficient_months.resize(n);
  advocate.resize(n, no_advocate);
  months_in_stage.resize(n);
  idea_month.resize(n);
  launch_month.resize(n);
  award_end_month.resize(n);
  business_skill.resize(n);
  admin_capacity.resize(n);
  motivation.resize(n);
  social_capital.resize(n);
  awareness.resize(n);
  idea_quality.resize(n);
  need_fit.resize(n);
  cash.resize(n);
  revenue.resize(n);
  award_balance.resize(n);
}

}  // namespace kopa
