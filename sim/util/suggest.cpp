#include "util/suggest.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

namespace kopa {

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  // Optimal string alignment distance: typos are mostly one slip or one swapped pair. Only the
  // band |i - j| <= limit can hold a distance within the limit, and once a whole row is beyond
  // it so is the answer: checking a name against hundreds of candidates stays cheap.
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  const std::size_t cap = limit == no_limit ? no_limit : limit + 1;
  auto plus_one = [cap](std::size_t x) { return x >= cap ? cap : x + 1; };
  // Three rows; on the stack for names of up to 64 characters (every parameter path), as this
  // runs hundreds of times for each unknown key.
  std::array<std::size_t, 3 * 65> stack_rows;
  std::vector<std::size_t> heap_rows;
  std::size_t* rows = stack_rows.data();
  if (m + 1 > 65) {
    heap_rows.resize(3 * (m + 1));
    rows = heap_rows.data();
  }
  std::span<std::size_t> before(rows, m + 1), previous(rows + m + 1, m + 1),
      current(rows + 2 * (m + 1), m + 1);
  std::fill(before.begin(), before.end(), cap);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = std::min(j, cap);
  for (std::size_t i = 1; i <= n; ++i) {
    const std::size_t low = limit == no_limit || i <= limit ? 1 : i - limit;
    const std::size_t high = limit == no_limit ? m : std::min(m, i + limit);
    std::fill(current.begin(), current.end(), cap);
    current[0] = std::min(i, cap);
    std::size_t row_min = low == 1 ? current[0] : cap;
    for (std::size_t j = low; j <= high; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t d = std::min(
          {plus_one(previous[j]), plus_one(current[j - 1]), std::min(previous[j - 1] + cost, cap)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d = std::min(d, plus_one(before[j - 2]));
      }
      current[j] = d;
      row_min = std::min(row_min, d);
    }
    if (limit != no_limit && row_min > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return limit != no_limit && previous[m] > limit ? limit + 1 : previous[m];
}

std::optional<std::string> closest_match(std::string_view name,
                                         std::span<const std::string> candidates) {
  // A suggestion further than a third of the name away is noise, not help.
  const std::size_t limit = std::max<std::size_t>(2, name.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    if (best_distance == 0) break;
    // Only a strictly closer candidate replaces the best: the first of equals wins.
    const std::size_t distance = edit_distance(name, candidate, best_distance - 1);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view name, std::span<const std::string> candidates) {
  const auto match = closest_match(name, candidates);
  return match ? " (did you mean '" + *match + "'?)" : std::string{};
}

}  // namespace kopa
