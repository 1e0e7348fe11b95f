#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "util/suggest.hpp"

namespace kopa {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", "abc"), 0u);
  EXPECT_EQ(edit_distance("abc", "abd"), 1u);
  EXPECT_EQ(edit_distance("abc", "ab"), 1u);
  EXPECT_EQ(edit_distance("abc", "acb"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(EditDistance, ABoundedDistanceIsExactWithinTheLimitAndLimitPlusOneBeyond) {
  const std::vector<std::string> words{
      "",          "a",         "ab",     "abc",     "grant_min",
      "grant_max", "gnart_mix", "kitten", "sitting", "levers.seed_funding.budget_per_year"};
  for (const auto& a : words) {
    for (const auto& b : words) {
      const std::size_t exact = edit_distance(a, b);
      for (std::size_t limit = 0; limit < 8; ++limit) {
        EXPECT_EQ(edit_distance(a, b, limit), exact <= limit ? exact : limit + 1)
            << a << " " << b << " " << limit;
      }
    }
  }
}

TEST(ClosestMatch, SuggestsTyposButNotStrangers) {
  const std::vector<std::string> keys{"budget_per_year", "grant_min", "grant_max"};
  EXPECT_EQ(closest_match("budget_per_yaer", keys), "budget_per_year");
  EXPECT_EQ(closest_match("grant_mx", keys), "grant_max");
  EXPECT_EQ(closest_match("completely_unrelated", keys), std::nullopt);
  EXPECT_EQ(did_you_mean("grant_mim", keys), " (did you mean 'grant_min'?)");
  EXPECT_EQ(did_you_mean("zzz", keys), "");
}

}  // namespace
}  // namespace kopa
