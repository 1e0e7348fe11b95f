#include "distribute/dealer.hpp"

#include <mpi.h>
#include <tbb/concurrent_queue.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <new>
#include <thread>

namespace kopa::distribute {
namespace {

// Messages. ask: a worker's int, how many jobs it can take. jobs: the writer's (model,
// replicate) pairs as 64-bit numbers; none means "no more". result: a worker's header (model,
// replicate, kind) then the run's doubles (done) or a message (failed); `stopped` has no job.
enum Tag : int { ask = 1, jobs_tag = 2, result = 3 };
enum Kind : std::uint64_t { done = 0, failed = 1, stopped = 2 };
constexpr std::size_t header_bytes = 3 * sizeof(std::uint64_t);

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

// Idle ranks sleep this long between polls: MPI's blocking calls spin a core, which on a shared
// node is a core taken from the runs.
void nap() {
  std::this_thread::sleep_for(std::chrono::microseconds(200));
}

std::vector<unsigned char> result_message(const RunJob& job, Kind kind, const void* payload,
                                          std::size_t bytes) {
  std::vector<unsigned char> message(header_bytes + bytes);
  const std::uint64_t header[3] = {job.model, static_cast<std::uint64_t>(job.replicate), kind};
  std::memcpy(message.data(), header, header_bytes);
  if (bytes > 0) std::memcpy(message.data() + header_bytes, payload, bytes);
  return message;
}

// Receives a message Iprobe announced, watching `stop` meanwhile: a rank killed in the middle of
// sending a result leaves a blocking receive waiting forever, and the writer must still notice
// the signal mpirun sends it then, to write its file and say what happened.
bool receive(void* data, int count, MPI_Datatype type, const MPI_Status& announced,
             const std::atomic<bool>* stop) {
  MPI_Request request = MPI_REQUEST_NULL;
  MPI_Irecv(data, count, type, announced.MPI_SOURCE, announced.MPI_TAG, MPI_COMM_WORLD, &request);
  for (;;) {
    int complete = 0;
    MPI_Test(&request, &complete, MPI_STATUS_IGNORE);
    if (complete != 0) return true;
    if (stop != nullptr && stop->load()) return false;  // the job is ending: no MPI call after
    std::this_thread::yield();
  }
}

void send(const std::vector<unsigned char>& message, int tag) {
  MPI_Send(message.data(), static_cast<int>(message.size()), MPI_BYTE, 0, tag, MPI_COMM_WORLD);
}

// The writer's book of which rank may still ask and how many jobs are out.
class Dealer {
 public:
  Dealer(const World& world, const std::vector<RunJob>& jobs, DealReport& report)
      : jobs_(jobs),
        told_(static_cast<std::size_t>(world.size()), 0),
        open_(world.size() - 1),
        report_(report) {}

  bool busy() const { return open_ > 0 || out_ > 0; }
  void returned() { --out_; }

  // Up to `count` jobs for `rank`, or "no more" once the list is dealt (said once per rank).
  void give(int rank, int count) {
    if (told_[static_cast<std::size_t>(rank)] != 0) return;
    const std::size_t n =
        std::min<std::size_t>(static_cast<std::size_t>(std::max(0, count)), jobs_.size() - next_);
    std::vector<std::uint64_t> pairs;
    for (std::size_t i = 0; i < n; ++i, ++next_) {
      pairs.push_back(jobs_[next_].model);
      pairs.push_back(static_cast<std::uint64_t>(jobs_[next_].replicate));
    }
    out_ += n;
    if (n == 0) {
      told_[static_cast<std::size_t>(rank)] = 1;
      --open_;
    }
    MPI_Send(pairs.data(), static_cast<int>(pairs.size()), MPI_UINT64_T, rank, jobs_tag,
             MPI_COMM_WORLD);
    ++report_.messages;
  }

