#pragma once
#include <gtest/gtest.h>

#include <vector>

#include "calibrate/abc_smc.hpp"

// What the ABC-SMC test files check alike: that a sampler's particles do not depend on how the
// proposals of a generation are batched or in which order they are evaluated.
namespace kopa::testing {

// Evaluates a batch one proposal at a time, the last first, with `evaluate` (the order a model
// evaluator spreading a batch over threads may finish in).
template <class Evaluate>
auto evaluated_in_reverse(Evaluate evaluate) {
  return [evaluate](const std::vector<calibrate::Proposal>& proposals)
             -> Expected<std::vector<calibrate::Evaluation>> {
    std::vector<calibrate::Evaluation> out(proposals.size());
    for (std::size_t i = proposals.size(); i-- > 0;) out[i] = (*evaluate({proposals[i]}))[0];
    return out;
  };
}

// The same particles, bit for bit: values, weights and slots.
inline void expect_same_particles(const calibrate::SmcResult& a, const calibrate::SmcResult& b) {
  ASSERT_EQ(a.particles.size(), b.particles.size());
  for (std::size_t i = 0; i < a.particles.size(); ++i) {
    EXPECT_EQ(a.particles[i].theta, b.particles[i].theta);
    EXPECT_EQ(a.particles[i].weight, b.particles[i].weight);
    EXPECT_EQ(a.particles[i].slot, b.particles[i].slot);
  }
}

}  // namespace kopa::testing
