#pragma once
#include <atomic>

namespace kopa {

// While alive, SIGINT and SIGTERM set the flag instead of killing the process, so a long job
// can stop starting runs, keep the finished ones and write a valid file. The previous handlers
// come back on destruction.
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  const std::atomic<bool>& flag() const;
  bool requested() const { return flag().load(); }
};

}  // namespace kopa
