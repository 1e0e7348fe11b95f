#include "util/suggest.hpp"

#include <algorithm>
#include <vector>

namespace kopa {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment distance: typos are mostly one slip or one swapped pair.
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> d((n + 1) * (m + 1));
  auto at = [m](std::size_t i, std::size_t j) { return i * (m + 1) + j; };
  for (std::size_t i = 0; i <= n; ++i) d[at(i, 0)] = i;
  for (std::size_t j = 0; j <= m; ++j) d[at(0, j)] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[at(i, j)] =
          std::min({d[at(i - 1, j)] + 1, d[at(i, j - 1)] + 1, d[at(i - 1, j - 1)] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[at(i, j)] = std::min(d[at(i, j)], d[at(i - 2, j - 2)] + 1);
      }
    }
  }
  return d[at(n, m)];
}

std::optional<std::string> closest_match(std::string_view name,
                                         std::span<const std::string> candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(name, candidate);
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  // A suggestion further than a third of the name away is noise, not help.
  const std::size_t limit = std::max<std::size_t>(2, name.size() / 3);
  if (best && best_distance <= limit) return best;
  return std::nullopt;
}

std::string did_you_mean(std::string_view name, std::span<const std::string> candidates) {
  const auto match = closest_match(name, candidates);
  return match ? " (did you mean '" + *match + "'?)" : std::string{};
}

}  // namespace kopa
