#pragma once
// Shared by the sensitivity tests (Morris, Sobol'): a test function over a design's points, a
// continuous factor, and the function's value at every point of a design.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sweep/design.hpp"

namespace kopa::testing {

using TestFunction = std::function<double(const std::vector<double>&)>;

inline sweep::Factor range(std::string path, double min, double max) {
  return sweep::Factor{.path = std::move(path), .values = std::nullopt, .min = min, .max = max};
}

inline std::vector<double> outputs(const sweep::Design& design, const TestFunction& model) {
  std::vector<double> y;
  for (const auto& point : design.points) y.push_back(model(point));
  return y;
}

}  // namespace kopa::testing
