// Reproducibility: a replicate's series is a pure function of (model, base seed, replicate),
// whatever the number of threads, and a run state is a plain value that can be copied and
// continued.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include "engine/run.hpp"
#include "model_fixture.hpp"

namespace kopa {
namespace {

// Every lever on, so every phase and stream takes part; more founders than one block (4096)
// so that the parallel phases really split the work.
using testing::all_levers;

RunSeries run_on_threads(const Model& model, int threads, std::uint64_t seed, int replicate) {
  RunSeries series;
  tbb::task_arena arena(threads);
  arena.execute([&] { series = run_replicate(model, seed, replicate); });
  return series;
}

TEST(Determinism, SameSeedSameSeriesOnOneTwoAndEightThreads) {
  const Model model(all_levers(20000, 48));
  const RunSeries one = run_on_threads(model, 1, 7, 3);
  const RunSeries two = run_on_threads(model, 2, 7, 3);
  const RunSeries eight = run_on_threads(model, 8, 7, 3);
  const RunSeries again = run_on_threads(model, 8, 7, 3);
  EXPECT_TRUE(one == two);
  EXPECT_TRUE(one == eight);
  EXPECT_TRUE(eight == again);
  // Not a trivial equality: the run did something.
  EXPECT_GT(one.at(Metric::awards, 12) + one.at(Metric::awards, 40), 0.0);
  EXPECT_GT(one.at(Metric::founders_startup, 47), 0.0);
}

// At 10^5 founders (25 blocks) a block-order slip in a sum shows: sums of floating-point
// skills and money over blocks taken in the order threads finish differ in their last bits. A
// few months keep it quick; eight threads on fewer cores finish blocks in shifting orders.
TEST(Determinism, SameSeriesAtHundredThousandFoundersOnOneTwoAndEightThreads) {
  const Model model(all_levers(100000, 6));
  const RunSeries one = run_on_threads(model, 1, 7, 3);
  EXPECT_TRUE(one == run_on_threads(model, 2, 7, 3));
  for (int again = 0; again < 2; ++again) {
    EXPECT_TRUE(one == run_on_threads(model, 8, 7, 3)) << "8 threads, run " << again;
  }
  EXPECT_TRUE(one == run_replicate(model, 7, 3, Parallelism::reversed));
  EXPECT_GT(one.at(Metric::new_ideas, 5), 0.0);
}

TEST(Determinism, OtherSeedsAndReplicatesDiffer) {
  const Model model(all_levers(5000, 36));
  const RunSeries base = run_replicate(model, 7, 3);
  EXPECT_FALSE(base == run_replicate(model, 8, 3));
  EXPECT_FALSE(base == run_replicate(model, 7, 4));
}

TEST(Determinism, CopiedStateContinuesLikeTheOriginal) {
  const Model model(all_levers(10000, 48));
  RunState state = initial_state(model, replicate_seed(11, 0));
  RunSeries series(model.months(), model.labels());
  while (state.month < 20) step(model, state, series);

  RunState copy = state;
  RunSeries copy_series = series;
  run_to_end(model, state, series);
  run_to_end(model, copy, copy_series);
  EXPECT_TRUE(series == copy_series);
  // And stepping month by month is the same as a whole replicate.
  EXPECT_TRUE(series == run_replicate(model, 11, 0));
}

}  // namespace
}  // namespace kopa
