#include "cli/progress.hpp"

#include <cstdio>
#include <ostream>

namespace kopa {
namespace {

std::string format_seconds(double seconds) {
  char text[32];
  if (seconds < 60) {
    std::snprintf(text, sizeof text, "%.0fs", seconds);
  } else if (seconds < 3600) {
    const long whole = static_cast<long>(seconds);
    std::snprintf(text, sizeof text, "%ldm%02lds", whole / 60, whole % 60);
  } else {
    std::snprintf(text, sizeof text, "%.1fh", seconds / 3600);
  }
  return text;
}

}  // namespace

Progress::Progress(std::ostream& err, Mode mode, std::size_t total, std::string unit)
    : err_(err),
      mode_(mode),
      total_(total),
      unit_(std::move(unit)),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void Progress::advance(std::size_t done) {
  done_ = done;
  if (mode_ == Mode::quiet) return;
  const auto now = std::chrono::steady_clock::now();
  const auto interval =
      mode_ == Mode::bar ? std::chrono::milliseconds(100) : std::chrono::seconds(5);
  if (now - last_draw_ < interval) return;
  last_draw_ = now;
  draw(done, false);
}

void Progress::finish() {
  if (mode_ == Mode::quiet) return;
  draw(done_, true);
}

void Progress::draw(std::size_t done, bool final) {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : 0.0;
  char numbers[128];
  std::snprintf(numbers, sizeof numbers, "%zu/%zu %s  %.1f %s/s  %s %s", done, total_,
                unit_.c_str(), rate, unit_.c_str(), final ? "took" : "ETA",
                format_seconds(final ? elapsed : eta).c_str());
  if (mode_ == Mode::bar) {
    constexpr int width = 30;
    const int filled = total_ == 0 ? width : static_cast<int>(width * done / total_);
    err_ << "\r[" << std::string(static_cast<std::size_t>(filled), '#')
         << std::string(static_cast<std::size_t>(width - filled), ' ') << "] " << numbers
         << (detail_.empty() ? "" : "  " + detail_) << (final ? "\n" : "") << std::flush;
  } else {
    err_ << "kopa: " << numbers << (detail_.empty() ? "" : "  " + detail_) << "\n" << std::flush;
  }
}

}  // namespace kopa
