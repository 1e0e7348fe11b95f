#pragma once
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/model.hpp"
#include "model/state.hpp"

// Pools of latent people (super-individuals, docs/ODD.md 2.10). A sampled agent that stands for
// n > 1 identical latent people is a pool: each of its people forms an idea with the monthly
// chance h of one person, independently. When some do, each splits off as a founder of its own
// (one person, appended after the founders there are, keyed by its person number), and the pool
// keeps the rest; when all of them do, the agent itself keeps the last one. So a founder who is
// not latent is always one person, whatever the agent count: caseloads, awards, seats and event
// places act on people, not on lumps of them, and results do not depend on the agent count.
namespace kopa {

// The monthly chance that at least one of a pool's n latent people forms an idea, each with
// chance h: 1 - (1 - h)^n. One person's chance is h itself.
inline double pool_hazard(double h, std::uint32_t n) {
  if (n == 1 || !(h > 0.0) || h >= 1.0) return h;
  return -std::expm1(static_cast<double>(n) * std::log1p(-h));
}

// Uniforms read one after another from a founder's stream (four per Philox call), for draws
// whose number is not fixed.
class UniformSequence {
 public:
  UniformSequence(const RandomStreams& random, Stream stream, std::int64_t month, std::uint64_t key,
                  std::uint64_t first_draw)
      : random_(random), stream_(stream), month_(month), key_(key), draw_(first_draw) {}

  double next() {
    if (used_ == 4) {
      words_ = random_.uniforms(stream_, month_, key_, draw_++);
      used_ = 0;
    }
    return words_[used_++];
  }

 private:
  const RandomStreams& random_;
  Stream stream_;
  std::int64_t month_;
  std::uint64_t key_;
  std::uint64_t draw_;
  std::array<double, 4> words_{};
  int used_ = 4;
};

// How many of n independent trials of chance h succeed (a binomial draw), by skipping from one
// success to the next with geometric gaps: one uniform per success, plus one.
inline std::uint32_t successes(std::uint32_t n, double h, UniformSequence& u) {
  if (!(h > 0.0) || n == 0) return 0;
  if (h >= 1.0) return n;
  const double log_miss = std::log1p(-h);
  std::uint32_t count = 0;
  double position = 0.0;  // trials passed so far
  while (true) {
    position += std::floor(std::log1p(-u.next()) / log_miss);
    if (position >= static_cast<double>(n)) return count;
    ++count;
    position += 1.0;
  }
}

// How many of a pool's n people form an idea in a month in which at least one does (its drawn
// wait ends): the first to do so is trial J of n with P(J = j) proportional to (1 - h)^(j-1) h
// (inverted), and each of the n - J after it does with chance h. Exactly the binomial number of
// the month-by-month draws, given that it is not 0.
inline std::uint32_t ideas_when_due(std::uint32_t n, double h, UniformSequence& u) {
  if (n <= 1 || h >= 1.0) return n;
  const double at_least_one = pool_hazard(h, n);
  double first = std::floor(std::log1p(-u.next() * at_least_one) / std::log1p(-h));
  first = std::min(first, static_cast<double>(n - 1));  // 0-based; guards rounding at the end
  const auto after = static_cast<std::uint32_t>(n - 1 - static_cast<std::uint32_t>(first));
  return 1 + successes(after, h, u);
}

// Appends one founder: a person of pool `parent` with the pool's traits, latent, keyed by its
// person number (Founders::stream_key); sizes the per-block scratch for the new founder count.
std::size_t append_person(const Model& model, RunState& state, std::size_t parent,
                          std::uint32_t number_in_pool);

// Sizes the per-block lists and scratch of `state` for its founders (after appends).
void fit_blocks(const Model& model, RunState& state);

}  // namespace kopa
