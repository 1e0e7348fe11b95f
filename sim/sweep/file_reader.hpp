#pragma once
// Reading kopa's own TOML files (sweep files, calibration targets): every problem is collected
// with its file, line, column and dotted key, so that one load reports them all at once.
#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "scenario/toml_value.hpp"
#include "util/suggest.hpp"

namespace kopa::sweep {

// "a, b, c", or "none".
inline std::string listing(const std::vector<std::string>& names) {
  if (names.empty()) return "none";
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

class FileReader {
 public:
  explicit FileReader(std::string label) : label_(std::move(label)) {}

  void report(const toml::node* node, std::string key, std::string message) {
    int line = 0, column = 0;
    if (node) {
      line = static_cast<int>(node->source().begin.line);
      column = static_cast<int>(node->source().begin.column);
    }
    issues_.push_back({label_, line, column, std::move(key), std::move(message)});
  }

  void check_keys(const toml::table& table, const std::string& prefix,
                  const std::vector<std::string>& allowed) {
    for (const auto& [key, node] : table) {
      const std::string name(key.str());
      if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
      const std::string path = prefix.empty() ? name : prefix + "." + name;
      report(&node, path,
             "unknown key" + did_you_mean(name, allowed) + "; expected one of " + listing(allowed));
    }
  }

  template <class T>
  std::optional<T> get(const toml::table& table, const std::string& prefix, const char* key,
                       const char* expected) {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    if (auto value = node->value_exact<T>()) return *value;
    report(node, prefix + "." + key,
           std::string("expected ") + expected + ", got " + describe_node(*node));
    return std::nullopt;
  }

  std::optional<double> get_number(const toml::table& table, const std::string& prefix,
                                   const char* key) {
    const toml::node* node = table.get(key);
    if (!node) return std::nullopt;
    if (const auto* i = node->as_integer()) return static_cast<double>(i->get());
    if (const auto* f = node->as_floating_point()) return f->get();
    report(node, prefix + "." + key, "expected a number, got " + describe_node(*node));
    return std::nullopt;
  }

  std::vector<ScenarioIssue>& issues() { return issues_; }
  const std::string& label() const { return label_; }

 private:
  std::string label_;
  std::vector<ScenarioIssue> issues_;
};

}  // namespace kopa::sweep
