#pragma once
#include <string>
#include <string_view>

namespace kopa {

// Lower-case hex SHA-256 (FIPS 180-4) of `bytes`, 64 characters: the fingerprint of scenario and
// sweep text in kopa's files and sweep journals. Computed by OpenSSL's EVP interface (libcrypto).
std::string sha256_hex(std::string_view bytes);

}  // namespace kopa
