// founders_act on hand-built states: the form of an initiative and the calls a founder asks.
#include <gtest/gtest.h>

#include "phase_fixture.hpp"

namespace kopa {
namespace {

using testing::SmallRun;

// A founder who gave up and returns with a new idea keeps the form its initiative took; a
// founder who never had a micro-project draws one when its first micro-project forms.
TEST(PhaseFounders, ReturningFounderKeepsTheFormItsInitiativeTook) {
  ModelParameters p = testing::test_parameters(20);
  p.founders.dormant_return_rate = 1.0;
  p.founders.co_creation_rate = 1.0;
  p.founders.enterprise_form_share = 1.0;  // any new draw at skill >= 0.5 gives an enterprise
  p.founders.motivation_reversion = 0.0;
  SmallRun run(p);
  run.set_all(Stage::latent, 1.0f);
  Founders& f = run.state.founders;
  for (std::size_t i = 0; i < f.size(); ++i) {
    f.motivation[i] = 1.0f;
    f.social_capital[i] = 1.0f;
  }
  f.stage[0] = Stage::dormant;  // its micro-project was an NGO
  f.form[0] = Form::ngo;
  f.stage[1] = Stage::idea;  // never had a micro-project
  f.form[1] = Form::undecided;
  run.open(1);
  founders_act(run.model, run.state);  // founder 0 forms a new idea, founder 1 co-creates
  ASSERT_EQ(f.stage[0], Stage::idea);
  ASSERT_EQ(f.stage[1], Stage::micro_project);
  EXPECT_EQ(f.form[1], Form::enterprise);
  run.open(2);
  founders_act(run.model, run.state);
  ASSERT_EQ(f.stage[0], Stage::micro_project);
  EXPECT_EQ(f.form[0], Form::ngo);
}

// A micro-project asks no call whose smallest award exceeds its whole launch budget: short of
// EUR 500, it does not ask the national grant (EUR 10,000 at least) for EUR 10,000. A call whose
// minimum fits the budget is asked for that minimum, the rest of the budget co-financed.
TEST(PhaseFounders, MicroProjectPassesOverCallsLargerThanItsLaunchBudget) {
  ModelParameters p = testing::test_parameters(20);
  p.founders.application_effort = 0.0;  // applies with chance = motivation = 1
  p.founders.motivation_reversion = 0.0;
  p.startups.launch_cost = 5000;  // between the two funders' smallest awards
  p.funders[index(FunderKind::national_grant)].grant_min = 10000;
  p.funders[index(FunderKind::municipal_grant)].grant_min = 1000;
  const FunderParameters& national = p.funders[index(FunderKind::national_grant)];
  const FunderParameters& municipal = p.funders[index(FunderKind::municipal_grant)];
  ASSERT_GT(national.grant_min, p.startups.launch_cost);
  ASSERT_LE(municipal.grant_min, p.startups.launch_cost);
  for (const auto kind : {FunderKind::national_grant, FunderKind::municipal_grant}) {
    SmallRun run(p);
    run.set_all(Stage::micro_project);
    Founders& f = run.state.founders;
    f.motivation[0] = 1.0f;
    f.cash[0] = static_cast<float>(p.startups.launch_cost - 500);
    run.support(0, run.advocate(f.region[0], AdvocateKind::ngo));  // hears of every call
    run.open(static_cast<int>(p.funders[index(kind)].call_month));
    ASSERT_TRUE(run.state.context.call_open[index(kind)]);
    founders_act(run.model, run.state);
    if (kind == FunderKind::national_grant) {
      EXPECT_EQ(application_of(f.funding[0]), -1);
    } else {
      EXPECT_EQ(application_of(f.funding[0]), static_cast<int>(index(kind)));
    }
  }
}

}  // namespace
}  // namespace kopa
