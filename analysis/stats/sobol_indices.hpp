#pragma once
// Variance-based (Sobol') sensitivity indices from a Saltelli design: first-order S1 (Saltelli
// et al. 2010) and total ST (Jansen 1999) per factor, with percentile bootstrap intervals over the
// design's base rows. Plain data in: the command reads the sweep file, this never sees one.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "stats/bootstrap.hpp"
#include "util/expected.hpp"

namespace kopa::stats {

// The outputs of a Saltelli design, by base row: f(A), f(B) and f(AB_i), AB_i being A with
// column i taken from B. Rows are the complete ones only (every one of their k + 2 points has an
// output), in the design's row order.
struct SaltelliOutputs {
  std::vector<double> a;
  std::vector<double> b;
  std::vector<std::vector<double>> ab;  // [factor][row]
  std::vector<std::size_t> rows;        // the design's base row number of each row kept
  std::size_t design_rows = 0;          // N, the base rows the design has
};

// Splits one output per design point (NaN: the point has none, e.g. it was not run) into blocks,
// by each point's block (0 = A, 1 = B, 2 + i = AB_i; the points of a block come in row order, as
// `kopa sweep` writes them) and keeps the rows whose k + 2 points all have an output. Errors:
// sizes that disagree, a block number outside 0 .. k + 1, blocks of unequal length.
Expected<SaltelliOutputs> saltelli_outputs(std::span<const std::int32_t> block, std::size_t factors,
                                           std::span<const double> y);

struct SobolFactorIndices {
  IntervalEstimate first_order;  // S1
  IntervalEstimate total_order;  // ST
  // S1 - ST has its whole interval above 0: S1 > ST beyond resampling noise, which no model
  // can produce (S1 <= ST always), so the sample is too small.
  bool first_exceeds_total = false;
};

struct SobolIndices {
  std::size_t rows = 0;   // base rows used
  double mean = 0.0;      // of the A and B outputs
  double variance = 0.0;  // V, of the A and B outputs together (divisor 2 rows)
  std::vector<SobolFactorIndices> factors;
  IntervalEstimate first_order_sum;  // sum of S1: 1 for an additive model, less with interactions
  std::uint32_t draws = 0;           // bootstrap resamples used
  std::uint32_t draws_dropped = 0;   // resamples whose A and B outputs were all equal (V = 0)
};

// From the centred outputs (y minus the A-and-B mean m, as SALib centres them: the estimates'
// expectations do not change, their variance falls when |m| is large against the spread):
//   V   = mean over rows of ((f_A - m)^2 + (f_B - m)^2) / 2
//   S1i = mean((f_B - m) (f_ABi - f_A)) / V           Saltelli et al. (2010), Table 2 (b)
//   STi = mean((f_A - f_ABi)^2) / (2 V)               Jansen (1999); Saltelli et al. 2010 (f)
// Each bootstrap draw resamples base rows with replacement (a row keeps its k + 2 outputs
// together) and recomputes m, V and every index: fixed seed, so the same interval every time.
// Errors: fewer than 2 rows, non-finite outputs, outputs that do not vary (V = 0).
Expected<SobolIndices> sobol_indices(const SaltelliOutputs& outputs,
                                     const BootstrapOptions& options = {});

}  // namespace kopa::stats
