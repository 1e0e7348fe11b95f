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
  people_or_person.resize(n, 1);
}

void Founders::reserve(std::size_t n) {
  region.reserve(n);
  group.reserve(n);
  stage.reserve(n);
  form.reserve(n);
  funding.reserve(n);
  jobs.reserve(n);
  self_sufficient_months.reserve(n);
  advocate.reserve(n);
  months_in_stage.reserve(n);
  idea_month.reserve(n);
  launch_month.reserve(n);
  award_end_month.reserve(n);
  business_skill.reserve(n);
  admin_capacity.reserve(n);
  motivation.reserve(n);
  social_capital.reserve(n);
  awareness.reserve(n);
  idea_quality.reserve(n);
  need_fit.reserve(n);
  cash.reserve(n);
  revenue.reserve(n);
  award_balance.reserve(n);
  people_or_person.reserve(n);
}

}  // namespace kopa
