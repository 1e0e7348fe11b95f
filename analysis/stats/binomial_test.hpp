#pragma once
#include <cstddef>

namespace kopa::stats {

// The one-sided binomial test's p-value: P(X >= successes) for X ~ Binomial(trials, p), the
// chance of at least `successes` in `trials` when each succeeds with probability p
// (scipy.stats.binomtest(successes, trials, p, alternative="greater").pvalue). 1 when
// successes = 0. Needs successes <= trials and 0 <= p <= 1.
double binomial_upper_tail(std::size_t successes, std::size_t trials, double p);

}  // namespace kopa::stats
