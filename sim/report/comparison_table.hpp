#pragma once
// `kopa compare`'s tables as HTML: one table per metric and one of cost-effectiveness, with the
// same cells as the terminal table (analysis/stats/comparison_grid.hpp). Every number also sits
// at full precision in a data-value attribute (as `kopa compare --format json` writes it), named
// by data-field, so a reader or a test can take the exact value.
#include <string>

#include "stats/comparison.hpp"

namespace kopa::report {

std::string comparison_tables(const analysis::Comparison& comparison);

}  // namespace kopa::report
