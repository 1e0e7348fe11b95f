// release_caseloads, discover_founders, coach_and_broker on small hand-built states.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "phase_fixture.hpp"

namespace kopa {
namespace {

using testing::SmallRun;

TEST(PhaseAdvocates, ReleaseDropsLeaversAndGraduatesAndKeepsTheRest) {
  SmallRun run(testing::test_parameters(40));
  run.set_all(Stage::idea);
  const std::size_t a = run.advocate(0, AdvocateKind::ngo);
  const auto graduation = run.model.parameters().startups.graduation_months;
  run.support(0, a);  // stays: an idea
  run.support(1, a);  // closed: leaves
  run.support(2, a);  // a start-up past graduation: leaves
  run.support(3, a);  // a young start-up: stays
  run.state.founders.stage[1] = Stage::closed;
  run.state.founders.stage[2] = Stage::startup;
  run.state.founders.months_in_stage[2] = static_cast<std::uint16_t>(graduation);
  run.state.founders.stage[3] = Stage::startup;
  run.state.founders.months_in_stage[3] = static_cast<std::uint16_t>(graduation - 1);
  run.open(1);
  release_caseloads(run.model, run.state);
  EXPECT_EQ(run.state.caseload[a], 2);
  EXPECT_EQ(run.state.founders.advocate[0], static_cast<AdvocateIndex>(a));
  EXPECT_EQ(run.state.founders.advocate[1], no_advocate);
  EXPECT_EQ(run.state.founders.advocate[2], no_advocate);
  EXPECT_EQ(run.state.founders.advocate[3], static_cast<AdvocateIndex>(a));
}

TEST(PhaseAdvocates, ReleaseEmptiesTheCaseloadWhenProjectFundingEnds) {
  ModelParameters p = testing::test_parameters(40);
  p.advocates[index(AdvocateKind::ngo)].project_end_month = 5;
  SmallRun run(p);
  run.set_all(Stage::micro_project);
  const std::size_t a = run.advocate(0, AdvocateKind::ngo);
  run.support(0, a);
  run.support(1, a);
  run.open(5);
  release_caseloads(run.model, run.state);
  EXPECT_EQ(run.state.caseload[a], 0);
  EXPECT_EQ(run.state.founders.advocate[0], no_advocate);
}

// With no remoteness and certain outreach, every active founder is a candidate; the places go
// by (region, random priority, id) and never beyond capacity.
TEST(PhaseAdvocates, DiscoveryFillsCapacityInPriorityOrderAndNoFurther) {
  ModelParameters p = testing::near_parameters(400);
  for (auto& a : p.advocates) {
    a.outreach = 1.0;
    a.min_business_skill = 0.0;
  }
  SmallRun run(p);
  run.set_all(Stage::idea);
  run.open(7);
  discover_founders(run.model, run.state);
  const Founders& f = run.state.founders;
  for (std::size_t r = 0; r < run.model.region_count(); ++r) {
    const auto [first, last] = run.model.advocates_of(r);
    std::int32_t places = 0;
    for (std::size_t a = first; a < last; ++a) {
      const auto capacity = static_cast<std::int32_t>(
          run.model.advocate_kind(run.model.advocates()[a].kind).capacity);
      EXPECT_EQ(run.state.caseload[a], capacity) << "region " << r << " advocate " << a;
      places += capacity;
    }
    // The region's founders by priority: the first `places` are the supported ones.
    std::vector<std::pair<double, std::size_t>> order;
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (f.region[i] != r) continue;
      order.emplace_back(run.state.random.uniforms(Stream::outreach, 7, i)[1], i);
    }
    std::sort(order.begin(), order.end());
    ASSERT_GT(order.size(), static_cast<std::size_t>(places));
    for (std::size_t k = 0; k < order.size(); ++k) {
      const bool supported = f.advocate[order[k].second] != no_advocate;
      EXPECT_EQ(supported, k < static_cast<std::size_t>(places)) << "region " << r << " rank " << k;
    }
  }
  std::int32_t total = 0;
  for (auto c : run.state.caseload) total += c;
  EXPECT_EQ(run.state.flows.new_supported, static_cast<std::uint32_t>(total));
  // Ideas formed at month 0 (set_all leaves idea_month 0), found at month 7.
  EXPECT_DOUBLE_EQ(run.state.flows.support_wait_months, 7.0 * total);
}

TEST(PhaseAdvocates, DiscoveryRespectsCapacityAlreadyTaken) {
  ModelParameters p = testing::near_parameters(400);
  for (auto& a : p.advocates) a.outreach = 1.0;
  SmallRun run(p);
  run.set_all(Stage::idea);
  const std::size_t ngo = run.advocate(0, AdvocateKind::ngo);
  run.state.caseload[ngo] =
      static_cast<std::int32_t>(p.advocates[index(AdvocateKind::ngo)].capacity);
  run.open(1);
  discover_founders(run.model, run.state);
  EXPECT_EQ(run.state.caseload[ngo], p.advocates[index(AdvocateKind::ngo)].capacity);
}

// Two advocates of one kind with equal room: the first in storage order takes the founder; the
// next founder goes to the second, which now has more room.
TEST(PhaseAdvocates, TiedAdvocatesGoToTheFirst) {
  ModelParameters p = testing::near_parameters(40);
  for (auto& a : p.advocates) a.per_region = 0;
  auto& ngo = p.advocates[index(AdvocateKind::ngo)];
  ngo.per_region = 2;
  ngo.outreach = 1.0;
  ngo.min_business_skill = 0.0;
  SmallRun run(p);
  run.set_all(Stage::latent);
  Founders& f = run.state.founders;
  const auto [first, last] = run.model.advocates_of(0);
  ASSERT_EQ(last - first, 2u);
  // Two ideas in region 0, served in priority order (u1 of the outreach stream).
  f.stage[0] = Stage::idea;
  f.stage[1] = Stage::idea;
  const auto priority = [&](std::size_t i) {
    return run.state.random.uniforms(Stream::outreach, 2, i)[1];
  };
  const std::size_t served_first = priority(0) < priority(1) ? 0 : 1;
  run.open(2);
  discover_founders(run.model, run.state);
  EXPECT_EQ(f.advocate[served_first], static_cast<AdvocateIndex>(first));
  EXPECT_EQ(f.advocate[1 - served_first], static_cast<AdvocateIndex>(first + 1));
}

TEST(PhaseAdvocates, IncubatorRefusesFoundersBelowItsSkillBar) {
  ModelParameters p = testing::near_parameters(40);
  for (auto& a : p.advocates) {
    a.per_region = 0;
    a.outreach = 1.0;
  }
  p.advocates[index(AdvocateKind::incubator)].per_region = 1;
  const double bar = p.advocates[index(AdvocateKind::incubator)].min_business_skill;
  ASSERT_GT(bar, 0.1);
  SmallRun run(p);
  run.set_all(Stage::idea, static_cast<float>(bar - 0.1));
  // The "town" region (0) has an incubator; make two of its founders skilled enough.
  std::vector<std::size_t> town;
  for (std::size_t i = 0; i < run.state.founders.size(); ++i) {
    if (run.state.founders.region[i] == 0) town.push_back(i);
  }
  ASSERT_GE(town.size(), 3u);
  run.state.founders.business_skill[town[0]] = static_cast<float>(bar);
  run.state.founders.business_skill[town[1]] = static_cast<float>(bar + 0.2);
  run.open(0);
  discover_founders(run.model, run.state);
  for (std::size_t i = 0; i < run.state.founders.size(); ++i) {
    const bool skilled = i == town[0] || i == town[1];
    EXPECT_EQ(run.state.founders.advocate[i] != no_advocate, skilled) << i;
  }
}

TEST(PhaseAdvocates, AcceleratorTeamsTakeMicroProjectsNotIdeas) {
  ModelParameters p = testing::near_parameters(40);
  for (auto& a : p.advocates) a.per_region = 0;
  p.advocates[index(AdvocateKind::accelerator_team)].per_region = 1;
  p.advocates[index(AdvocateKind::accelerator_team)].capacity = 100;
  p.advocates[index(AdvocateKind::accelerator_team)].outreach = 1.0;
  SmallRun run(p);
  run.set_all(Stage::idea);
  for (std::size_t i = 0; i < 20; ++i) run.state.founders.stage[i] = Stage::micro_project;
  run.open(0);
  discover_founders(run.model, run.state);
  for (std::size_t i = 0; i < run.state.founders.size(); ++i) {
    EXPECT_EQ(run.state.founders.advocate[i] != no_advocate, i < 20) << i;
  }
}

TEST(PhaseAdvocates, CoachingRaisesSkillsAndCertainBrokerageAddsOneTiePerFounder) {
  ModelParameters p = testing::test_parameters(40);
  p.advocates[index(AdvocateKind::ngo)].brokerage = 1.0;
  SmallRun run(p);
  run.set_all(Stage::micro_project, 0.2f);
  const std::size_t a = run.advocate(0, AdvocateKind::ngo);
  run.support(0, a);
  run.support(1, a);
  run.open(0);
  coach_and_broker(run.model, run.state);
  const double coaching = p.advocates[index(AdvocateKind::ngo)].coaching;
  EXPECT_FLOAT_EQ(run.state.founders.business_skill[0], static_cast<float>(0.2 + coaching * 0.8));
  EXPECT_FLOAT_EQ(run.state.founders.business_skill[5], 0.2f);  // unsupported: unchanged
  double ties = 0;
  for (auto n : run.state.flows.founders.new_ties_by_kind) ties += n;
  EXPECT_EQ(ties, 2.0);
}

}  // namespace
}  // namespace kopa
