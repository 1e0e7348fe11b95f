#pragma once
#include "model/census.hpp"
#include "model/metrics.hpp"
#include "model/model.hpp"
#include "model/state.hpp"

// The month, as a fixed sequence of named phases (engine/run.cpp calls them in this order in
// step()). Each reads the frozen Model and changes only the RunState; each can be tested alone.
namespace kopa {

// 1. Levers switch on and off by their calendars; funders open calls; advocates' project
//    funding runs out (or is kept by stable_funding); the levers' fixed costs are booked.
void open_calendar(const Model& model, RunState& state);

//    Idle founders' waits are drawn again in the regions whose context changed this month
//    (in all at month 0), under event scheduling (model/idle_wait.hpp).
void schedule_idle_founders(const Model& model, RunState& state);

//    The engaged founders (model/engaged.hpp) are listed per block: the phases below visit only
//    them, except founders_act (which also wakes the idle founders due this month, or under
//    monthly scheduling draws for every idle founder); observe adds the idle founders' census,
//    kept up to date (model/census.hpp). A scan of all founders also counts that census afresh.
void list_engaged_founders(const Model& model, RunState& state);

// 2. Advocates: let go of founders who left or graduated, discover new ones up to capacity
//    (contention settled by rank), coach them and broker collaborations.
void release_caseloads(const Model& model, RunState& state);
void discover_founders(const Model& model, RunState& state);
void coach_and_broker(const Model& model, RunState& state);

// 3. Founders act: ideas, co-creation, training, learning from ties, awareness, motivation and
//    applications to the open calls they know of. Knowledge exchange events add cross-region
//    ties; skills diffuse along them.
void founders_act(const Model& model, RunState& state);
void exchange_knowledge(const Model& model, RunState& state);

// 4. Funders score applications and award, in rank order, until the budget is spent.
void award_calls(const Model& model, RunState& state);

// 5. Micro-projects launch; start-ups operate (revenue, costs, grants, cash, jobs), become
//    self-sufficient, or close.
void operate_initiatives(const Model& model, RunState& state);

// 6. The observer records the month's metrics.
void observe(const Model& model, const RunState& state, RunSeries& series);

// The census observe reports (model/census.hpp): the engaged founders' lists counted, with the
// idle founders' census kept up to date (RunState::idle_census); or, without this month's lists,
// every founder counted.
CensusCounts count_founders(const Model& model, const RunState& state);

// The same census by a visit of every founder (what tests compare count_founders with).
CensusCounts count_every_founder(const Model& model, const RunState& state);

}  // namespace kopa
