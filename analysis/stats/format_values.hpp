#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kopa::analysis {

// Every digit a double has ("%.17g", round-trips exactly); "null" for NaN and infinities (JSON
// has no such numbers; readers map null back to NaN).
std::string json_number(double x);
// A JSON array of json_number()s.
std::string json_numbers(const std::vector<double>& values);
// A JSON string literal with quotes and escapes.
std::string json_string(std::string_view text);
// "%.17g"; empty for NaN and infinities (an empty CSV field reads as missing).
std::string csv_number(double x);
// A CSV field, quoted when it holds a comma, quote or newline.
std::string csv_field(std::string_view text);

// For people: at most 4 significant digits, thousands as k, M, G ("12.4", "0.4123", "123.5k",
// "-1.235M"); "n/a" for NaN. Short, so a table of five scenarios fits 100 columns.
std::string compact(double x);
// compact() with an explicit sign ("+2.8", "-0.5", "0").
std::string signed_compact(double x);
// "[low, high]" in compact().
std::string compact_interval(double low, double high);
// A share 0..1 as a whole percentage ("83%"); "n/a" for NaN.
std::string percent(double share);
// A relative change as a signed percentage with one decimal ("+22.6%"); "n/a" for NaN.
std::string signed_percent(double change);

}  // namespace kopa::analysis
