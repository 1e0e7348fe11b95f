// Pools of latent people (super-individuals, model/pools.hpp, docs/ODD.md 2.10): the draws of how
// many of a pool's people form an idea, and what a run with pools keeps true every month - every
// resident counted once, every founder who is not latent one person, every founder's streams
// keyed by an identity of its own that does not depend on the scenario or the threads.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <utility>
#include <vector>

#include "engine/run.hpp"
#include "model/census.hpp"
#include "model/phases.hpp"
#include "model/pools.hpp"
#include "model/population.hpp"
#include "model_fixture.hpp"

namespace kopa {
namespace {

TEST(Pools, HazardIsTheChanceThatAtLeastOnePersonFormsAnIdea) {
  EXPECT_EQ(pool_hazard(0.003, 1), 0.003);  // one person: the person's chance, bit for bit
  EXPECT_NEAR(pool_hazard(0.003, 15), 1.0 - std::pow(1.0 - 0.003, 15), 1e-15);
  // pow of a rounded 1 - h loses about n ulps of 1 - h: 1e-10 bounds that, not the formula.
  EXPECT_NEAR(pool_hazard(1e-5, 40000), 1.0 - std::pow(1.0 - 1e-5, 40000), 1e-10);
  EXPECT_EQ(pool_hazard(0.0, 15), 0.0);
}

// Mean and variance of the draws against the binomial's, within 5 standard errors of each
// (about 1 in 3 million for a correct draw); a gap off by one trial, or a chance of h/2, misses.
struct Moments {
  double mean = 0, variance = 0;
};
template <class Draw>
Moments moments_of(int draws, Draw draw) {
  double sum = 0, squares = 0;
  for (int k = 0; k < draws; ++k) {
    const double x = draw(k);
    sum += x;
    squares += x * x;
  }
  const double mean = sum / draws;
  return {mean, (squares - draws * mean * mean) / (draws - 1)};
}

// Pools of few and many people, rare and frequent ideas.
const std::array<std::pair<std::uint32_t, double>, 3> binomial_cases{
    {{15u, 0.05}, {400u, 0.002}, {3u, 0.6}}};

// Draw k's uniforms, as a pool's month reads them (from U(ideation, m, key, 1) on).
UniformSequence sequence(const RandomStreams& random, int k) {
  return UniformSequence(random, Stream::ideation, 0, static_cast<std::uint64_t>(k), 1);
}

TEST(Pools, SuccessesAreBinomial) {
  const RandomStreams random(replicate_seed(11, 0));
  constexpr int draws = 200000;
  for (const auto& c : binomial_cases) {
    const std::uint32_t n = c.first;  // named, not bound: lambdas capture them (clang)
    const double h = c.second;
    const Moments m = moments_of(draws, [&](int k) {
      UniformSequence u = sequence(random, k);
      return static_cast<double>(successes(n, h, u));
    });
    const double mean = n * h, variance = n * h * (1 - h);
    EXPECT_NEAR(m.mean, mean, 5 * std::sqrt(variance / draws)) << n << " " << h;
    // The sample variance's standard error, for a binomial close to normal or Poisson.
    EXPECT_NEAR(m.variance, variance, 5 * variance * std::sqrt(3.0 / draws)) << n << " " << h;
  }
}

TEST(Pools, IdeasWhenDueAreBinomialGivenAtLeastOne) {
  const RandomStreams random(replicate_seed(12, 0));
  constexpr int draws = 200000;
  for (const auto& c : binomial_cases) {
    const std::uint32_t n = c.first;  // named, not bound: lambdas capture them (clang)
    const double h = c.second;
    std::vector<double> ones;
    const Moments m = moments_of(draws, [&](int k) {
      UniformSequence u = sequence(random, k);
      const std::uint32_t ideas = ideas_when_due(n, h, u);
      EXPECT_GE(ideas, 1u);
      EXPECT_LE(ideas, n);
      ones.push_back(ideas == 1 ? 1.0 : 0.0);
      return static_cast<double>(ideas);
    });
    // E[K | K >= 1] = n h / (1 - (1 - h)^n); P(K = 1 | K >= 1) = n h (1 - h)^(n-1) / that.
    const double at_least_one = 1.0 - std::pow(1.0 - h, n);
    const double mean = n * h / at_least_one;
    const double second = (n * h * (1 - h) + n * h * n * h) / at_least_one;
    const double variance = second - mean * mean;
    EXPECT_NEAR(m.mean, mean, 5 * std::sqrt(variance / draws)) << n << " " << h;
    double one = 0;
    for (double x : ones) one += x;
    const double p1 = n * h * std::pow(1.0 - h, n - 1) / at_least_one;
    EXPECT_NEAR(one / draws, p1, 5 * std::sqrt(p1 * (1 - p1) / draws)) << n << " " << h;
  }
}

// What a run with pools keeps true after every month.
void expect_pools_hold(const Model& model, const RunState& state) {
  const Founders& f = state.founders;
  const std::int64_t population = total_population(model.parameters().regions);
  std::int64_t people = 0;
  std::set<std::uint64_t> keys;
  for (std::size_t i = 0; i < f.size(); ++i) {
    people += f.people(i);
    ASSERT_TRUE(f.people(i) == 1 || f.stage[i] == Stage::latent)
        << "founder " << i << " of " << f.people(i) << " people in stage "
        << static_cast<int>(f.stage[i]) << ", month " << state.month;
    ASSERT_GE(f.people(i), 1u) << "founder " << i;
    ASSERT_TRUE(keys.insert(f.stream_key(i)).second) << "founder " << i << "'s key is taken";
    if (i >= f.sampled) {
      ASSERT_LT(f.people_or_person[i], static_cast<std::uint64_t>(population));
    }
  }
  ASSERT_EQ(people, population) << "month " << state.month;
}

TEST(Pools, EveryResidentCountedOnceAndEveryEngagedFounderIsOnePerson) {
  // 2,000 agents of 9 people, ideas ten times as likely as by default, every lever on.
  ModelParameters p = testing::all_levers(2000, 48, 9);
  p.founders.ideation_rate *= 10;
  const Model model(p);
  for (const Scheduling scheduling : {Scheduling::events, Scheduling::monthly}) {
    RunState state = initial_state(model, replicate_seed(5, 1));
    state.scheduling = scheduling;
    ASSERT_EQ(state.founders.sampled, 2000u);
    expect_pools_hold(model, state);
    const std::size_t at_start = state.founders.size();
    EXPECT_GT(at_start, 2000u) << "some people start with an idea and split off at set-up";
    RunSeries series(model.months(), model.labels());
    double ideas = 0;
    while (state.month < model.months()) {
      step(model, state, series);
      ideas += series.at(Metric::new_ideas, state.month - 1);
      expect_pools_hold(model, state);
      if (HasFatalFailure()) return;
    }
    // Ideas of pools' people became founders of their own; the census counts every resident.
    EXPECT_GT(state.founders.size(), at_start + 100);
    EXPECT_GE(ideas, static_cast<double>(state.founders.size() - at_start));  // and returns
    double population = 0;
    for (std::size_t g = 0; g < group_count; ++g) {
      population += series.at(Metric::population_by_group, model.months() - 1, g);
    }
    EXPECT_EQ(population, static_cast<double>(total_population(model.parameters().regions)));
  }
}

// The people who split off are appended in block order after the blocks' parallel work, so the
// state is the same whichever thread runs which block, and in whatever order blocks finish.
TEST(Pools, SplitsAreTheSameOnAnyScheduleOfBlocks) {
  const Model model(testing::all_levers(20000, 36, 5));  // 5 blocks of agents
  std::vector<RunState> states;
  for (const Parallelism parallelism :
       {Parallelism::blocks, Parallelism::serial, Parallelism::reversed}) {
    RunState state = initial_state(model, replicate_seed(8, 0), parallelism);
    RunSeries series(model.months(), model.labels());
    run_to_end(model, state, series);
    states.push_back(std::move(state));
  }
  EXPECT_GT(states[0].founders.size(), states[0].founders.sampled);
  for (std::size_t k = 1; k < states.size(); ++k) {
    EXPECT_TRUE(states[k].founders == states[0].founders) << "schedule " << k;
    EXPECT_TRUE(states[k].ties.size() == states[0].ties.size()) << "schedule " << k;
  }
}

// Common random numbers: a split-off person is keyed by its pool's identity and its place among
// the pool's people, not by when or after whom it split off. An ally in the town raises its
// latent people's chances, so more of them split off and every later split-off person lands at
// another place in the founders' arrays; elsewhere the same people split off in the same months
// with the same traits as in the baseline, keyed the same.
TEST(Pools, ALeverInOneRegionLeavesWhoSplitsOffElsewhereAsItWas) {
  ModelParameters base = testing::test_parameters(4000, 36, 6);
  base.founders.ideation_rate *= 5;
  ModelParameters ally = base;
  ally.levers.ally.enabled = true;
  ally.levers.ally.atmosphere = 0.8;
  ally.targeting[index(Lever::ally)].regions = {"town"};
  struct Person {
    std::uint64_t key;
    int month;
    float admin;
    auto operator<=>(const Person&) const = default;
  };
  auto persons = [](const ModelParameters& p, bool town) {
    const Model model(p);
    RunState state = initial_state(model, replicate_seed(21, 3));
    RunSeries series(model.months(), model.labels());
    std::vector<Person> found;
    std::size_t seen = state.founders.size();
    while (state.month < model.months()) {
      step(model, state, series);
      const Founders& f = state.founders;
      for (std::size_t i = seen; i < f.size(); ++i) {
        if ((f.region[i] == 0) != town) continue;  // region 0 is the town
        found.push_back({f.stream_key(i), f.idea_month[i], f.admin_capacity[i]});
      }
      seen = f.size();
    }
    std::sort(found.begin(), found.end());
    return found;
  };
  EXPECT_GT(persons(ally, true).size(), persons(base, true).size());
  const auto elsewhere = persons(base, false);
  EXPECT_GT(elsewhere.size(), 100u);
  EXPECT_TRUE(persons(ally, false) == elsewhere);
}

}  // namespace
}  // namespace kopa
