#pragma once
#include <cstddef>
#include <span>
#include <string_view>

#include "util/expected.hpp"

namespace kopa::stats {

// A scenario against the baseline, replicate by replicate. Runs of one replicate share random
// numbers across scenarios, so the differences are paired: their spread is the policy effect's
// uncertainty without the between-replicate noise both runs share.
struct PairedDifference {
  std::size_t n = 0;             // pairs with a number on both sides
  std::size_t excluded = 0;      // pairs left out: a NaN (0/0) on either side
  double mean = 0.0;             // mean of (scenario - baseline)
  double sd = 0.0;               // sample standard deviation of the differences
  double t_quantile = 0.0;       // Student t quantile used, df = n - 1
  double ci_low = 0.0;           // confidence interval of the mean difference
  double ci_high = 0.0;          //   (collapses to the mean when sd = 0)
  double baseline_mean = 0.0;    // over the same pairs
  double relative_change = 0.0;  // mean / baseline_mean; NaN when baseline_mean is 0
  // Shares of pairs with scenario > baseline, == and <. Ties are their own share, not halves, so
  // share_greater is "beats the baseline strictly" and the three add up to 1.
  double share_greater = 0.0;
  double share_equal = 0.0;
  double share_less = 0.0;

  // The interval lies strictly on one side of zero.
  bool excludes_zero() const { return ci_low > 0.0 || ci_high < 0.0; }
};

// Paired mean difference with a Student-t interval at `confidence` (e.g. 0.95), over the pairs
// where both values are numbers: a pair with a NaN (a ratio of 0/0) has no difference, and
// counting it as "below the baseline" or averaging it in would misreport; such pairs are counted
// in `excluded`. An error value, naming `scenario` and the counts, when fewer than 2 pairs remain
// (no spread to estimate) or the spans differ in length.
Expected<PairedDifference> paired_difference(std::span<const double> scenario,
                                             std::span<const double> baseline,
                                             std::string_view scenario_name,
                                             double confidence = 0.95);

}  // namespace kopa::stats
