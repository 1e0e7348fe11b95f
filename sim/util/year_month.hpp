#pragma once
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

// Calendar months as "YYYY-MM" (simulation.start, dated lever calendars; docs/scenarios.md,
// "Dates"): a count of months since January of year 0, so that month arithmetic is integer
// arithmetic. Header-only: kopa_analysis uses it without linking kopa_sim.
namespace kopa {

using YearMonth = std::int64_t;

// "2028-01" -> 2028 * 12 + 0; nullopt unless four digits, '-', two digits 01-12.
inline std::optional<YearMonth> parse_year_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  YearMonth year = 0, month = 0;
  for (std::size_t i = 0; i < 7; ++i) {
    if (i == 4) continue;
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    YearMonth& part = i < 4 ? year : month;
    part = part * 10 + (text[i] - '0');
  }
  if (month < 1 || month > 12) return std::nullopt;
  return year * 12 + (month - 1);
}

// 2028 * 12 + 0 -> "2028-01".
inline std::string format_year_month(YearMonth month) {
  char text[32];
  std::snprintf(text, sizeof text, "%04lld-%02lld", static_cast<long long>(month / 12),
                static_cast<long long>(month % 12 + 1));
  return text;
}

}  // namespace kopa
