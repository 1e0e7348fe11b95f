#pragma once
// A JSON value built in code and written as compact text: what chart specifications (Vega-Lite)
// and the data a page embeds are made of. Objects keep their keys in insertion order, so a spec
// reads the way it was written.
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace kopa::report {

class Json {
 public:
  using Member = std::pair<std::string, Json>;

  Json() = default;  // null
  Json(std::nullptr_t) {}
  Json(bool value) : kind_(Kind::boolean), boolean_(value) {}
  template <class Number>
  requires(std::is_arithmetic_v<Number> && !std::is_same_v<Number, bool>) Json(Number value)
      : kind_(Kind::number), number_(static_cast<double>(value)) {}
  Json(std::string value) : kind_(Kind::string), text_(std::move(value)) {}
  Json(std::string_view value) : Json(std::string(value)) {}
  Json(const char* value) : Json(std::string(value)) {}

  static Json object(std::vector<Member> members = {});
  static Json array(std::vector<Json> items = {});
  // A JSON array of numbers (NaN and infinities as null).
  static Json numbers(const std::vector<double>& values);

  // Objects: adds or replaces `key`; returns *this for chaining.
  Json& set(std::string_view key, Json value);
  // Arrays: appends.
  Json& push(Json value);

  bool is_null() const { return kind_ == Kind::null; }
  bool is_boolean() const { return kind_ == Kind::boolean; }
  bool is_object() const { return kind_ == Kind::object; }
  bool is_array() const { return kind_ == Kind::array; }
  bool boolean() const { return boolean_; }  // booleans only (false otherwise)
  bool is_number() const { return kind_ == Kind::number; }
  bool is_string() const { return kind_ == Kind::string; }
  double number() const { return number_; }          // numbers only (0 otherwise)
  const std::string& text() const { return text_; }  // strings only ("" otherwise)
  // Objects: the member called `key`, or nullptr.
  const Json* find(std::string_view key) const;
  const std::vector<Json>& items() const { return items_; }
  const std::vector<Member>& members() const { return members_; }
  std::size_t size() const { return kind_ == Kind::object ? members_.size() : items_.size(); }

  // Compact JSON. Numbers are the shortest text that reads back as the same double; NaN and
  // infinities are null (JSON has none). Safe to inline in an HTML <script> element: "</" is
  // written "<\/".
  std::string dump() const;
  void dump_to(std::string& out) const;

 private:
  enum class Kind { null, boolean, number, string, array, object };
  Kind kind_ = Kind::null;
  bool boolean_ = false;
  double number_ = 0;
  std::string text_;
  std::vector<Json> items_;
  std::vector<Member> members_;
};

// `x` rounded to `digits` significant digits: chart data needs no more than the eye sees, and
// the page stays small. NaN and infinities are returned as they are.
double significant(double x, int digits = 6);

}  // namespace kopa::report
