#include "stats/format_values.hpp"
#include "util/quoted.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <string>

namespace kopa::analysis {
namespace {

std::string printf_double(const char* format, double x) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, x);
  return buffer;
}

bool has_exponent(const std::string& text) {
  return text.find('e') != std::string::npos;
}

}  // namespace

std::string json_number(double x) {
  return std::isfinite(x) ? printf_double("%.17g", x) : "null";
}

std::string json_numbers(const std::vector<double>& values) {
  std::string text = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text += ',';
    text += json_number(values[i]);
  }
  text += ']';
  return text;
}

std::string json_string(std::string_view text) {
  return quoted_escaped(text);
}

std::string csv_number(double x) {
  return std::isfinite(x) ? printf_double("%.17g", x) : "";
}

std::string csv_field(std::string_view text) {
  return kopa::csv_field(text);
}

std::string compact(double x) {
  if (std::isnan(x)) return "n/a";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  const std::string plain = printf_double("%.4g", x);
  if (!has_exponent(plain) || std::fabs(x) < 1.0) return plain;
  // %.4g switches to an exponent at 10^4 (after rounding); use the first thousands suffix that
  // leaves under 1000 after rounding ("5.76M", not "5760k").
  constexpr std::array<std::pair<double, const char*>, 4> scales{
      {{1e3, "k"}, {1e6, "M"}, {1e9, "G"}, {1e12, "T"}}};
  for (const auto& [scale, suffix] : scales) {
    std::string scaled = printf_double("%.4g", x / scale);
    if (!has_exponent(scaled) && std::fabs(std::stod(scaled)) < 1000.0)
      return scaled.append(suffix);
  }
  return printf_double("%.3g", x);
}

std::string signed_compact(double x) {
  std::string text = x > 0 && std::isfinite(x) ? "+" : "";
  text += compact(x);
  return text;
}

std::string compact_interval(double low, double high) {
  std::string text = "[";
  text += compact(low);
  text += ", ";
  text += compact(high);
  text += "]";
  return text;
}

std::string percent(double share) {
  return std::isnan(share) ? "n/a" : printf_double("%.0f%%", 100.0 * share);
}

std::string signed_percent(double change) {
  return std::isnan(change) ? "n/a" : printf_double("%+.1f%%", 100.0 * change);
}

}  // namespace kopa::analysis
