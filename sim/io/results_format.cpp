#include "io/results_format.hpp"

#include <charconv>

namespace kopa::io {
namespace {

bool parse_number(std::string_view text, int& number) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  return error == std::errc{} && end == text.data() + text.size() && !text.empty();
}

// The one rule, for either format: a known major version, any minor version.
Status check_version(std::string_view found, int known_major, const std::string& known) {
  const auto dot = found.find('.');
  int major = 0;
  int minor = 0;
  if (dot == std::string_view::npos || !parse_number(found.substr(0, dot), major) ||
      !parse_number(found.substr(dot + 1), minor)) {
    return Error{"format_version '" + std::string(found) + "' is not of the form MAJOR.MINOR"};
  }
  if (major > known_major) {
    return Error{"format_version " + std::string(found) + " is newer than this kopa reads (" +
                 known + "); use a newer kopa"};
  }
  if (major < oldest_readable_major) {
    return Error{"format_version " + std::string(found) + " is older than this kopa reads (" +
                 known + "); use the kopa that wrote it"};
  }
  return ok();
}

}  // namespace

std::string results_format_version() {
  return std::to_string(results_format_major) + "." + std::to_string(results_format_minor);
}

Status check_results_format_version(std::string_view found) {
  return check_version(found, results_format_major, results_format_version());
}

std::string sweep_format_version() {
  return std::to_string(sweep_format_major) + "." + std::to_string(sweep_format_minor);
}

Status check_sweep_format_version(std::string_view found) {
  return check_version(found, sweep_format_major, sweep_format_version());
}

}  // namespace kopa::io
