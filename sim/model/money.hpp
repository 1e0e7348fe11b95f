#pragma once
#include <cmath>
#include <cstdint>

// Money that the books must balance exactly: awards, what is paid out or repaid, what is
// returned or written off, and funders' pots. It is counted in whole euro cents in integers, so
// that `awarded = paid out + still owed + returned or written off` holds to the cent every month
// (docs/ODD.md 7.8, 7.9). A founder's own cash, income and costs stay floating point: they mix
// with noisy income and no identity is asked of them.
namespace kopa {

using Cents = std::int64_t;

inline Cents to_cents(double eur) {
  return std::llround(eur * 100.0);
}

inline double to_eur(Cents cents) {
  return static_cast<double>(cents) / 100.0;
}

// This month's part of an award's balance paid (a grant) or repaid (a loan) with `months_left`
// months to go, the end month included: an equal share, rounded down, so that the last month
// takes the rest and nothing is left over or dropped.
inline Cents instalment(Cents balance, int months_left) {
  return months_left <= 1 ? balance : balance / months_left;
}

// One funder's books, cumulative over the run. For a grant funder, every cent awarded is paid
// out to the founder, still owed to it (the balances of running grants), or returned (a
// founder gave up or exited before it was paid): awarded = disbursed + owed + returned. A loan
// is disbursed at award and then owed by the founder until repaid or written off at exit:
// awarded = disbursed = repaid + owed + written_off.
struct FunderBooks {
  Cents awarded = 0;
  Cents disbursed = 0;
  Cents repaid = 0;
  Cents returned = 0;
  Cents written_off = 0;

  FunderBooks& operator+=(const FunderBooks& o) {
    awarded += o.awarded;
    disbursed += o.disbursed;
    repaid += o.repaid;
    returned += o.returned;
    written_off += o.written_off;
    return *this;
  }
  bool operator==(const FunderBooks&) const = default;
};

}  // namespace kopa
