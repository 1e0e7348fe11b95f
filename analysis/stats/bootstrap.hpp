#pragma once
#include <cstddef>
#include <cstdint>
#include <span>

namespace kopa::stats {

struct BootstrapOptions {
  std::uint64_t seed = 20240917;  // fixed, so `kopa compare` prints the same interval every time
  std::uint32_t draws = 2000;
  double confidence = 0.95;
};

// Replicate indices drawn with replacement, keyed by identity as in the model: Philox4x32-10 with
// key = seed, counter = (draw, position). Index `position` of resample `draw` is the same number
// whatever else is drawn, in whatever order.
class ResampleIndices {
 public:
  ResampleIndices(std::uint64_t seed, std::size_t n);
  std::size_t operator()(std::uint32_t draw, std::uint32_t position) const;

 private:
  std::uint64_t seed_;
  std::size_t n_;
};

// A percentile bootstrap interval: the (1 - c) / 2 and (1 + c) / 2 linear quantiles of the draws
// (Efron & Tibshirani 1993, ch. 13); NaN when there are no draws.
struct PercentileInterval {
  double low = 0.0;
  double high = 0.0;
};
PercentileInterval percentile_interval(std::span<const double> draws, double confidence);

// An estimate with its percentile bootstrap interval.
struct IntervalEstimate {
  double value = 0.0;
  double low = 0.0;
  double high = 0.0;
};

// Two paired samples (scenario and baseline, same replicate at the same index).
struct PairedSample {
  std::span<const double> scenario;
  std::span<const double> baseline;
};

struct RatioInterval {
  double estimate = 0.0;  // mean difference of numerator / mean difference of denominator
  double ci_low = 0.0;    // percentile bootstrap interval (linear quantiles of the draws)
  double ci_high = 0.0;
  std::uint32_t draws = 0;          // resamples whose ratio was defined
  std::uint32_t draws_dropped = 0;  // resamples whose denominator difference was exactly 0
};

// Paired bootstrap of the ratio of mean differences: each draw resamples replicate indices once
// and applies them to all four samples, which keeps the pairing and the numerator-denominator
// correlation. All spans must have the same length n >= 1.
RatioInterval bootstrap_ratio_of_differences(PairedSample numerator, PairedSample denominator,
                                             const BootstrapOptions& options);

}  // namespace kopa::stats
