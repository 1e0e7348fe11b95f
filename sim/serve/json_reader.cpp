#include "serve/json_reader.hpp"

#include <cmath>
#include <cstdlib>
#include <string>

namespace kopa::serve {
namespace {

using report::Json;

constexpr int max_depth = 32;

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  Expected<Json> document() {
    auto value = this->value(0);
    if (!value) return value;
    skip_space();
    if (at_ < text_.size()) return fail("unexpected text after the JSON value");
    return value;
  }

 private:
  Error fail(std::string_view what) const {
    return Error{"bad JSON at character " + std::to_string(at_ + 1) + ": " + std::string(what)};
  }

  void skip_space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
      ++at_;
    }
  }

  bool take(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }

  Expected<Json> value(int depth) {
    if (depth > max_depth) return fail("nested deeper than 32 levels");
    skip_space();
    if (at_ >= text_.size()) return fail("expected a value, got the end of the text");
    const char c = text_[at_];
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"') {
      auto text = string();
      if (!text) return text.error();
      return Json(std::move(*text));
    }
    if (take("true")) return Json(true);
    if (take("false")) return Json(false);
    if (take("null")) return Json(nullptr);
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    return fail("expected a value (object, array, string, number, true, false or null)");
  }

  Expected<Json> object(int depth) {
    ++at_;  // '{'
    Json result = Json::object();
    skip_space();
    if (take("}")) return result;
    while (true) {
      skip_space();
      if (at_ >= text_.size() || text_[at_] != '"') return fail("expected a quoted object key");
      auto key = string();
      if (!key) return key.error();
      if (result.find(*key)) return fail("the key \"" + *key + "\" appears twice");
      skip_space();
      if (!take(":")) return fail("expected ':' after an object key");
      auto member = value(depth + 1);
      if (!member) return member;
      result.set(*key, std::move(*member));
      skip_space();
      if (take("}")) return result;
      if (!take(",")) return fail("expected ',' or '}' in an object");
    }
  }

  Expected<Json> array(int depth) {
    ++at_;  // '['
    Json result = Json::array();
    skip_space();
    if (take("]")) return result;
    while (true) {
      auto item = value(depth + 1);
      if (!item) return item;
      result.push(std::move(*item));
      skip_space();
      if (take("]")) return result;
      if (!take(",")) return fail("expected ',' or ']' in an array");
    }
  }

  Expected<Json> number() {
    const std::size_t start = at_;
    auto digits = [&] {
      const std::size_t from = at_;
      while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
      return at_ > from;
    };
    take("-");
    if (take("0")) {
      // no leading zeros
    } else if (!digits()) {
      return fail("expected digits in a number");
    }
    if (take(".") && !digits()) return fail("expected digits after a decimal point");
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      if (!take("+")) take("-");
      if (!digits()) return fail("expected digits in an exponent");
    }
    const std::string literal(text_.substr(start, at_ - start));
    const double x = std::strtod(literal.c_str(), nullptr);
    if (!std::isfinite(x)) return fail("a number too large for a double");
    return Json(x);
  }

  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  Expected<unsigned> hex4() {
    if (at_ + 4 > text_.size()) return fail("expected four hex digits after \\u");
    unsigned code = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[at_++];
      code <<= 4;
      if (c >= '0' && c <= '9') {
        code |= static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        code |= static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        code |= static_cast<unsigned>(c - 'A' + 10);
      } else {
        return fail("expected four hex digits after \\u");
      }
    }
    return code;
  }

  Expected<std::string> string() {
    ++at_;  // '"'
    std::string out;
    while (true) {
      if (at_ >= text_.size()) return fail("a string is not closed");
      const char c = text_[at_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) return fail("a control character in a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_ >= text_.size()) return fail("a string is not closed");
      const char escape = text_[at_++];
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          out += escape;
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          auto code = hex4();
          if (!code) return code.error();
          if (*code >= 0xD800 && *code < 0xDC00) {
            if (!take("\\u")) return fail("a lone surrogate in \\u escapes");
            auto low = hex4();
            if (!low) return low.error();
            if (*low < 0xDC00 || *low >= 0xE000) return fail("a lone surrogate in \\u escapes");
            *code = 0x10000 + ((*code - 0xD800) << 10) + (*low - 0xDC00);
          } else if (*code >= 0xDC00 && *code < 0xE000) {
            return fail("a lone surrogate in \\u escapes");
          }
          append_utf8(out, *code);
          break;
        }
        default:
          return fail("an unknown escape in a string");
      }
    }
  }

  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace

Expected<report::Json> read_json(std::string_view text) {
  return Reader(text).document();
}

}  // namespace kopa::serve
