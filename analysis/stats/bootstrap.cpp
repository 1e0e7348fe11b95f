#include "stats/bootstrap.hpp"

#include <Random123/philox.h>

#include <cassert>
#include <vector>

#include "stats/quantile.hpp"

namespace kopa::stats {
namespace {

double mean_difference(PairedSample sample) {
  double sum = 0.0;
  for (std::size_t i = 0; i < sample.scenario.size(); ++i) {
    sum += sample.scenario[i] - sample.baseline[i];
  }
  return sum / static_cast<double>(sample.scenario.size());
}

}  // namespace

ResampleIndices::ResampleIndices(std::uint64_t seed, std::size_t n) : seed_(seed), n_(n) {
  assert(n > 0);
}

std::size_t ResampleIndices::operator()(std::uint32_t draw, std::uint32_t position) const {
  const r123::Philox4x32 philox;
  const r123::Philox4x32::ctr_type counter = {{draw, position, 0, 0}};
  const r123::Philox4x32::key_type key = {
      {static_cast<std::uint32_t>(seed_), static_cast<std::uint32_t>(seed_ >> 32)}};
  const r123::Philox4x32::ctr_type bits = philox(counter, key);
  // 64 random bits modulo n: the bias is below n / 2^64, far under anything a bootstrap resolves.
  const std::uint64_t wide = (static_cast<std::uint64_t>(bits[0]) << 32) | bits[1];
  return static_cast<std::size_t>(wide % n_);
}

PercentileInterval percentile_interval(std::span<const double> draws, double confidence) {
  const std::vector<double> sorted = sorted_copy(draws);
  const double alpha = 1.0 - confidence;
  return {quantile_sorted(sorted, 0.5 * alpha), quantile_sorted(sorted, 1.0 - 0.5 * alpha)};
}

RatioInterval bootstrap_ratio_of_differences(PairedSample numerator, PairedSample denominator,
                                             const BootstrapOptions& options) {
  const std::size_t n = numerator.scenario.size();
  assert(n > 0 && numerator.baseline.size() == n && denominator.scenario.size() == n &&
         denominator.baseline.size() == n);
  RatioInterval result;
  result.estimate = mean_difference(numerator) / mean_difference(denominator);

  const ResampleIndices index(options.seed, n);
  std::vector<double> ratios;
  ratios.reserve(options.draws);
  for (std::uint32_t draw = 0; draw < options.draws; ++draw) {
    double numerator_sum = 0.0;
    double denominator_sum = 0.0;
    for (std::uint32_t position = 0; position < n; ++position) {
      const std::size_t i = index(draw, position);
      numerator_sum += numerator.scenario[i] - numerator.baseline[i];
      denominator_sum += denominator.scenario[i] - denominator.baseline[i];
    }
    // The means' common 1/n cancels in the ratio. A zero denominator has no ratio: drop and count.
    if (denominator_sum == 0.0) {
      ++result.draws_dropped;
      continue;
    }
    ratios.push_back(numerator_sum / denominator_sum);
  }
  result.draws = static_cast<std::uint32_t>(ratios.size());
  const PercentileInterval interval = percentile_interval(ratios, options.confidence);
  result.ci_low = interval.low;
  result.ci_high = interval.high;
  return result;
}

}  // namespace kopa::stats
