#include "engine/ensemble.hpp"

#include <tbb/concurrent_queue.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <thread>

#include "engine/run.hpp"

namespace kopa {
namespace {

struct Finished {
  std::size_t job;
  RunSeries series;
};

}  // namespace

Status run_ensemble(const std::vector<const Model*>& models, const std::vector<RunJob>& jobs,
                    const EnsembleOptions& options,
                    const std::function<Status(const RunJob&, RunSeries&&)>& deliver) {
  // An empty slot (nullopt) tells the writer that a job was skipped (stop requested or failed).
  tbb::concurrent_bounded_queue<std::optional<Finished>> queue;
  queue.set_capacity(static_cast<std::ptrdiff_t>(std::max<std::size_t>(1, options.queue_capacity)));
  std::atomic<bool> failed{false};
  std::mutex run_failure_mutex;
  std::string run_failure;  // the first run that threw, in words
  auto stopping = [&] {
    return failed.load(std::memory_order_relaxed) ||
           (options.stop != nullptr && options.stop->load(std::memory_order_relaxed));
  };

  const Parallelism inner = jobs.size() >= static_cast<std::size_t>(std::max(1, options.threads))
                                ? Parallelism::serial
                                : Parallelism::blocks;
  std::thread producer([&] {
    tbb::task_arena arena(std::max(1, options.threads));
    arena.execute([&] {
      tbb::parallel_for(std::size_t{0}, jobs.size(), [&](std::size_t j) {
        if (stopping()) {
          queue.push(std::nullopt);
          return;
        }
        const RunJob& job = jobs[j];
        try {
          queue.push(Finished{
              j, run_replicate(*models[job.model], options.base_seed, job.replicate, inner)});
        } catch (const std::exception& failure) {
          // Out of memory, most likely: stop starting runs and report it as an error, so the
          // caller can keep or discard what it has instead of the process aborting.
          {
            const std::lock_guard lock(run_failure_mutex);
            if (run_failure.empty()) {
              const bool memory = dynamic_cast<const std::bad_alloc*>(&failure) != nullptr;
              run_failure = "run " + std::to_string(job.replicate) + " of model " +
                            std::to_string(job.model) + " failed: " +
                            (memory ? std::string("out of memory") : std::string(failure.what()));
            }
          }
          failed = true;
          queue.push(std::nullopt);
        }
      });
    });
  });

  Status status = ok();
  for (std::size_t received = 0; received < jobs.size(); ++received) {
    std::optional<Finished> finished;
    queue.pop(finished);
    if (!finished || !status) continue;
    Status delivered = deliver(jobs[finished->job], std::move(finished->series));
    if (!delivered) {
      status = std::move(delivered);
      failed = true;
    }
  }
  producer.join();
  if (status && !run_failure.empty()) return Error{run_failure};
  return status;
}

}  // namespace kopa
