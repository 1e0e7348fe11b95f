#pragma once
#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstdint>

namespace kopa {

// One stream per purpose, so that adding a draw in one phase changes no number in another.
// Values are part of the output's reproducibility contract: append, never renumber.
enum class Stream : std::uint32_t {
  setup = 1,
  ideation = 2,
  co_creation = 3,
  outreach = 4,
  coaching = 5,
  brokerage = 6,
  training = 7,
  awareness = 8,
  application = 9,
  scoring = 10,
  market = 11,
  exit = 12,
  exchange = 13,
  form = 14,
  capacity = 15,   // retired: drew per-replicate rounding offsets of caseloads (model v2 drafts)
  posterior = 16,  // the posterior particle a replicate runs with (kopa run --posterior)
  idle_wait = 17,  // the month of an idle founder's next idea (model/idle_wait.hpp)
};

// Counter-based random numbers: the draw for (stream, month, agent, draw) is a pure function of
// the replicate's seed, never of which thread asks or in what order. Key = {replicate seed,
// stream}; counter = {month, agent, draw}. One call yields four uniforms.
class RandomStreams {
 public:
  explicit RandomStreams(std::uint64_t replicate_seed) : seed_(replicate_seed) {}

  std::array<double, 4> uniforms(Stream stream, std::int64_t month, std::uint64_t agent,
                                 std::uint64_t draw = 0) const {
    r123::Philox4x64 philox;
    const r123::Philox4x64::key_type key{{seed_, static_cast<std::uint64_t>(stream)}};
    const r123::Philox4x64::ctr_type counter{{static_cast<std::uint64_t>(month), agent, draw, 0}};
    const auto bits = philox(counter, key);
    return {to_unit(bits[0]), to_unit(bits[1]), to_unit(bits[2]), to_unit(bits[3])};
  }

  std::uint64_t seed() const { return seed_; }

 private:
  // The top 53 bits as a double in [0, 1).
  static double to_unit(std::uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }
  std::uint64_t seed_;
};

// Standard normal from two uniforms (Box-Muller); u1 is moved off zero.
inline double standard_normal(double u1, double u2) {
  const double r = std::sqrt(-2.0 * std::log(u1 > 0.0 ? u1 : 0x1.0p-53));
  return r * std::cos(6.283185307179586 * u2);
}

// Two independent standard normals from two uniforms: both of Box-Muller's outputs (the cosine's
// is standard_normal's), for half the logarithms and square roots.
inline std::array<double, 2> standard_normals(double u1, double u2) {
  const double r = std::sqrt(-2.0 * std::log(u1 > 0.0 ? u1 : 0x1.0p-53));
  const double angle = 6.283185307179586 * u2;
  return {r * std::cos(angle), r * std::sin(angle)};
}

// The seed of replicate r: a SplitMix64 mix of (base seed, r), so neighbouring replicates and
// neighbouring base seeds give unrelated streams. Every scenario in a run uses the same
// replicate seeds: common random numbers, paired differences.
inline std::uint64_t replicate_seed(std::uint64_t base_seed, std::uint64_t replicate) {
  std::uint64_t z = base_seed + 0x9E3779B97F4A7C15ull * (replicate + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace kopa
