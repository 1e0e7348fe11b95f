// The memory estimate that lets kopa refuse a job too large for the machine must not fall below
// what a run really allocates: this fails when the model's founder state outgrows
// bytes_per_founder (engine/memory_estimate.hpp), so that the constant is raised with it.
#include <gtest/gtest.h>
#include <malloc.h>

#include <filesystem>

#include "engine/memory_estimate.hpp"
#include "engine/run.hpp"
#include "model/random.hpp"
#include "sanitizer_build.hpp"
#include "scenario/scenario.hpp"

namespace kopa {
namespace {

#if !defined(KOPA_ADDRESS_SANITIZER)  // AddressSanitizer keeps its own books, not glibc's
TEST(MemoryEstimate, BytesPerFounderCoverWhatARunAllocates) {
  constexpr std::int64_t founders = 200'000;
  ScenarioLoad load =
      load_scenario(std::filesystem::path(KOPA_SOURCE_DIR) / "scenarios" / "combined.toml",
                    {"simulation.founders=" + std::to_string(founders), "simulation.months=24"});
  ASSERT_TRUE(load.scenario);
  const Model model(load.scenario->parameters);
  // In use from the heap plus in large blocks of their own (mmap), as glibc counts them.
  auto in_use = [] {
    const struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
  };
  const std::size_t before = in_use();
  RunState state = initial_state(model, replicate_seed(1, 0));
  RunSeries series(model.months(), model.labels());
  run_to_end(model, state, series);  // ties and scratch grow as the run goes
  const std::size_t after = in_use();
  ASSERT_GT(after, before);
  const double measured = static_cast<double>(after - before) / founders;
  EXPECT_GT(measured, 16.0) << "nothing per founder measured: is the allocator glibc's?";
  EXPECT_LE(measured, static_cast<double>(bytes_per_founder))
      << "a run allocates " << measured << " bytes per founder; raise bytes_per_founder";
  const MemoryEstimate estimate = estimate_ensemble_memory({&model}, 1, 1, 64);
  EXPECT_GE(estimate.per_run, static_cast<std::uint64_t>(after - before));
}
#endif

TEST(MemoryEstimate, GrowsWithFoundersAndRunsAtATime) {
  ScenarioLoad load =
      load_scenario(std::filesystem::path(KOPA_SOURCE_DIR) / "scenarios" / "baseline.toml",
                    // A region of 10^8 people, so that 10^6 agents stand for at least one each.
                    {"regions.harju.population=100000000", "simulation.founders=1000000"});
  ASSERT_TRUE(load.scenario);
  const Model model(load.scenario->parameters);
  const MemoryEstimate one = estimate_ensemble_memory({&model}, 10, 1, 64);
  const MemoryEstimate four = estimate_ensemble_memory({&model}, 10, 4, 64);
  const MemoryEstimate few_jobs = estimate_ensemble_memory({&model}, 2, 4, 64);
  EXPECT_GE(one.per_run, 1'000'000 * bytes_per_founder);
  EXPECT_EQ(one.concurrent, 1u);
  EXPECT_EQ(four.concurrent, 4u);
  EXPECT_EQ(few_jobs.concurrent, 2u);  // no more runs at a time than there are runs
  EXPECT_EQ(four.data - one.data, 3 * one.per_run);
  EXPECT_GT(four.address_space, four.data);
}

}  // namespace
}  // namespace kopa
