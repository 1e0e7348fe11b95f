#pragma once
#include <cstdint>
#include <vector>

#include "model/kinds.hpp"

namespace kopa {

// An index into Model::advocates, or no_advocate. Indices run 0 .. 0xFFFE, so a scenario may have
// at most 65,535 advocate seats (the scenario loader checks it: advocate_seat_count).
using AdvocateIndex = std::uint16_t;
inline constexpr AdvocateIndex no_advocate = 0xFFFF;
inline constexpr std::int64_t max_advocate_seats = no_advocate;
inline constexpr float no_income_yet = -1.0f;  // a just-launched initiative's income history

// Founders as structure-of-arrays: each phase streams through the few fields it needs. 63 of the
// 64 bytes of state per founder the budget allows (bench/ checks it); ties are held elsewhere
// (RunState::ties).
//
// Super-individuals (docs/ODD.md 2.10): the first `sampled` founders are the agents sampled from
// the regions' people. A sampled agent may stand for several identical people while they are all
// latent (a pool); when one of them forms an idea, that one person splits off as a founder of its
// own, appended after the others (a split-off person). So every founder who is not latent is one
// person, and the model's capacities (caseloads, awards, seats) always act on single people.
struct Founders {
  // Identity and stage.
  std::vector<std::uint16_t> region;
  std::vector<Group> group;
  std::vector<Stage> stage;
  std::vector<Form> form;  // drawn at the first micro-project (or setup), then fixed
  // Low nibble: funder+1 of this month's application; high nibble: funder+1 of the running award
  // (a grant or, if the funder is repayable, a loan).
  std::vector<std::uint8_t> funding;
  std::vector<std::uint8_t> jobs;                     // jobs for disadvantaged people
  std::vector<std::uint16_t> self_sufficient_months;  // up to the 1,200-month horizon
  std::vector<AdvocateIndex> advocate;
  std::vector<std::uint16_t> months_in_stage;
  std::vector<std::int16_t> idea_month;       // month the current idea formed
  std::vector<std::int16_t> launch_month;     // month the current initiative launched
  std::vector<std::int16_t> award_end_month;  // the running award is paid out (repaid) until then
  // Capacities and resources.
  std::vector<float> business_skill;
  std::vector<float> admin_capacity;
  std::vector<float> motivation;
  std::vector<float> social_capital;
  std::vector<float> awareness;
  std::vector<float> idea_quality;
  std::vector<float> need_fit;
  std::vector<float> cash;     // EUR: savings, then the initiative's cash
  std::vector<float> revenue;  // EUR/month, smoothed; no_income_yet before the first month
  // EUR cents of the running award not yet paid out (a grant) or repaid (a loan); 32 bits hold
  // any award up to the parameters' limit of EUR 20 M.
  std::vector<std::int32_t> award_balance;
  // For a sampled agent (id < sampled): the people it stands for (1, or more while it is a latent
  // pool). For a split-off person (id >= sampled): its person number (below the population), the
  // identity its random streams are keyed by.
  std::vector<std::uint32_t> people_or_person;
  std::size_t sampled = 0;  // the sampled agents: ids [0, sampled)

  std::size_t size() const { return stage.size(); }
  // The people founder i stands for now.
  std::uint32_t people(std::size_t i) const { return i < sampled ? people_or_person[i] : 1; }
  // The identity founder i's random streams are keyed by: a sampled agent's id, or `sampled`
  // plus a split-off person's number. Neither depends on when or in which order people split
  // off, so the streams are the same in every scenario (common random numbers).
  std::uint64_t stream_key(std::size_t i) const {
    return i < sampled ? i : sampled + people_or_person[i];
  }
  bool operator==(const Founders&) const = default;
  void resize(std::size_t n);
  void reserve(std::size_t n);

  static constexpr std::size_t bytes_per_founder =
      2 + 1 + 1 + 1 + 1 + 1 + 2 + 2 + 2 + 2 + 2 + 2 + 9 * 4 + 4 + 4;
};

inline int application_of(std::uint8_t funding) {
  return (funding & 0x0F) - 1;
}
inline int award_funder_of(std::uint8_t funding) {
  return (funding >> 4) - 1;
}
inline std::uint8_t with_application(std::uint8_t funding, int funder) {
  return static_cast<std::uint8_t>((funding & 0xF0) | (funder + 1));
}
inline std::uint8_t with_award_funder(std::uint8_t funding, int funder) {
  return static_cast<std::uint8_t>((funding & 0x0F) | ((funder + 1) << 4));
}

}  // namespace kopa
