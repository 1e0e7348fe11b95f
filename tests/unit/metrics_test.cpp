#include <gtest/gtest.h>

#include "model/metrics.hpp"

namespace kopa {
namespace {

TEST(MetricCatalog, NamesAreUniqueAndBreakdownsAreInTheName) {
  const auto catalog = metric_catalog();
  ASSERT_EQ(catalog.size(), metric_count);
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    EXPECT_EQ(find_metric(catalog[i].name), static_cast<int>(i)) << catalog[i].name;
    EXPECT_FALSE(catalog[i].units.empty());
    EXPECT_FALSE(catalog[i].long_name.empty());
    const std::string suffix = "_by_" + std::string(dimension_name(catalog[i].breakdown));
    if (catalog[i].breakdown == Breakdown::total) {
      EXPECT_EQ(std::string(catalog[i].name).find("_by_"), std::string::npos) << catalog[i].name;
    } else {
      EXPECT_TRUE(std::string(catalog[i].name).ends_with(suffix)) << catalog[i].name;
    }
  }
}

TEST(MetricCatalog, EnumOrderMatchesCatalog) {
  EXPECT_EQ(metric_spec(Metric::founders_latent).name, "founders_latent");
  EXPECT_EQ(metric_spec(Metric::founders_sustained).name, "founders_sustained");
  EXPECT_EQ(metric_spec(Metric::public_cost).name, "public_cost");
  EXPECT_EQ(metric_spec(Metric::public_cost_by_lever).name, "public_cost_by_lever");
  EXPECT_EQ(metric_spec(Metric::population_by_group).name, "population_by_group");
}

TEST(RunSeries, LaysOutMonthMajorWithBreakdownWidths) {
  DimensionLabels labels;
  labels.labels[static_cast<std::size_t>(Breakdown::group)] = {"a", "b", "c"};
  labels.labels[static_cast<std::size_t>(Breakdown::region)] = {"r"};
  RunSeries series(4, labels);
  EXPECT_EQ(series.width(Metric::founders_idea), 1u);
  EXPECT_EQ(series.width(Metric::population_by_group), 3u);
  series.at(Metric::population_by_group, 2, 1) = 7.0;
  EXPECT_EQ(series.values[static_cast<std::size_t>(Metric::population_by_group)][2 * 3 + 1], 7.0);
  RunSeries copy = series;
  EXPECT_EQ(copy, series);
  copy.at(Metric::founders_idea, 0) = 1.0;
  EXPECT_NE(copy, series);
}

}  // namespace
}  // namespace kopa
