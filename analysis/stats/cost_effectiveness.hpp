#pragma once
#include <string_view>

#include "stats/bootstrap.hpp"
#include "util/expected.hpp"

namespace kopa::stats {

// Additional cost per additional outcome against the baseline (e.g. public cost per additional
// sustained enterprise), with a paired-bootstrap interval. An error value, saying why, when
//  - fewer than 2 replicates pair with the baseline (no interval), or
//  - the outcome difference's paired t interval (at options.confidence) includes zero: the ratio
//    is then unbounded or of either sign, and a number would mislead.
Expected<RatioInterval> cost_per_additional(PairedSample cost, PairedSample outcome,
                                            std::string_view scenario_name,
                                            std::string_view outcome_name,
                                            const BootstrapOptions& options);

}  // namespace kopa::stats
