#include "util/base64.hpp"

namespace kopa {
namespace {

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::optional<std::string> decode_base64(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string bytes;
  bytes.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const int padding = last ? (text[i + 3] == '=') + (text[i + 2] == '=') : 0;
    if (padding == 1 && text[i + 2] == '=') return std::nullopt;  // "x=y=" is not padding
    unsigned value = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = text[i + static_cast<std::size_t>(k)];
      const int v = k >= 4 - padding ? 0 : sextet(c);
      if (v < 0) return std::nullopt;
      value = value << 6 | static_cast<unsigned>(v);
    }
    bytes += static_cast<char>(value >> 16 & 0xff);
    if (padding < 2) bytes += static_cast<char>(value >> 8 & 0xff);
    if (padding < 1) bytes += static_cast<char>(value & 0xff);
  }
  return bytes;
}

}  // namespace kopa
