#include "scenario/key_tree.hpp"

#include <algorithm>

#include "model/lever_unit.hpp"
#include "util/suggest.hpp"

namespace kopa {

KeyTree::KeyTree(const ParameterTable& table) : paths_(table.paths()) {
  auto add = [this](const std::string& prefix, std::string key) {
    auto& keys = children_[prefix];
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
  };
  for (const auto& key : {"name", "description", "extends", "regions", "region"}) add("", key);
  for (const auto& path : paths_) {
    std::string prefix;
    std::size_t start = 0;
    while (true) {
      const auto dot = path.find('.', start);
      add(prefix, path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (dot == std::string::npos) break;
      prefix = path.substr(0, dot);
      start = dot + 1;
    }
  }
  add("simulation", "start");  // a date, not a table parameter
  // Targeting lists (not parameters: lists of names), under every lever.
  for (std::size_t l = 0; l < lever_count; ++l) {
    const std::string lever = "levers." + std::string(lever_names[l]);
    add(lever, "regions");
    if (lever_unit(static_cast<Lever>(l)).takes_groups) add(lever, "groups");
  }
}

const std::vector<std::string>& KeyTree::children(const std::string& prefix) const {
  static const std::vector<std::string> none;
  const auto at = children_.find(prefix);
  return at == children_.end() ? none : at->second;
}

bool KeyTree::is_section(const std::string& prefix) const {
  return !prefix.empty() && children_.contains(prefix);
}

std::string KeyTree::suggestion(const std::string& prefix, std::string_view key) const {
  std::string near = did_you_mean(key, children(prefix));
  if (!near.empty()) return near;
  const std::string path = prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
  return did_you_mean(path, paths_);
}

const KeyTree& key_tree() {
  static const KeyTree tree(parameter_table());
  return tree;
}

}  // namespace kopa