 private:
  const std::vector<RunJob>& jobs_;
  std::vector<char> told_;
  int open_;
  std::size_t next_ = 0;
  std::size_t out_ = 0;
  DealReport& report_;
};

}  // namespace

Status deal(const World& world, const std::vector<RunJob>& jobs, const std::atomic<bool>* stop,
            const Deliver& deliver, DealReport* report) {
  DealReport local;
  DealReport& book = report != nullptr ? *report : local;
  Dealer dealer(world, jobs, book);
  std::vector<unsigned char> buffer;
  while (dealer.busy()) {
    if (stop != nullptr && stop->load()) {
      book.stopped = true;
      return ok();
    }
    int arrived = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
    if (arrived == 0) {
      nap();
      continue;
    }
    const int rank = status.MPI_SOURCE;
    ++book.messages;
    if (status.MPI_TAG == ask) {
      int count = 0;
      if (!receive(&count, 1, MPI_INT, status, stop)) continue;  // stop: seen at the loop's top
      dealer.give(rank, count);
      continue;
    }
    int bytes = 0;
    MPI_Get_count(&status, MPI_BYTE, &bytes);
    buffer.resize(static_cast<std::size_t>(bytes));
    if (!receive(buffer.data(), bytes, MPI_BYTE, status, stop)) continue;
    std::uint64_t header[3] = {0, 0, 0};
    std::memcpy(header, buffer.data(), header_bytes);
    const RunJob job{static_cast<std::size_t>(header[0]), static_cast<int>(header[1])};
    const std::size_t payload = buffer.size() - header_bytes;
    if (header[2] == stopped) {
      book.stopped = true;
      return ok();
    }
    dealer.returned();
    if (header[2] == failed) {
      return Error{
          "rank " + std::to_string(rank) + ": " +
          std::string(reinterpret_cast<const char*>(buffer.data()) + header_bytes, payload)};
    }
    // The next job goes out before this result is written: the rank computes while we write.
    dealer.give(rank, 1);
    std::vector<double> values(payload / sizeof(double));
    std::memcpy(values.data(), buffer.data() + header_bytes, values.size() * sizeof(double));
    book.result_bytes += buffer.size();
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = thread_cpu_seconds();
    Status delivered = deliver(job, std::move(values));
    book.deliver_cpu_seconds += thread_cpu_seconds() - cpu_start;
    book.deliver_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!delivered) return delivered;
    ++book.runs;
  }
  return ok();
}

namespace {

struct Finished {
  RunJob job{0, 0};
  std::vector<double> values;
  std::string failure;  // why the run threw; empty when it ran
  bool skipped = false;
};

}  // namespace

Status serve(const World& world, int threads, const std::atomic<bool>* stop,
             const Compute& compute) {
  (void)world;
  threads = std::max(1, threads);
  // Every thread of the arena runs jobs: none is reserved for this (the talking) thread, which
  // only enqueues them and never waits inside the arena.
  tbb::task_arena arena(threads, 0);
  tbb::concurrent_queue<Finished> finished;
  std::atomic<bool> cancel{false};
  std::size_t running = 0;
  auto start = [&](const RunJob& job) {
    ++running;
    arena.enqueue([&, job] {
      Finished f;
      f.job = job;
      if (cancel.load()) {
        f.skipped = true;
      } else {
        try {
          f.values = compute(job);
        } catch (const std::bad_alloc&) {
          f.failure = "out of memory";
        } catch (const std::exception& e) {
          f.failure = e.what();
        }
      }
      finished.push(std::move(f));
    });
  };
  // Waits for the runs in flight (those not started are skipped) before the arena goes.
  auto settle = [&] {
    cancel = true;
    Finished f;
    while (running > 0) {
      if (finished.try_pop(f)) {
        --running;
      } else {
        nap();
      }
    }
  };

  MPI_Send(&threads, 1, MPI_INT, 0, ask, MPI_COMM_WORLD);
  bool ended = false;
  while (!ended || running > 0) {
    if (stop != nullptr && stop->load()) {
      send(result_message({0, 0}, stopped, nullptr, 0), result);
      settle();
      return Error{"stopped by a signal"};
    }
    bool idle = true;
    Finished f;
    while (finished.try_pop(f)) {
      idle = false;
      --running;
      if (!f.failure.empty()) {
        const std::string what = "run " + std::to_string(f.job.replicate) + " of model " +
                                 std::to_string(f.job.model) + " failed: " + f.failure;
        send(result_message(f.job, failed, what.data(), what.size()), result);
        settle();
        return Error{what};
      }
      send(result_message(f.job, done, f.values.data(), f.values.size() * sizeof(double)), result);
    }
    int arrived = 0;
    MPI_Status status;
    MPI_Iprobe(0, jobs_tag, MPI_COMM_WORLD, &arrived, &status);
    if (arrived != 0) {
      idle = false;
      int count = 0;
      MPI_Get_count(&status, MPI_UINT64_T, &count);
      std::vector<std::uint64_t> pairs(static_cast<std::size_t>(count));
      MPI_Recv(pairs.data(), count, MPI_UINT64_T, 0, jobs_tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (pairs.empty()) ended = true;
      for (std::size_t i = 0; i + 1 < pairs.size(); i += 2) {
        start({static_cast<std::size_t>(pairs[i]), static_cast<int>(pairs[i + 1])});
      }
    }
    if (idle) nap();
  }
  return ok();
}

}  // namespace kopa::distribute
