#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/parameter_table.hpp"

// The keys a scenario file may use, as a tree built from the parameter table's dotted paths:
// which keys are valid inside each section, for walking a file and for suggestions.
namespace kopa {

class KeyTree {
 public:
  explicit KeyTree(const ParameterTable& table);

  // The keys valid directly under `prefix` ("" is the file's top level).
  const std::vector<std::string>& children(const std::string& prefix) const;
  // A section holds parameters or further sections ("levers", "levers.one_roof").
  bool is_section(const std::string& prefix) const;
  // " (did you mean 'x'?)" for an unknown `key` under `prefix`: the closest key at that level,
  // else the closest full path, else "".
  std::string suggestion(const std::string& prefix, std::string_view key) const;

 private:
  std::map<std::string, std::vector<std::string>> children_;
  std::vector<std::string> paths_;
};

// The tree of parameter_table(), with the top-level scenario keys (name, description, extends,
// regions, region) and the levers' targeting lists (levers.<lever>.regions, .groups).
const KeyTree& key_tree();

}  // namespace kopa
