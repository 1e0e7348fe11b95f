#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

#include "model/money.hpp"

namespace kopa {

// An application as a funder's round sees it.
struct Application {
  double score;
  std::uint32_t founder;
  Cents request;  // per person the agent stands for
  bool eligible;
};

// A round's ranking: by score, best first; equal scores by founder id, lowest first, so that
// the order depends only on the applications, never on the order they arrived in.
inline void rank_applications(std::vector<Application>& round) {
  std::sort(round.begin(), round.end(), [](const Application& a, const Application& b) {
    return a.score != b.score ? a.score > b.score : a.founder < b.founder;
  });
}

}  // namespace kopa
