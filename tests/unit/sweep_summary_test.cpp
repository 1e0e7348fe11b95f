// Per-point summaries of a sweep metric: stock read at the month, flow summed to it, only
// finished replicates, numpy's linear percentiles; and the three formats.
#include <gtest/gtest.h>

#include <cmath>

#include "stats/sweep_summary.hpp"

namespace kopa::analysis {
namespace {

// Two points, three replicates, two months, one label; replicate 2 of point 1 not done.
SweepSummaryInput input(Accumulation accumulation) {
  SweepSummaryInput in;
  in.metric = "awards";
  in.accumulation = accumulation;
  in.factor_paths = {"levers.seed_funding.grant_max"};
  in.points = {{4000.0}, {8000.0}};
  in.replicates = 3;
  in.months = 2;
  // [point][replicate][month]
  in.values = {1,           2,  3,  4,  5,
               6,  //
               10,          20, 30, 40, std::nan(""),
               std::nan("")};
  in.done = {1, 1, 1, 1, 1, 0};
  in.interrupted = true;
  return in;
}

TEST(SweepSummary, StockAtTheMonthOverFinishedReplicates) {
  auto s = summarize_sweep(input(Accumulation::stock), 1);
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_EQ(s->points.size(), 2u);
  EXPECT_EQ(s->points[0].n, 3u);
  EXPECT_DOUBLE_EQ(s->points[0].mean, 4.0);  // 2, 4, 6
  EXPECT_DOUBLE_EQ(s->points[0].p05, 2.2);   // numpy: 2 + 0.1 * (4 - 2)
  EXPECT_DOUBLE_EQ(s->points[0].p95, 5.8);
  EXPECT_EQ(s->points[1].n, 2u);
  EXPECT_DOUBLE_EQ(s->points[1].mean, 30.0);  // 20, 40
}

TEST(SweepSummary, FlowSummedOverMonths) {
  auto s = summarize_sweep(input(Accumulation::flow), 1);
  ASSERT_TRUE(s);
  EXPECT_DOUBLE_EQ(s->points[0].mean, 7.0);   // 3, 7, 11
  EXPECT_DOUBLE_EQ(s->points[1].mean, 50.0);  // 30, 70
  EXPECT_FALSE(summarize_sweep(input(Accumulation::flow), 2));
  EXPECT_FALSE(summarize_sweep(input(Accumulation::flow), 0, 1));
}

TEST(SweepSummary, Formats) {
  auto s = summarize_sweep(input(Accumulation::stock), 1);
  ASSERT_TRUE(s);
  const std::string csv = format_sweep_summary(*s, Format::csv);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "point,levers.seed_funding.grant_max,metric,label,accumulation,month,interrupted,n,"
            "mean,p05,p95");
  EXPECT_NE(csv.find("\n0,4000,awards,,stock,1,true,3,4,2.2000000000000002,5.7999999999999998\n"),
            std::string::npos)
      << csv;
  const std::string json = format_sweep_summary(*s, Format::json);
  EXPECT_NE(json.find("\"factors\": [\"levers.seed_funding.grant_max\"]"), std::string::npos);
  EXPECT_NE(json.find("{\"point\": 1, \"factors\": [8000], \"n\": 2, \"mean\": 30"),
            std::string::npos)
      << json;
  const std::string table = format_sweep_summary(*s, Format::table);
  EXPECT_NE(table.find("awards at month 1"), std::string::npos) << table;
  EXPECT_NE(table.find("levers.seed_funding.grant_max"), std::string::npos) << table;
}

}  // namespace
}  // namespace kopa::analysis
