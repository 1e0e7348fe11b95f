#pragma once
#include <atomic>

namespace kopa {

// While alive, SIGINT, SIGTERM, SIGHUP (the terminal went away) and SIGPIPE (whoever read our
// output stopped reading) set the flag instead of killing the process, so a long job can stop
// starting runs, keep the finished ones and write a valid file marked interrupted. After
// SIGPIPE the write that raised it fails instead (EPIPE) and the stream it went to stops
// printing: a lost progress line never costs a run. The previous handlers come back on
// destruction.
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
