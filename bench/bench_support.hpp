#pragma once
// What the benchmarks share: the parameters they run (the test fixture's idea, copied so bench/
// depends on no test code and on no scenario files), thread caps and peak memory.
#include <sys/resource.h>
#include <tbb/task_arena.h>

#include <cstdint>
#include <string>
#include <thread>
#include <utility>

#include "model/kinds.hpp"
#include "model/model_fixture.hpp"
#include "model/parameters.hpp"
#include "scenario/parameter_table.hpp"

namespace kopa::bench {

// The two policy settings the suite measures: no lever, and every one of the nine levers on.
enum class Policy { baseline, combined };

inline std::string to_string(Policy policy) {
  return policy == Policy::baseline ? "baseline" : "combined";
}

inline void enable_lever(ModelParameters& p, Lever lever) {
  p.levers.calendar(lever).enabled = true;
}

// The tests' model: defaults plus four hand-made regions, near and remote, with and without an
// incubator and a local enabling network (tests/model/model_fixture.hpp).
inline ModelParameters bench_parameters(std::int64_t founders, std::int64_t months,
                                        Policy policy = Policy::baseline) {
  ModelParameters p = testing::test_parameters(founders, months);
  if (policy == Policy::combined) {
    for (std::size_t l = 0; l < lever_count; ++l) enable_lever(p, static_cast<Lever>(l));
  }
  return p;
}

// All the threads this machine offers (what "all threads" means in benchmark names).
inline int all_threads() {
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// Runs `work` with at most `threads` TBB workers (the calling thread included).
template <class Work>
void with_threads(int threads, Work&& work) {
  tbb::task_arena arena(threads);
  arena.execute(std::forward<Work>(work));
}

// The process's peak resident set so far, in bytes (Linux reports ru_maxrss in KiB).
inline double peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0;
}

}  // namespace kopa::bench
