#include "scenario/toml_value.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "util/quoted.hpp"
#include "util/suggest.hpp"

namespace kopa {
namespace {

std::string quoted_choices(const std::vector<std::string>& choices) {
  std::string text;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) text += i + 1 == choices.size() ? " or " : ", ";
    text += toml_quote(choices[i]);
  }
  return text;
}

Expected<double> read_typed(const ParameterSpec& spec, const toml::node& node) {
  switch (spec.type) {
    case ParameterType::real:
      if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
      if (const auto* f = node.as_floating_point()) return f->get();
      return Error{"expected a real number, got " + describe_node(node)};
    case ParameterType::integer:
      if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
      if (node.is_floating_point()) {
        return Error{"expected an integer (no decimal point or exponent), got " +
                     describe_node(node)};
      }
      return Error{"expected an integer, got " + describe_node(node)};
    case ParameterType::boolean:
      if (const auto* b = node.as_boolean()) return b->get() ? 1.0 : 0.0;
      return Error{"expected true or false, got " + describe_node(node)};
    case ParameterType::choice: {
      const auto* s = node.as_string();
      const std::string expected = "expected " + quoted_choices(spec.choices);
      if (!s) return Error{expected + ", got " + describe_node(node)};
      const auto at = std::find(spec.choices.begin(), spec.choices.end(), s->get());
      if (at == spec.choices.end()) {
        return Error{expected + ", got " + describe_node(node) +
                     did_you_mean(s->get(), spec.choices)};
      }
      return static_cast<double>(at - spec.choices.begin());
    }
  }
  return Error{"unknown parameter type"};
}

}  // namespace

Expected<double> read_parameter_value(const ParameterSpec& spec, const toml::node& node) {
  auto value = read_typed(spec, node);
  if (!value) return value;
  if (spec.type == ParameterType::real || spec.type == ParameterType::integer) {
    if (auto problem = spec.check(*value)) return Error{*problem};
  }
  return value;
}

std::string describe_node(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: {
      std::string text = node.as_string()->get();
      if (text.size() > 40) text = text.substr(0, 37) + "...";
      return toml_quote(text);
    }
    case toml::node_type::integer:
      return std::to_string(node.as_integer()->get());
    case toml::node_type::floating_point: {
      ParameterSpec real;
      return real.format(node.as_floating_point()->get());
    }
    case toml::node_type::boolean:
      return node.as_boolean()->get() ? "true" : "false";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "a date or time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string toml_quote(std::string_view text) {
  return quoted_escaped(text);
}

std::string display_number(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e7) {
    return std::to_string(static_cast<long long>(value));
  }
  char buffer[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  std::string text = buffer;
  // "1e+10" -> "1e10", "1e-05" -> "1e-5"
  const auto e = text.find('e');
  if (e == std::string::npos) return text;
  std::size_t digits = e + 1;
  if (text[digits] == '+') text.erase(digits, 1);
  if (text[digits] == '-') ++digits;
  while (digits + 1 < text.size() && text[digits] == '0') text.erase(digits, 1);
  return text;
}

}  // namespace kopa

namespace kopa {
namespace {

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// A key as written ("a.b", "\"a.b\"", a . b) without quotes and spaces around dots.
std::string plain_key(std::string_view key) {
  std::string plain;
  bool quoted = false;
  for (const char c : key) {
    if (c == '"' || c == '\'') {
      quoted = !quoted;
    } else if (quoted || (c != ' ' && c != '\t')) {
      plain.push_back(c);
    }
  }
  return plain;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

std::string key_on_line(std::string_view text, int line) {
  const auto lines = lines_of(text);
  if (line < 1 || static_cast<std::size_t>(line) > lines.size()) return "";
  const std::string_view here = trimmed(lines[static_cast<std::size_t>(line) - 1]);
  const auto equals = here.find('=');
  if (here.empty() || here.front() == '[' || here.front() == '#' || equals == 0 ||
      equals == std::string_view::npos) {
    return "";
  }
  const std::string key = plain_key(trimmed(here.substr(0, equals)));
  for (auto l = static_cast<std::size_t>(line) - 1; l-- > 0;) {
    const std::string_view header = trimmed(lines[l]);
    if (header.empty() || header.front() != '[') continue;
    const auto open = header.find_first_not_of('[');
    const auto close = header.find(']');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) break;
    return plain_key(header.substr(open, close - open)) + "." + key;
  }
  return key;
}

}  // namespace kopa
