#pragma once
#include <chrono>
#include <iosfwd>
#include <string>

namespace kopa {

// Progress of a long job on stderr: on a terminal a bar redrawn in place (done/total, rate,
// ETA); otherwise one plain line every few seconds, so logs stay readable; nothing when quiet.
class Progress {
 public:
  enum class Mode { bar, lines, quiet };
  Progress(std::ostream& err, Mode mode, std::size_t total, std::string unit);

  void advance(std::size_t done);
  void finish();
  // Shown after the numbers ("tolerance 1.2, acceptance 31%"), from the next draw on.
  void set_detail(std::string detail) { detail_ = std::move(detail); }

 private:
  void draw(std::size_t done, bool final);

  std::ostream& err_;
  Mode mode_;
  std::size_t total_;
  std::string unit_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::size_t done_ = 0;
  std::string detail_;
};

}  // namespace kopa
