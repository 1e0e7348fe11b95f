#include "calibrate/abc_smc.hpp"

#include "calibrate/prior_coordinates.hpp"

#include <Random123/philox.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <optional>
#include <string>

namespace kopa::calibrate {
namespace {

// Key of the sampler's own Philox stream, beside the seed; the model's streams use the replicate
// seeds (model/random.hpp), never this key.
constexpr std::uint64_t sampler_stream = 0xABC5A3C;
constexpr double two_pi = 6.283185307179586;

double to_unit(std::uint64_t bits) {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

// Uniforms for (generation, slot): draw k gives uniforms 4k .. 4k+3.
class SlotRandom {
 public:
  SlotRandom(std::uint64_t seed, int generation, std::uint32_t slot)
      : seed_(seed), generation_(static_cast<std::uint64_t>(generation)), slot_(slot) {}

  double uniform() {
    if (used_ == 4) refill();
    return block_[used_++];
  }
  double normal() {
    const double u1 = std::max(uniform(), 0x1.0p-53);
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(two_pi * u2);
  }

 private:
  void refill() {
    r123::Philox4x64 philox;
    const r123::Philox4x64::key_type key{{seed_, sampler_stream}};
    const r123::Philox4x64::ctr_type counter{{generation_, slot_, draw_++, 0}};
    const auto bits = philox(counter, key);
    for (int i = 0; i < 4; ++i) block_[static_cast<std::size_t>(i)] = to_unit(bits[i]);
    used_ = 0;
  }
  std::uint64_t seed_, generation_, slot_;
  std::uint64_t draw_ = 0;
  std::array<double, 4> block_{};
  int used_ = 4;
};

struct Box {
  std::vector<double> low, high;
  bool contains(const std::vector<double>& x) const {
    for (std::size_t j = 0; j < x.size(); ++j) {
      if (!(x[j] >= low[j] && x[j] <= high[j])) return false;
    }
    return true;
  }
};

// The olcm_probit kernel's coordinates are calibrate/prior_coordinates.hpp's probit.
// log of the prior's density in y, up to a constant: dx/dy = (high - low) phi(y), so the prior
// (flat in x) is the standard normal in y.
double log_prior_in_probit(const std::vector<double>& y) {
  double total = 0;
  for (const double v : y) total -= 0.5 * v * v;
  return total;
}

// The previous generation in the kernel's coordinates (internal for componentwise, probit for
// olcm), with its kernel.
struct Ancestors {
  Kernel kernel = Kernel::componentwise;
  std::vector<std::vector<double>> x;
  std::vector<double> weight;
  std::vector<double> cumulative;
  std::vector<double> sd;                // componentwise: standard deviation per dimension
  std::vector<std::vector<double>> l;    // olcm: each ancestor's Cholesky factor (row-major)
  std::vector<double> log_weight_scale;  // olcm: log weight - sum log diag(l) (the normal's factor)

  std::size_t pick(double u) const {
    const double target = u * cumulative.back();
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), target);
    return std::min(static_cast<std::size_t>(it - cumulative.begin()), x.size() - 1);
  }
  // Beaumont et al. 2009: prior / sum_j w_j K(point | x_j), up to a constant factor (it cancels
  // on normalising). componentwise: the prior is flat in internal coordinates inside the range,
  // so only the mixture density remains. olcm: the prior's density in probit coordinates over
  // the mixture of the ancestors' own normals, summed in logs (their scales differ).
  double weight_of(const std::vector<double>& point) const {
    const std::size_t d = point.size();
    if (kernel == Kernel::componentwise) {
      double total = 0;
      for (std::size_t i = 0; i < x.size(); ++i) {
        double exponent = 0;
        for (std::size_t j = 0; j < d; ++j) {
          const double z = (point[j] - x[i][j]) / sd[j];
          exponent += z * z;
        }
        total += weight[i] * std::exp(-0.5 * exponent);
      }
      return 1.0 / total;
    }
    std::vector<double> terms(x.size());
    std::vector<double> z(d);
    for (std::size_t i = 0; i < x.size(); ++i) {
      // Solve l z = point - x_i; the exponent is -|z|^2 / 2.
      double squares = 0;
      for (std::size_t r = 0; r < d; ++r) {
        double sum = point[r] - x[i][r];
        for (std::size_t c = 0; c < r; ++c) sum -= l[i][r * d + c] * z[c];
        z[r] = sum / l[i][r * d + r];
        squares += z[r] * z[r];
      }
      terms[i] = log_weight_scale[i] - 0.5 * squares;
    }
    const double top = *std::max_element(terms.begin(), terms.end());
    double sum = 0;
    for (const double t : terms) sum += std::exp(t - top);
    const double log_prior = kernel == Kernel::olcm_probit ? log_prior_in_probit(point) : 0.0;
    return std::exp(log_prior - top - std::log(sum));
  }
};

// Beaumont et al. 2009: twice the weighted variance of the previous generation, per dimension.
void componentwise_kernel(Ancestors& a, const Box& box, double total_weight) {
  const std::size_t d = box.low.size();
  a.sd.assign(d, 0.0);
  for (std::size_t j = 0; j < d; ++j) {
    double mean = 0;
    for (std::size_t i = 0; i < a.x.size(); ++i) mean += a.weight[i] * a.x[i][j];
    mean /= total_weight;
    double variance = 0;
    for (std::size_t i = 0; i < a.x.size(); ++i) {
      variance += a.weight[i] * (a.x[i][j] - mean) * (a.x[i][j] - mean);
    }
    variance /= total_weight;
    // A collapsed dimension still moves: a floor at a millionth of the prior's width.
    const double floor = 1e-6 * (box.high[j] - box.low[j]);
    a.sd[j] = std::max(std::sqrt(2.0 * variance), floor);
  }
}

// Filippi et al. 2013, the optimal local covariance: for ancestor i,
// sum_k w~_k (y_k - y_i)(y_k - y_i)^T over the ancestors k whose distance is within the new
// tolerance, w~ their weights renormalised (all of them when none is).
void olcm_kernel(Ancestors& a, const std::vector<Particle>& particles, double tolerance) {
  const std::size_t d = a.x.empty() ? 0 : a.x.front().size();
  std::vector<std::size_t> near;
  double near_weight = 0;
  for (std::size_t k = 0; k < particles.size(); ++k) {
    if (particles[k].distance <= tolerance) {
      near.push_back(k);
      near_weight += a.weight[k];
    }
  }
  if (near.empty() || !(near_weight > 0)) {
    near.resize(particles.size());
    std::iota(near.begin(), near.end(), 0);
    near_weight = std::accumulate(a.weight.begin(), a.weight.end(), 0.0);
  }
  std::vector<std::vector<double>> covariances;
  for (std::size_t i = 0; i < a.x.size(); ++i) {
    std::vector<double> covariance(d * d, 0.0);
    for (const std::size_t k : near) {
      const double w = a.weight[k] / near_weight;
      for (std::size_t r = 0; r < d; ++r) {
        const double dr = a.x[k][r] - a.x[i][r];
        for (std::size_t c = 0; c <= r; ++c)
          covariance[r * d + c] += w * dr * (a.x[k][c] - a.x[i][c]);
      }
    }
    for (std::size_t r = 0; r < d; ++r) {
      for (std::size_t c = r + 1; c < d; ++c) covariance[r * d + c] = covariance[c * d + r];
    }
    covariances.push_back(std::move(covariance));
  }
  if (a.kernel == Kernel::olcm_mean) {
    // One covariance for every ancestor: the weighted mean of theirs.
    std::vector<double> mean(d * d, 0.0);
    const double total = std::accumulate(a.weight.begin(), a.weight.end(), 0.0);
    for (std::size_t i = 0; i < covariances.size(); ++i) {
      for (std::size_t e = 0; e < d * d; ++e) mean[e] += a.weight[i] / total * covariances[i][e];
    }
    for (auto& c : covariances) c = mean;
  }
  for (auto& covariance : covariances) {
    std::vector<double> l = factor_with_jitter(std::move(covariance), d);
    double log_scale = 0;
    for (std::size_t j = 0; j < d; ++j) log_scale -= std::log(l[j * d + j]);
    a.l.push_back(std::move(l));
    a.log_weight_scale.push_back(log_scale);
  }
}

Ancestors ancestors_of(const std::vector<Particle>& particles,
                       const std::vector<PriorRange>& priors, const Box& box, Kernel kernel,
                       double tolerance) {
  Ancestors a;
  a.kernel = kernel;
  const std::size_t d = priors.size();
  double running = 0;
  for (const auto& p : particles) {
    std::vector<double> x(d);
    for (std::size_t j = 0; j < d; ++j) {
      x[j] = to_internal(priors[j], p.theta[j]);
      if (kernel == Kernel::olcm_probit) x[j] = to_probit(box.low[j], box.high[j], x[j]);
    }
    a.x.push_back(std::move(x));
    a.weight.push_back(p.weight);
    running += p.weight;
    a.cumulative.push_back(running);
  }
  if (kernel == Kernel::componentwise) {
    componentwise_kernel(a, box, running);
  } else {
    olcm_kernel(a, particles, tolerance);
    for (std::size_t i = 0; i < a.weight.size(); ++i)
      a.log_weight_scale[i] += std::log(a.weight[i]);
  }
  return a;
}

// A proposal in the kernel's coordinates (internal coordinates for the prior's generation 0).
std::vector<double> propose(const std::vector<PriorRange>& priors, const Box& box,
                            const Ancestors* ancestors, SlotRandom& random) {
  const std::size_t d = priors.size();
  std::vector<double> x(d);
  if (!ancestors) {
    for (std::size_t j = 0; j < d; ++j) {
      x[j] = box.low[j] + random.uniform() * (box.high[j] - box.low[j]);
    }
    return x;
  }
  const std::size_t i = ancestors->pick(random.uniform());
  if (ancestors->kernel == Kernel::componentwise) {
    for (std::size_t j = 0; j < d; ++j)
      x[j] = ancestors->x[i][j] + ancestors->sd[j] * random.normal();
    return x;
  }
  std::vector<double> z(d);
  for (std::size_t j = 0; j < d; ++j) z[j] = random.normal();
  const std::vector<double>& l = ancestors->l[i];
  for (std::size_t r = 0; r < d; ++r) {
    double sum = ancestors->x[i][r];
    for (std::size_t c = 0; c <= r; ++c) sum += l[r * d + c] * z[c];
    x[r] = sum;
  }
  return x;
}

// A proposal's internal coordinates, from the kernel's.
std::vector<double> internal_of(const Box& box, const Ancestors* ancestors,
                                const std::vector<double>& point) {
  if (!ancestors || ancestors->kernel != Kernel::olcm_probit) return point;
  std::vector<double> x(point.size());
  for (std::size_t j = 0; j < point.size(); ++j)
    x[j] = from_probit(box.low[j], box.high[j], point[j]);
  return x;
}

double effective_sample_size(const std::vector<Particle>& particles) {
  double squares = 0;
  for (const auto& p : particles) squares += p.weight * p.weight;
  return squares > 0 ? 1.0 / squares : 0.0;
}

}  // namespace

