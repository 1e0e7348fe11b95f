#pragma once
#include <string>
#include <vector>

namespace kopa {

// "a, b, c": names as an error message or a table header lists them ("" for none).
inline std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace kopa
