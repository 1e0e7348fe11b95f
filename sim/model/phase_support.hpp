#pragma once
#include <algorithm>
#include <cmath>

#include "model/census.hpp"
#include "model/model.hpp"
#include "model/state.hpp"
#include "util/blocks.hpp"

// Helpers shared by the phase implementations (not part of the public interface).
//
// Every founder the phases act on beyond forming an idea (an idea, a micro-project, a start-up,
// a sustained or dormant or closed founder, one on a caseload, an applicant, an event's
// participant) is one person: a sampled agent of several people is a latent pool until its people
// split off one by one as they form ideas (model/pools.hpp, docs/ODD.md 2.10). So capacities act
// on people directly: a founder takes one caseload place, one request's worth of a round's
// budget, one event place, one training seat, with no rule for part of an agent (7.14). Counts
// still add f.people(i), the people founder i stands for, as observe does for every founder
// (pools included), rather than a literal 1 that would hold only by that invariant: the same
// words everywhere, and 1 wherever a capacity is taken.
namespace kopa {

inline float clamp_unit(double x) {
  return static_cast<float>(std::clamp(x, 0.0, 1.0));
}

// Moves x a share `rate` of the way to 1.
inline float gain_towards_one(float x, double rate) {
  return clamp_unit(x + rate * (1.0 - x));
}

inline bool is_active_stage(Stage stage) {
  return stage == Stage::idea || stage == Stage::micro_project || stage == Stage::startup;
}

inline bool is_operating(Stage stage) {
  return stage == Stage::startup || stage == Stage::sustained;
}

// Founder i, in an engaged stage (idea, micro-project, start-up, sustained), moves to `stage`; one
// entering an idle stage joins the idle founders' census (model/census.hpp).
inline void set_stage(RunState& state, std::size_t i, Stage stage) {
  Founders& f = state.founders;
  f.stage[i] = stage;
  f.months_in_stage[i] = 0;
  if (is_idle_stage(stage)) enter_idle(state.idle_census, f, i);
}

// Runs body(tally, begin, end) over founder blocks in parallel and adds the block tallies into
// the month's flows in block order (so the sums do not depend on the thread count).
template <class Body>
void tally_founder_blocks(const Model& model, RunState& state, Body&& body) {
  const std::size_t n = state.founders.size();
  for (auto& tally : state.block_tallies) tally.reset(model.region_count());
  for_each_block(state.parallelism, n, [&](std::size_t block, std::size_t begin, std::size_t end) {
    body(state.block_tallies[block], begin, end);
  });
  for (std::size_t b = 0; b < block_count(n); ++b) state.flows.founders.add(state.block_tallies[b]);
}

// Whether an advocate of this kind is paid this month without stable_funding: stable funding,
// or a project that has not yet ended.
inline bool advocate_funded(const Model& model, const RunState& state, AdvocateKind kind) {
  const AdvocateParameters& a = model.advocate_kind(kind);
  return a.funding == static_cast<Integer>(FundingMode::stable) ||
         state.month < a.project_end_month;
}

// Plan quality of a founder's applications: own capacity plus an advocate's co-writing.
inline double plan_quality(const Model& model, const RunState& state, std::size_t i) {
  const AdvocateIndex a = state.founders.advocate[i];
  const double co_writing =
      a == no_advocate ? 0.0 : model.advocate_kind(model.advocates()[a].kind).co_writing;
  return std::min(1.0, state.founders.admin_capacity[i] + co_writing);
}

// Whether the founder's running award (if any) is a loan, owed by the founder, rather than a
// grant, owed to it.
inline bool holds_loan(const Model& model, std::uint8_t funding) {
  const int k = award_funder_of(funding);
  return k >= 0 && model.funder(static_cast<FunderKind>(k)).repayable;
}

// A founder who stops (a micro-project giving up, an initiative exiting) settles its award: what
// a grant has not paid out goes back to the funder, what a loan has not been repaid is written
// off. Either way the funder's books show it.
inline void settle_award(const Model& model, Founders& f, std::size_t i, Tally& tally) {
  const int k = award_funder_of(f.funding[i]);
  if (k >= 0) {
    FunderBooks& books = tally.books[static_cast<std::size_t>(k)];
    (holds_loan(model, f.funding[i]) ? books.written_off : books.returned) += f.award_balance[i];
  }
  f.award_balance[i] = 0;
  f.funding[i] = with_award_funder(f.funding[i], -1);
}

// What a micro-project needs in cash and committed grants to start operating.
inline double launch_cost(const Model& model, Form form) {
  const StartupParameters& s = model.parameters().startups;
  return form == Form::enterprise ? s.launch_cost : s.other_launch_cost;
}

// What a micro-project still lacks to launch, in cents: its launch cost less its cash and its
// grant money. Counted in cents like the grant that closes it, so that a grant of exactly the
// gap always makes the launch affordable; in floating point the sum could fall short by a
// rounding error and leave the micro-project holding a grant it could never launch with.
inline Cents launch_gap(const Model& model, const Founders& f, std::size_t i) {
  const Cents grant = holds_loan(model, f.funding[i]) ? 0 : f.award_balance[i];
  return to_cents(launch_cost(model, f.form[i])) - to_cents(f.cash[i]) - grant;
}

Form micro_project_form(const Model& model, float business_skill, double u);

}  // namespace kopa
