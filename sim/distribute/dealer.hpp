#pragma once
// Dynamic dealing of runs over MPI ranks (docs/distributed.md). Rank 0, the writer, holds the
// list of jobs and hands them out as ranks ask: a rank asks for as many jobs as it has threads
// and, with each finished run it sends back, implicitly for one more, so a rank whose runs are
// cheap simply gets more of them. Results flow only to the writer, which hands each to
// `deliver` (the journal and the HDF5 file) on its main thread. Jobs and results are plain
// numbers, so the same dealing serves a sweep's design points, a run's scenarios and a
// calibration's particles: a job is (model, replicate) into a model list every rank built alike,
// a result is the doubles `compute` returns for it.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "distribute/world.hpp"
#include "engine/ensemble.hpp"
#include "util/expected.hpp"

namespace kopa::distribute {

// What the dealing cost the writer: the figures docs/distributed.md's scaling model needs.
struct DealReport {
  std::uint64_t runs = 0;          // results delivered
  std::uint64_t result_bytes = 0;  // received with them (headers included)
  std::uint64_t messages = 0;      // sent and received by the writer
  double deliver_seconds = 0;      // spent in `deliver`: the writer's per-run cost, summed
  double deliver_cpu_seconds = 0;  // of which the writer's thread computed (the rest: waiting)
  // The job stopped early: a signal on the writer, or a rank that was signalled; the runs
  // delivered so far are kept and the other ranks may still be busy (World::abandon).
  bool stopped = false;
};

using Deliver = std::function<Status(const RunJob&, std::vector<double>&&)>;
using Compute = std::function<std::vector<double>(const RunJob&)>;

// The writer's side: deals `jobs` (in their order) to ranks 1..size-1 as they ask and delivers
// every result, in arrival order, until all are delivered. Stops dealing at once when `stop`
// becomes true or a rank reports a signal (report->stopped), when `deliver` fails (its error),
// or when a rank's run failed ("rank R: run ... failed: ..."); then it returns without waiting
// for the runs still in flight, and the caller should abandon the world.
Status deal(const World& world, const std::vector<RunJob>& jobs, const std::atomic<bool>* stop,
            const Deliver& deliver, DealReport* report = nullptr);

// Every other rank's side: asks the writer for jobs, computes them on `threads` TBB threads
// (one run per thread) and sends each result as it finishes, until the writer has no more.
// When `stop` becomes true, tells the writer, lets running runs end and returns an error saying
// so. A run that throws is reported to the writer and returned as an error.
Status serve(const World& world, int threads, const std::atomic<bool>* stop,
             const Compute& compute);

}  // namespace kopa::distribute
