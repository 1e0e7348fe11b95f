#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "report/json.hpp"

namespace kopa::report {
namespace {

TEST(ReportJson, WritesObjectsInInsertionOrderAndReplacesAKey) {
  Json object = Json::object({{"z", 1}, {"a", "x"}});
  object.set("m", true).set("z", nullptr);
  EXPECT_EQ(object.dump(), R"({"z":null,"a":"x","m":true})");
  Json array = Json::array({1, "two", Json::object()});
  array.push(Json::array());
  EXPECT_EQ(array.dump(), R"([1,"two",{},[]])");
  ASSERT_NE(object.find("a"), nullptr);
  EXPECT_EQ(object.find("a")->text(), "x");
  EXPECT_EQ(object.find("missing"), nullptr);
}

TEST(ReportJson, NumbersAreTheShortestTextThatReadsBackAndNonFiniteIsNull) {
  EXPECT_EQ(Json(0.1).dump(), "0.1");
  EXPECT_EQ(Json(1.0 / 3.0).dump(), "0.3333333333333333");
  EXPECT_EQ(Json(120).dump(), "120");
  EXPECT_EQ(std::stod(Json(std::size_t{18446744073709551615ull}).dump()), 0x1p64);
  EXPECT_EQ(Json(-2.5e-300).dump(), "-2.5e-300");
  for (const double x : {0.1, 1.0 / 3.0, 123456.789, 1e21, -7.0}) {
    EXPECT_EQ(std::stod(Json(x).dump()), x);
  }
  EXPECT_EQ(Json(std::numeric_limits<double>::quiet_NaN()).dump(), "null");
  EXPECT_EQ(Json(-std::numeric_limits<double>::infinity()).dump(), "null");
  EXPECT_EQ(Json::numbers({1, std::nan(""), 2}).dump(), "[1,null,2]");
}

TEST(ReportJson, StringsAreEscapedAndCannotCloseTheirScriptElement) {
  EXPECT_EQ(Json("a\"b\\c\nd").dump(), R"("a\"b\\c\nd")");
  EXPECT_EQ(Json("</script><script>alert(1)</script>").dump(),
            R"("<\/script><script>alert(1)<\/script>")");
  EXPECT_EQ(Json::object({{"</", "x"}}).dump(), R"({"<\/":"x"})");
  EXPECT_EQ(Json("Łódź").dump(), "\"Łódź\"");  // UTF-8 as is
}

TEST(ReportJson, SignificantRoundsToDigits) {
  EXPECT_EQ(significant(123.456789, 4), 123.5);
  EXPECT_EQ(significant(0.000123456789, 3), 0.000123);
  EXPECT_EQ(significant(-98765432.1, 6), -98765400.0);
  EXPECT_EQ(significant(0.0), 0.0);
  EXPECT_TRUE(std::isnan(significant(std::nan(""))));
  EXPECT_EQ(Json(significant(1.0 / 3.0)).dump(), "0.333333");
}

}  // namespace
}  // namespace kopa::report
