#pragma once
#include <cstdint>
#include <vector>

#include "model/kinds.hpp"

namespace kopa {

inline constexpr std::int32_t no_advocate = -1;
inline constexpr float no_income_yet = -1.0f;  // a just-launched initiative's income history

// Founders as structure-of-arrays: each phase streams through the few fields it needs. 61 of the
// 64 bytes of state per founder the budget allows (bench/ checks it); ties are held elsewhere
// (RunState::ties).
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
  std::vector<std::int32_t> advocate;  // index into RunState::advocates, or no_advocate
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

  std::size_t size() const { return stage.size(); }
  bool operator==(const Founders&) const = default;
  void resize(std::size_t n);

  static constexpr std::size_t bytes_per_founder =
      2 + 1 + 1 + 1 + 1 + 1 + 2 + 4 + 2 + 2 + 2 + 2 + 9 * 4 + 4;
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