std::uint64_t max_slots(const SmcSettings& settings) {
  return 64 * max_proposals(settings);
}

std::uint64_t max_proposals(const SmcSettings& settings) {
  return static_cast<std::uint64_t>(
      std::ceil(static_cast<double>(settings.particles) / settings.min_acceptance));
}

double weighted_quantile(std::vector<double> values, std::vector<double> weights, double q) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  double running = 0;
  for (const std::size_t i : order) {
    running += weights[i];
    if (running >= q * total) return values[i];
  }
  return values[order.back()];
}

Expected<SmcResult> run_abc_smc(const std::vector<PriorRange>& priors, const SmcSettings& settings,
                                const Evaluator& evaluate, const Observer& observe,
                                const std::function<bool()>& stop) {
  Box box;
  for (const auto& p : priors) {
    if (!(p.min < p.max) || (p.log && p.min <= 0)) {
      return Error{"a prior range must have min < max (and min > 0 when log-uniform)", true};
    }
    box.low.push_back(to_internal(p, p.min));
    box.high.push_back(to_internal(p, p.max));
  }
  const auto particles = static_cast<std::size_t>(settings.particles);
  const std::uint64_t batch =
      settings.batch > 0 ? static_cast<std::uint64_t>(settings.batch) : particles;
  const std::uint64_t cap = max_proposals(settings);
  const std::uint64_t slot_limit = max_slots(settings);

  SmcResult result;
  std::vector<Particle> previous;
  for (int generation = 0; generation <= settings.generations; ++generation) {
    std::optional<Ancestors> ancestors;
    GenerationSummary summary;
    summary.generation = generation;
    summary.tolerance = std::numeric_limits<double>::infinity();
    if (generation > 0) {
      std::vector<double> distances, weights;
      for (const auto& p : previous) {
        distances.push_back(p.distance);
        weights.push_back(p.weight);
      }
      summary.tolerance = weighted_quantile(distances, weights, settings.quantile);
      ancestors = ancestors_of(previous, priors, box, settings.kernel, summary.tolerance);
    }
    std::vector<Particle> accepted;
    std::uint32_t next_slot = 0;
    bool interrupted = false;
    if (observe) observe(summary, false);
    while (accepted.size() < particles && summary.evaluated < cap && next_slot < slot_limit) {
      if (stop && stop()) {
        interrupted = true;
        break;
      }
      // One batch: up to `batch` proposals inside the prior's range (the others have prior
      // density 0 and are dropped unrun, as in Toni et al.), never more than the cap leaves.
      std::vector<Proposal> proposals;
      std::vector<std::uint32_t> slots;
      std::vector<std::vector<double>> points;  // in the kernel's coordinates
      std::vector<bool> inside;
      const std::uint64_t wanted = std::min<std::uint64_t>(batch, cap - summary.evaluated);
      std::uint64_t end = next_slot;
      for (std::uint64_t s = next_slot; proposals.size() < wanted && s < slot_limit; ++s) {
        end = s + 1;
        const auto slot = static_cast<std::uint32_t>(s);
        SlotRandom random(settings.seed, generation, slot);
        const Ancestors* from = ancestors ? &*ancestors : nullptr;
        auto point = propose(priors, box, from, random);
        const std::vector<double> x = internal_of(box, from, point);
        slots.push_back(slot);
        inside.push_back(box.contains(x));
        if (inside.back()) {
          std::vector<double> theta(x.size());
          for (std::size_t j = 0; j < x.size(); ++j) theta[j] = from_internal(priors[j], x[j]);
          proposals.push_back({generation, slot, std::move(theta)});
        }
        points.push_back(std::move(point));
      }
      auto evaluations = evaluate(proposals);
      if (!evaluations) return evaluations.error();
      if (evaluations->size() != proposals.size()) {
        return Error{"the evaluator answered " + std::to_string(evaluations->size()) + " of " +
                         std::to_string(proposals.size()) + " proposals",
                     false};
      }
      std::size_t e = 0;
      for (std::size_t k = 0; k < slots.size() && accepted.size() < particles; ++k) {
        ++summary.proposed;
        if (!inside[k]) continue;
        ++summary.evaluated;
        Evaluation& evaluation = (*evaluations)[e];
        Proposal& proposal = proposals[e++];
        if (!(std::isfinite(evaluation.distance) && evaluation.distance <= summary.tolerance)) {
          continue;
        }
        Particle particle;
        particle.theta = std::move(proposal.theta);
        particle.distance = evaluation.distance;
        particle.kept = std::move(evaluation.kept);
        particle.slot = slots[k];
        particle.weight = ancestors ? ancestors->weight_of(points[k]) : 1.0;
        accepted.push_back(std::move(particle));
      }
      next_slot =
          accepted.size() >= particles ? accepted.back().slot + 1 : static_cast<std::uint32_t>(end);
      summary.accepted = accepted.size();
      if (observe) observe(summary, false);
    }
    if (accepted.size() < particles) {
      result.stopped_early = true;
      if (interrupted && generation == 0) return Error{"interrupted", false};
      if (generation == 0) {
        return Error{"the prior gave only " + std::to_string(accepted.size()) + " of " +
                         std::to_string(particles) +
                         " particles whose every fitted target the model could compute; widen "
                         "the priors or check the targets",
                     true};
      }
      break;
    }
    const double total =
        std::accumulate(accepted.begin(), accepted.end(), 0.0,
                        [](double sum, const Particle& p) { return sum + p.weight; });
    for (auto& p : accepted) p.weight /= total;
    summary.proposed = next_slot;
    summary.accepted = accepted.size();
    summary.effective_sample_size = effective_sample_size(accepted);
    result.generations.push_back(summary);
    if (observe) observe(summary, true);
    if (generation == 0) result.prior = accepted;
    previous = std::move(accepted);
  }
  result.particles = std::move(previous);
  return result;
}

}  // namespace kopa::calibrate
