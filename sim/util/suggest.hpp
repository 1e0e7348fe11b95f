#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kopa {

inline constexpr std::size_t no_limit = static_cast<std::size_t>(-1);

// Edit distance (Levenshtein, with adjacent transpositions) between two names; limit + 1 when it
// is more than `limit` (computed in time proportional to the names' lengths times the limit).
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit = no_limit);

// The candidate closest to `name`, if it is close enough to be a plausible typo.
std::optional<std::string> closest_match(std::string_view name,
                                         std::span<const std::string> candidates);

// " (did you mean 'x'?)" or "" — appended to error messages.
std::string did_you_mean(std::string_view name, std::span<const std::string> candidates);

}  // namespace kopa
