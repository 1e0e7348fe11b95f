#include "cli/interrupt.hpp"

#include <array>
#include <csignal>

namespace kopa {
namespace {

// A signal handler can reach nothing but a lock-free atomic with static storage: this is the
// one piece of process-wide state in kopa, and only the command line touches it.
std::atomic<bool> interrupt_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_interrupt(int) {
  interrupt_requested.store(true);
}

constexpr std::array<int, 4> handled{SIGINT, SIGTERM, SIGHUP, SIGPIPE};
std::array<struct sigaction, handled.size()> previous;

}  // namespace

InterruptGuard::InterruptGuard() {
  interrupt_requested.store(false);
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  for (std::size_t i = 0; i < handled.size(); ++i) sigaction(handled[i], &action, &previous[i]);
}

InterruptGuard::~InterruptGuard() {
  for (std::size_t i = 0; i < handled.size(); ++i) sigaction(handled[i], &previous[i], nullptr);
}

const std::atomic<bool>& InterruptGuard::flag() const {
  return interrupt_requested;
}

}  // namespace kopa
