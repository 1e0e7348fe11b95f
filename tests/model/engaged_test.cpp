// The engaged founders' lists (model/engaged.hpp): the founder phases that visit only the listed
// founders must act on exactly the founders a scan of every founder would.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/run.hpp"
#include "model/engaged.hpp"
#include "model/phase_support.hpp"
#include "model/phases.hpp"
#include "model_fixture.hpp"

namespace kopa {
namespace {

using testing::all_levers;

// Whether founder i is listed for its block, at the start of the month or as joined.
std::vector<bool> listed(const RunState& state, bool with_joined) {
  std::vector<bool> in(state.founders.size(), false);
  for (std::size_t b = 0; b < state.engaged_count.size(); ++b) {
    if (with_joined) {
      for_each_engaged_or_joined(state, b, [&](std::size_t i) { in[i] = true; });
    } else {
      for_each_engaged(state, b, [&](std::size_t i) { in[i] = true; });
    }
  }
  return in;
}

// Every founder listed as engaged, as if each phase scanned them all (what the phases did
// before the lists).
void list_everyone(RunState& state) {
  for (std::size_t b = 0; b < state.engaged_count.size(); ++b) {
    const std::size_t begin = b * founder_block_size;
    const std::size_t end = std::min(state.founders.size(), begin + founder_block_size);
    for (std::size_t i = begin; i < end; ++i) {
      state.engaged[i] = static_cast<std::uint16_t>(i - begin);
    }
    state.engaged_count[b] = static_cast<std::uint32_t>(end - begin);
  }
}

// The month in step()'s order (engine/run.cpp), with a hook after each phase.
template <class Check>
void step_checked(const Model& model, RunState& state, RunSeries& series, Check check) {
  state.flows.reset(model.region_count());
  open_calendar(model, state);
  schedule_idle_founders(model, state);
  list_engaged_founders(model, state);
  check("listed");
  release_caseloads(model, state);
  discover_founders(model, state);
  coach_and_broker(model, state);
  founders_act(model, state);
  check("acted");
  exchange_knowledge(model, state);
  award_calls(model, state);
  operate_initiatives(model, state);
  check("operated");
  for (std::size_t k = 0; k < partner_kind_count; ++k) {
    state.collaborations[k] += state.flows.founders.new_ties_by_kind[k];
  }
  observe(model, state, series);
  ++state.month;
}

TEST(EngagedFounders, ListsHoldEveryFounderALaterPhaseActsOn) {
  for (const std::int64_t people : {1, 7}) {  // agents of 7: pools whose people split off
    const Model model(all_levers(12000, 36, people));
    RunState state = initial_state(model, replicate_seed(11, 0));
    RunSeries series(model.months(), model.labels());
    std::size_t joined = 0, engaged = 0;
    const Founders& f = state.founders;
    while (state.month < model.months()) {
      step_checked(model, state, series, [&](const char* when) {
        const std::string phase = when;
        const std::vector<bool> in = listed(state, phase == "acted");
        for (std::size_t i = 0; i < f.size(); ++i) {
          if (phase == "listed") {
            // Exactly the engaged founders, in id order (for_each_engaged visits them so).
            ASSERT_EQ(in[i], is_engaged(f, i)) << "founder " << i << ", month " << state.month;
            engaged += in[i] ? 1 : 0;
          } else if (phase == "acted") {
            // exchange_knowledge's participants: every active founder, new ideas included.
            if (is_active_stage(f.stage[i])) {
              ASSERT_TRUE(in[i]) << "founder " << i;
            }
          } else {
            // operate_initiatives' founders (and award_calls' applicants and coach_and_broker's
            // supported founders before them) were engaged at the start of the month.
            const Stage s = f.stage[i];
            if (s == Stage::micro_project || is_operating(s) || f.advocate[i] != no_advocate) {
              ASSERT_TRUE(in[i]) << "founder " << i << ", month " << state.month;
            }
          }
        }
        if (phase == "acted") {
          for (const auto& block : state.joined) joined += block.size();
        }
      });
    }
    // Not trivially true: founders were engaged and idle founders formed ideas.
    EXPECT_GT(engaged, 0u);
    EXPECT_GT(joined, 0u);
    EXPECT_LT(engaged, f.size() * static_cast<std::size_t>(model.months()));
  }
}

TEST(EngagedFounders, SameSeriesAsWhenEveryFounderIsListed) {
  for (const std::int64_t people : {1, 7}) {  // agents of 7: pools whose people split off
    const Model model(all_levers(9000, 48, people));
    RunState lists = initial_state(model, replicate_seed(5, 1));
    RunState everyone = lists;
    RunSeries with_lists(model.months(), model.labels());
    RunSeries with_everyone(model.months(), model.labels());
    while (lists.month < model.months()) {
      step_checked(model, lists, with_lists, [](const char*) {});
      step_checked(model, everyone, with_everyone, [&](const char* when) {
        if (std::string(when) == "listed") list_everyone(everyone);
      });
    }
    EXPECT_TRUE(with_lists == with_everyone);
    EXPECT_GT(with_lists.at(Metric::founders_startup, model.months() - 1), 0.0);
    EXPECT_GT(with_lists.at(Metric::awards, 12) + with_lists.at(Metric::awards, 30), 0.0);
  }
}

// The idle founders' census (RunState::idle_census), kept up to date as founders enter and leave
// the idle stages and as ties change idle founders' skills, is what a count of every founder
// finds, every month, under both schedulings; a transition that forgot it would show.
TEST(IdleCensus, KeptUpToDateEqualsACountOfEveryFounder) {
  // One agent per person, and agents of 7 people (latent pools whose people split off).
  for (const std::int64_t people : {1, 7}) {
    const Model model(all_levers(12000, 48, people));
    for (const Scheduling scheduling : {Scheduling::events, Scheduling::monthly}) {
      RunState state = initial_state(model, replicate_seed(3, 2));
      state.scheduling = scheduling;
      RunSeries series(model.months(), model.labels());
      std::size_t idle_tie_ends = 0;
      while (state.month < model.months()) {
        step_checked(model, state, series, [&](const char* when) {
          if (std::string(when) != "operated") return;
          const CensusCounts counted = count_every_founder(model, state);
          ASSERT_TRUE(count_founders(model, state) == counted) << "month " << state.month;
          for (const Tie& tie : state.ties) {
            idle_tie_ends += is_idle_stage(state.founders.stage[tie.a]) ? 1 : 0;
            idle_tie_ends += is_idle_stage(state.founders.stage[tie.b]) ? 1 : 0;
          }
        });
      }
      // Every way in and out of the idle stages was taken, and ties reached idle founders.
      double ideas = 0, dormancies = 0, closures = 0;
      for (int m = 0; m < model.months(); ++m) {
        ideas += series.at(Metric::new_ideas, m);
        dormancies += series.at(Metric::dormancies, m);
        closures += series.at(Metric::closures, m);
      }
      EXPECT_GT(ideas, 0.0);
      EXPECT_GT(dormancies, 0.0);
      EXPECT_GT(closures, 0.0);
      EXPECT_GT(idle_tie_ends, 0u);
    }
  }
}

}  // namespace
}  // namespace kopa
