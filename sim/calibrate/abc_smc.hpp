#pragma once
// Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC): Toni et al. 2009 (J R Soc
// Interface 6:187), with the importance weights and the kernel of Beaumont et al. 2009
// (Biometrika 96:983: a Gaussian random walk whose variance is twice the weighted variance of
// the previous generation; or kernels after the optimal local covariance of Filippi, Barnes,
// Cornebise & Stumpf 2013, Stat Appl Genet Mol Biol 12:87: `Kernel` below) and an adaptive
// tolerance (Del Moral et al. 2012; Beaumont 2009): the tolerance of generation t is a quantile
// of generation t-1's distances.
// docs/calibration.md argues the choice.
//
// The sampler knows nothing of the model: it proposes parameter vectors and asks `evaluate` for
// their distances, a batch at a time. Every random number is a pure function of (seed,
// generation, slot), and a generation accepts the first N accepted proposals in slot order, so
// the result does not depend on how `evaluate` spreads a batch over threads, nor on which of its
// answers came from a journal. A resumed calibration replays the journal and ends bit-identical.
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "util/expected.hpp"

namespace kopa::calibrate {

// One parameter's prior: uniform over [min, max], or log-uniform (then min > 0). The sampler
// works in "internal" coordinates where every prior is uniform: x = value, or log(value).
struct PriorRange {
  double min = 0;
  double max = 1;
  bool log = false;
};

// How generation t > 0 perturbs a particle of generation t-1 (docs/calibration.md):
//   componentwise: Beaumont et al. 2009, a Gaussian in internal coordinates with twice the
//                  previous generation's weighted variance per coordinate;
//   olcm:          Filippi et al. 2013, a multivariate Gaussian in internal coordinates around
//                  ancestor i with covariance sum_k w_k (x_k - x_i)(x_k - x_i)^T over the previous
//                  particles k within the new tolerance;
//   olcm_probit:   the same in y = probit of each internal coordinate's place in its range, so
//                  that no proposal leaves the range; its weight uses the prior's density in y.
// Under the first two, proposals outside the prior's range are dropped unrun.
enum class Kernel { componentwise, olcm, olcm_probit, olcm_mean };

struct SmcSettings {
  int particles = 100;
  int generations = 5;  // after generation 0 (the prior, every proposal accepted)
  std::uint64_t seed = 1;
  double quantile = 0.5;
  // A generation that has simulated particles / min_acceptance proposals without accepting N
  // ends the calibration; the previous generation is the result.
  double min_acceptance = 0.05;
  // Proposals evaluated per call of `evaluate` (0: as many as particles). Part of the result's
  // identity: a generation may stop in the middle of a batch, and the batch decides which
  // proposals were evaluated, never which were accepted.
  int batch = 0;
  Kernel kernel = Kernel::componentwise;
};

// A proposal to evaluate: its place (generation, slot) identifies it, and seeds its simulation.
struct Proposal {
  int generation = 0;
  std::uint32_t slot = 0;
  std::vector<double> theta;  // parameter values (not internal coordinates)
};

// What an evaluation found: the distance (+inf when the model could not give every fitted value)
// and whatever the caller wants kept with the particle (simulated target values).
struct Evaluation {
  double distance = std::numeric_limits<double>::infinity();
  std::vector<double> kept;
};

struct Particle {
  std::vector<double> theta;  // parameter values
  double weight = 0;          // normalised within its generation
  double distance = 0;
  std::vector<double> kept;
  std::uint32_t slot = 0;
};

struct GenerationSummary {
  int generation = 0;
  double tolerance = 0;         // +inf for generation 0
  std::uint64_t proposed = 0;   // proposals drawn, those outside the prior's range included
  std::uint64_t evaluated = 0;  // proposals inside the range considered (simulated)
  std::uint64_t accepted = 0;
  double acceptance_rate() const {
    return evaluated > 0 ? static_cast<double>(accepted) / static_cast<double>(evaluated) : 0.0;
  }
  double effective_sample_size = 0;
};

struct SmcResult {
  std::vector<Particle> particles;  // the last complete generation
  std::vector<Particle> prior;      // generation 0: draws from the prior (the prior predictive)
  std::vector<GenerationSummary> generations;
  bool stopped_early = false;  // a generation fell below min_acceptance (or was interrupted)
};

using Evaluator = std::function<Expected<std::vector<Evaluation>>(const std::vector<Proposal>&)>;
// Told after each generation (and with the partial generation after each batch).
using Observer = std::function<void(const GenerationSummary&, bool generation_done)>;

// Runs ABC-SMC. Errors: `evaluate`'s, or a prior range that is empty or a log range with min <= 0.
// `stop`, when given and true between batches, ends the sampler as if min_acceptance had been
// reached (the result is then the last complete generation).
Expected<SmcResult> run_abc_smc(const std::vector<PriorRange>& priors, const SmcSettings& settings,
                                const Evaluator& evaluate, const Observer& observe = {},
                                const std::function<bool()>& stop = {});

// The most proposals inside the prior's range a generation may evaluate: particles /
// min_acceptance, rounded up.
std::uint64_t max_proposals(const SmcSettings& settings);
// The most slots a generation may draw, those outside the prior's range included: 64 times that
// (a kernel that almost never lands inside the range ends the calibration too).
std::uint64_t max_slots(const SmcSettings& settings);

// The weighted q-quantile (q in [0, 1]) of values with weights; the smallest value whose
// cumulative weight reaches q of the total.
double weighted_quantile(std::vector<double> values, std::vector<double> weights, double q);

}  // namespace kopa::calibrate
