#pragma once
#include <gtest/gtest.h>

#include <utility>

#include "model/phases.hpp"
#include "model_fixture.hpp"

namespace kopa::testing {

// A small model and its month-0 state, for phase tests that set fields by hand and call one
// phase. Hazards are set to 0 or 1 through the parameters, so outcomes are certain.
struct SmallRun {
  Model model;
  RunState state;

  explicit SmallRun(ModelParameters p, std::uint64_t seed = 1)
      : model(std::move(p)), state(initial_state(model, seed)) {}

  // Starts month `month` as step() does: fresh flows, then the calendar. Stages are set by hand
  // between months, so every idle founder's wait is drawn afresh from this month and the engaged
  // founders are listed by a scan of all.
  void open(int month) {
    state.month = month;
    state.flows.reset(model.region_count());
    open_calendar(model, state);
    state.idle_context.assign(model.region_count(), IdleContext{});
    state.engaged_listed_month = -1;
    schedule_idle_founders(model, state);
    list_engaged_founders(model, state);
  }

  // Every founder at one stage, unsupported, with no money and no grant. Only a latent founder
  // may stand for several people (a pool, model/pools.hpp): a founder at any other stage is one
  // person, so a state with pools can only be set latent (one_founder_per_person makes one
  // without pools at any people per agent).
  void set_all(Stage stage, float skill = 0.5f) {
    Founders& f = state.founders;
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (stage != Stage::latent && f.people(i) != 1) {
        ADD_FAILURE() << "founder " << i << " stands for " << f.people(i)
                      << " people: only a latent founder may (use one_founder_per_person)";
        return;
      }
      f.stage[i] = stage;
      f.months_in_stage[i] = 0;
      f.advocate[i] = no_advocate;
      f.business_skill[i] = skill;
      f.admin_capacity[i] = skill;
      f.motivation[i] = 0.5f;
      f.cash[i] = 0.0f;
      f.award_balance[i] = 0;
      f.funding[i] = 0;
      f.form[i] = Form::enterprise;
      f.group[i] = Group::mainstream;
    }
  }

  // Puts founder i on advocate a's caseload.
  void support(std::size_t i, std::size_t a) {
    state.founders.advocate[i] = static_cast<AdvocateIndex>(a);
    ++state.caseload[a];
  }

  // The first advocate of a kind in a region.
  std::size_t advocate(std::size_t region, AdvocateKind kind) const {
    const auto [first, last] = model.advocates_of(region);
    for (std::size_t a = first; a < last; ++a) {
      if (model.advocates()[a].kind == kind) return a;
    }
    return last;
  }
};

// Founder i's monthly income with no noise, past the ramp (docs/ODD.md 7.9).
inline double full_income(const Model& model, const Founders& f, std::size_t i) {
  const StartupParameters& s = model.parameters().startups;
  const double full = f.form[i] == Form::enterprise ? s.enterprise_revenue : s.other_revenue;
  return full * (0.4 + 0.6 * model.region(f.region[i]).local_demand) *
         (0.4 + 0.6 * f.idea_quality[i]) * (0.5 + f.business_skill[i]) *
         (1.0 + s.partner_effect * f.social_capital[i]);
}

// The four test regions without remoteness, so that reach is 1 and hazards are exact.
inline ModelParameters near_parameters(std::int64_t founders, std::int64_t months = 60) {
  ModelParameters p = test_parameters(founders, months);
  for (Region& r : p.regions) r.remoteness_minutes = 0.0;
  return p;
}

// The same parameters with every person starting with an idea, so that set-up splits every pool
// into founders of one person each (model/pools.hpp): the month-0 state then has one founder per
// person, whatever the people per agent, and any stage may be set by hand (SmallRun::set_all).
inline ModelParameters one_founder_per_person(ModelParameters p) {
  p.founders.initial_micro_project_share = 0.0;
  p.founders.initial_idea_share = 1.0;
  return p;
}

}  // namespace kopa::testing
