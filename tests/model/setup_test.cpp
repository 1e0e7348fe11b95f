// The initial state is set up by founder blocks in parallel (sim/model/setup.cpp). It must not
// depend on how the blocks are spread over threads, and every founder must get its own region
// and its own draws wherever the block and region boundaries fall. Its normals come in
// Box-Muller pairs.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <cmath>

#include "model/population.hpp"
#include "model/random.hpp"
#include "model/state.hpp"
#include "model_fixture.hpp"

namespace kopa {
namespace {

// 10,003 founders over four regions of 2,501 and 2,500: region boundaries fall inside the
// first two blocks of 4,096 and the last block is short.
constexpr std::int64_t founders = 10003;

RunState set_up_on_threads(const Model& model, int threads) {
  RunState state;
  tbb::task_arena arena(threads);
  arena.execute([&] { state = initial_state(model, replicate_seed(3, 1)); });
  return state;
}

TEST(InitialState, SameFoundersSerialReversedAndOnEightThreads) {
  const Model model(testing::all_levers(founders, 12));
  const RunState serial = initial_state(model, replicate_seed(3, 1), Parallelism::serial);
  const RunState reversed = initial_state(model, replicate_seed(3, 1), Parallelism::reversed);
  EXPECT_EQ(serial.parallelism, Parallelism::serial);
  EXPECT_EQ(reversed.parallelism, Parallelism::reversed);
  EXPECT_TRUE(serial.founders == reversed.founders);
  for (int again = 0; again < 3; ++again) {
    EXPECT_TRUE(serial.founders == set_up_on_threads(model, 8).founders) << "run " << again;
  }
  EXPECT_EQ(serial.training_eligible, reversed.training_eligible);
}

TEST(InitialState, FoundersAreNumberedRegionByRegionAcrossBlocks) {
  const Model model(testing::all_levers(founders, 12));
  const RunState state = set_up_on_threads(model, 8);
  ASSERT_EQ(state.founders.size(), static_cast<std::size_t>(founders));
  std::size_t id = 0;
  for (std::size_t r = 0; r < model.region_count(); ++r) {
    ASSERT_GT(model.founders_per_region()[r], 0);
    for (std::int64_t k = 0; k < model.founders_per_region()[r]; ++k, ++id) {
      ASSERT_EQ(state.founders.region[id], r) << "founder " << id;
    }
  }
}

// Each founder draws from its own id's stream: founders at the same offset in different blocks
// (and regions) share none of their drawn traits, but for the rare one clamped at 0 or 1.
TEST(InitialState, FoundersAtTheSameOffsetInOtherBlocksDrawTheirOwnTraits) {
  const Model model(testing::all_levers(founders, 12));
  const Founders& f = set_up_on_threads(model, 8).founders;
  int same = 0;
  for (std::size_t k = 0; k < 1000; ++k) {
    const std::size_t other = k + founder_block_size;
    same += (f.business_skill[k] == f.business_skill[other] ? 1 : 0) +
            (f.motivation[k] == f.motivation[other] ? 1 : 0) +
            (f.social_capital[k] == f.social_capital[other] ? 1 : 0);
  }
  EXPECT_LT(same, 10);
}

// The set-up takes two normals from each Box-Muller pair (model/random.hpp): both must be
// standard normals and independent of each other. 10^5 pairs, each bound 5 standard errors
// (a correct transform fails with probability below 10^-5 per bound); the cosine's output is
// standard_normal's, bit for bit.
TEST(InitialState, BoxMullerPairsAreTwoIndependentStandardNormals) {
  const RandomStreams random(replicate_seed(9, 0));
  constexpr std::size_t n = 100000;
  double sum[2] = {0, 0}, squares[2] = {0, 0}, product = 0, tail[2] = {0, 0};
  for (std::size_t i = 0; i < n; ++i) {
    const auto u = random.uniforms(Stream::setup, 0, i, 0);
    const auto z = standard_normals(u[0], u[1]);
    ASSERT_EQ(z[0], standard_normal(u[0], u[1]));
    for (std::size_t k = 0; k < 2; ++k) {
      sum[k] += z[k];
      squares[k] += z[k] * z[k];
      tail[k] += z[k] > 1.959964 ? 1.0 : 0.0;  // P = 0.025
    }
    product += z[0] * z[1];
  }
  const double count = static_cast<double>(n);
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_NEAR(sum[k] / count, 0.0, 5.0 / std::sqrt(count)) << "output " << k;
    EXPECT_NEAR(squares[k] / count, 1.0, 5.0 * std::sqrt(2.0 / count)) << "output " << k;
    EXPECT_NEAR(tail[k] / count, 0.025, 5.0 * std::sqrt(0.025 * 0.975 / count)) << "output " << k;
  }
  EXPECT_NEAR(product / count, 0.0, 5.0 / std::sqrt(count));  // uncorrelated
}

}  // namespace
}  // namespace kopa
