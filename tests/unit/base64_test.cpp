#include <gtest/gtest.h>

#include "util/base64.hpp"

namespace kopa {
namespace {

// RFC 4648 section 10's test vectors.
TEST(Base64, DecodesTheRfcVectors) {
  EXPECT_EQ(decode_base64(""), "");
  EXPECT_EQ(decode_base64("Zg=="), "f");
  EXPECT_EQ(decode_base64("Zm8="), "fo");
  EXPECT_EQ(decode_base64("Zm9v"), "foo");
  EXPECT_EQ(decode_base64("Zm9vYg=="), "foob");
  EXPECT_EQ(decode_base64("Zm9vYmE="), "fooba");
  EXPECT_EQ(decode_base64("Zm9vYmFy"), "foobar");
  EXPECT_EQ(decode_base64("iVBORw0KGgo="), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(decode_base64("+/+/"), std::string("\xfb\xff\xbf", 3));
}

TEST(Base64, RefusesWhatIsNotBase64) {
  for (const char* bad : {"Zg=", "Zg", "Z===", "Zg=a", "Zm=v", "Zg==Zm9v", "Zm9v!A==", "Zm 9v"}) {
    EXPECT_FALSE(decode_base64(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace kopa
