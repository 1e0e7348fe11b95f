#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace kopa {

// Standard base64 (RFC 4648 section 4, with '=' padding) to bytes; nullopt for anything else.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace kopa
