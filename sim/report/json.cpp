#include "report/json.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "util/quoted.hpp"

namespace kopa::report {
namespace {

void dump_number(double x, std::string& out) {
  if (!std::isfinite(x)) {
    out += "null";
    return;
  }
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, x);
  out.append(buffer, error == std::errc{} ? end : buffer);
}

// quoted_escaped() with "</" as "<\/", so no string closes the <script> element it sits in.
void dump_string(std::string_view text, std::string& out) {
  const std::string quoted = quoted_escaped(text);
  for (std::size_t i = 0; i < quoted.size(); ++i) {
    out += quoted[i];
    if (quoted[i] == '<' && i + 1 < quoted.size() && quoted[i + 1] == '/') out += '\\';
  }
}

}  // namespace

Json Json::object(std::vector<Member> members) {
  Json json;
  json.kind_ = Kind::object;
  json.members_ = std::move(members);
  return json;
}

Json Json::array(std::vector<Json> items) {
  Json json;
  json.kind_ = Kind::array;
  json.items_ = std::move(items);
  return json;
}

Json Json::numbers(const std::vector<double>& values) {
  Json json = array();
  json.items_.reserve(values.size());
  for (const double x : values) json.items_.emplace_back(x);
  return json;
}

Json& Json::set(std::string_view key, Json value) {
  for (Member& member : members_) {
    if (member.first == key) {
      member.second = std::move(value);
      return *this;
    }
  }
  members_.emplace_back(std::string(key), std::move(value));
  return *this;
}

Json& Json::push(Json value) {
  items_.push_back(std::move(value));
  return *this;
}

const Json* Json::find(std::string_view key) const {
  for (const Member& member : members_) {
    if (member.first == key) return &member.second;
  }
  return nullptr;
}

std::string Json::dump() const {
  std::string out;
  dump_to(out);
  return out;
}

void Json::dump_to(std::string& out) const {
  switch (kind_) {
    case Kind::null:
      out += "null";
      return;
    case Kind::boolean:
      out += boolean_ ? "true" : "false";
      return;
    case Kind::number:
      dump_number(number_, out);
      return;
    case Kind::string:
      dump_string(text_, out);
      return;
    case Kind::array:
      out += '[';
      for (std::size_t i = 0; i < items_.size(); ++i) {
        if (i > 0) out += ',';
        items_[i].dump_to(out);
      }
      out += ']';
      return;
    case Kind::object:
      out += '{';
      for (std::size_t i = 0; i < members_.size(); ++i) {
        if (i > 0) out += ',';
        dump_string(members_[i].first, out);
        out += ':';
        members_[i].second.dump_to(out);
      }
      out += '}';
      return;
  }
}

double significant(double x, int digits) {
  if (!std::isfinite(x) || x == 0) return x;
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.*g", digits, x);
  return std::strtod(buffer, nullptr);
}

}  // namespace kopa::report
