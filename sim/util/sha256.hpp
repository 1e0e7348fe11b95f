#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kopa {

// SHA-256 (FIPS 180-4), for fingerprinting resolved scenario text in results files. Written here
// rather than taken from a package so that kopa needs nothing beyond Debian's HDF5 for it.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  std::array<std::uint8_t, 32> finish();  // the object is spent afterwards

 private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes seen so far
};

// Lower-case hex digest of `bytes`, 64 characters.
std::string sha256_hex(std::string_view bytes);

}  // namespace kopa
