// Random streams: each purpose's draws are independent of every other's, and each phase takes
// its draws from the stream docs/ODD.md 7.1 names for it, so that common random numbers hold
// across scenarios (a parameter of one purpose cannot shift another purpose's draws).
#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

#include "model/phase_support.hpp"
#include "phase_fixture.hpp"

namespace kopa {
namespace {

using testing::SmallRun;

constexpr std::array<Stream, 14> all_streams{
    Stream::setup,     Stream::ideation, Stream::co_creation, Stream::outreach,    Stream::coaching,
    Stream::brokerage, Stream::training, Stream::awareness,   Stream::application, Stream::scoring,
    Stream::market,    Stream::exit,     Stream::exchange,    Stream::form};

double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sx += x[i];
    sy += y[i];
    sxx += x[i] * x[i];
    syy += y[i] * y[i];
    sxy += x[i] * y[i];
  }
  const double cov = sxy / n - sx / n * sy / n;
  return cov / std::sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
}

// For 20,000 agents in one month, every slot of every stream against every slot of every other
// stream (and the other slots of its own draw). Independent uniforms give correlations with
// standard error 1 / sqrt(n) = 0.0071; 4.5 standard errors bound all 1,596 pairs with a chance
// of a false alarm below 1 %.
TEST(Streams, EveryPurposeIsUncorrelatedWithEveryOther) {
  constexpr std::size_t n = 20000;
  const RandomStreams random(replicate_seed(20240601, 0));
  std::vector<std::vector<double>> draws;  // (stream, slot) -> n uniforms
  for (Stream stream : all_streams) {
    std::vector<std::vector<double>> slots(4, std::vector<double>(n));
    for (std::size_t i = 0; i < n; ++i) {
      const auto u = random.uniforms(stream, 7, i);
      for (std::size_t k = 0; k < 4; ++k) slots[k][i] = u[k];
    }
    for (auto& s : slots) draws.push_back(std::move(s));
  }
  const double bound = 4.5 / std::sqrt(static_cast<double>(n));
  for (std::size_t a = 0; a < draws.size(); ++a) {
    for (std::size_t b = a + 1; b < draws.size(); ++b) {
      EXPECT_LT(std::abs(correlation(draws[a], draws[b])), bound)
          << "stream " << a / 4 + 1 << " slot " << a % 4 << " vs stream " << b / 4 + 1 << " slot "
          << b % 4;
    }
  }
}

// Which sustained initiatives fail, and whether an exhausted one closes or goes dormant, are
// read from the exit stream (u1 and u0 of U(exit, m, i, 0)), not from the market stream that
// sets their income: otherwise failures would move with every revenue parameter.
TEST(Streams, ExitsDrawFromTheExitStream) {
  ModelParameters p = testing::test_parameters(2000);
  p.startups.sustained_failure_rate = 0.3;
  p.startups.closure_share = 0.5;
  SmallRun run(p);
  run.set_all(Stage::sustained);
  Founders& f = run.state.founders;
  for (std::size_t i = 0; i < f.size(); ++i) {
    f.months_in_stage[i] = 30;
    f.cash[i] = i % 2 == 0 ? 1e6f : -1e6f;  // odd founders are exhausted
  }
  const int month = 9;
  run.open(month);
  operate_initiatives(run.model, run.state);
  int failed = 0, closed = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    const auto v = run.state.random.uniforms(Stream::exit, month, i);
    if (i % 2 == 0) {
      const bool fails = v[1] < p.startups.sustained_failure_rate;
      EXPECT_EQ(f.stage[i], fails ? Stage::closed : Stage::sustained) << i;
      failed += fails;
    } else {
      const bool closes = v[0] < p.startups.closure_share;
      EXPECT_EQ(f.stage[i], closes ? Stage::closed : Stage::dormant) << i;
      closed += closes;
    }
  }
  EXPECT_GT(failed, 200);  // about 300 of 1,000
  EXPECT_GT(closed, 400);  // about 500 of 1,000
}

// A micro-project's launch and giving up are read from the market stream (u0, u1); an idea's
// forming from the ideation stream (u0).
TEST(Streams, LaunchAndIdeationDrawFromTheirStreams) {
  ModelParameters p = testing::test_parameters(2000);
  p.startups.launch_rate = 0.5;  // at skill 0.5: chance 0.5
  p.startups.micro_project_abandon_rate = 1.0;
  SmallRun run(p);
  run.set_all(Stage::micro_project);
  Founders& f = run.state.founders;
  for (std::size_t i = 0; i < f.size(); ++i) {
    f.months_in_stage[i] = 10;
    f.cash[i] = static_cast<float>(p.startups.launch_cost + 1000);
  }
  const int month = 4;
  run.open(month);
  operate_initiatives(run.model, run.state);
  for (std::size_t i = 0; i < f.size(); ++i) {
    const auto u = run.state.random.uniforms(Stream::market, month, i);
    const Stage expected = u[0] < 0.5   ? Stage::startup
                           : u[1] < 0.5 ? Stage::dormant
                                        : Stage::micro_project;
    ASSERT_EQ(f.stage[i], expected) << i;
  }

  // An idea forms in the month's draw: under monthly scheduling (the model as written) if u0 of
  // U(ideation, m, i) is below the hazard; under event scheduling in the month its wait ends, which
  // is the first month of the wait (K = 0) exactly when its uniform, word i mod 4 of
  // U(idle_wait, m, floor(i / 4)), is below it.
  p.founders.ideation_rate = 0.05;
  for (const auto& [scheduling, stream] : {std::pair{Scheduling::monthly, Stream::ideation},
                                           std::pair{Scheduling::events, Stream::idle_wait}}) {
    SmallRun ideas(p);
    ideas.state.scheduling = scheduling;
    ideas.set_all(Stage::latent);
    ideas.open(month);
    founders_act(ideas.model, ideas.state);
    const auto& g = ideas.state.founders;
    std::size_t formed = 0;
    for (std::size_t i = 0; i < g.size(); ++i) {
      const Region& region = ideas.model.region(g.region[i]);
      const double hazard = 0.05 * (0.5 / 0.5) * (0.5 + region.local_demand) *
                            (0.75 + 0.5 * ideas.state.context.region_attitude[g.region[i]]);
      const double u0 = stream == Stream::idle_wait
                            ? ideas.state.random.uniforms(stream, month, i / 4)[i % 4]
                            : ideas.state.random.uniforms(stream, month, i)[0];
      ASSERT_EQ(g.stage[i] == Stage::idea, u0 < hazard) << i;
      formed += g.stage[i] == Stage::idea ? 1 : 0;
    }
    EXPECT_GT(formed, 0u);
  }
}

}  // namespace
}  // namespace kopa
