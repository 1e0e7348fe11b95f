// Targeting: levers act through masks over regions and groups (model/lever_unit.hpp). A lever
// targeted at every region and at its default groups is the untargeted lever bit for bit; a lever
// targeted at one region moves that region and leaves a distant one alone up to the small
// spill-overs through national funders (common random numbers make the comparison sharp); costs
// follow the target.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/run.hpp"
#include "model/lever_target.hpp"
#include "phase_fixture.hpp"

namespace kopa {
namespace {

using testing::all_levers;
using testing::SmallRun;
using testing::test_parameters;

std::vector<std::string> region_names(const ModelParameters& p) {
  std::vector<std::string> names;
  for (const Region& r : p.regions) names.push_back(r.name);
  return names;
}

// Every lever folds through these two: they must visit exactly the masked regions and cells, in
// order (a lever's effect written outside its mask would act where it is not targeted).
TEST(Targeting, ALeverTargetVisitsOnlyItsRegionsAndCellsInOrder) {
  LeverTarget target;
  target.regions = {0, 1, 0, 1};
  target.cells.assign(4 * group_count, 0);
  target.cells[cell_of(1, Group::youth)] = 1;
  target.cells[cell_of(3, Group::women)] = 1;
  std::vector<std::size_t> regions, cells;
  target.for_each_region([&](std::size_t r) { regions.push_back(r); });
  target.for_each_cell([&](std::size_t cell) { cells.push_back(cell); });
  EXPECT_EQ(regions, (std::vector<std::size_t>{1, 3}));
  EXPECT_EQ(cells, (std::vector<std::size_t>{cell_of(1, Group::youth), cell_of(3, Group::women)}));
}

TEST(Targeting, EveryRegionAndTheDefaultGroupsByNameIsTheUntargetedRunBitForBit) {
  const ModelParameters untargeted = all_levers(6000, 36);
  ModelParameters named = untargeted;
  for (auto& targeting : named.targeting) targeting.regions = region_names(named);
  for (Lever lever : {Lever::open_schemes, Lever::seed_funding}) {
    auto& groups = named.targeting[index(lever)].groups;
    for (std::size_t g = 0; g < group_count; ++g) {
      if (is_disadvantaged(static_cast<Group>(g))) groups.emplace_back(group_names[g]);
    }
  }
  const RunSeries a = run_replicate(Model(untargeted), 11, 0);
  const RunSeries b = run_replicate(Model(named), 11, 0);
  EXPECT_TRUE(a == b);
  EXPECT_GT(a.at(Metric::awards, 30), 0.0);  // not trivially equal: the run did something
  // ... and naming fewer regions does change it.
  named.targeting[index(Lever::one_roof)].regions = {"town"};
  EXPECT_FALSE(a == run_replicate(Model(named), 11, 0));
}

// Sum over the run of a by-region metric for one region.
double total(const RunSeries& series, Metric metric, std::size_t region, int months) {
  double sum = 0.0;
  for (int m = 0; m < months; ++m) sum += series.at(metric, m, region);
  return sum;
}

TEST(Targeting, OneRoofInOneRegionMovesItAndLeavesADistantRegionAlone) {
  constexpr int months = 36;
  ModelParameters off = test_parameters(8000, months);
  off.levers.one_roof.enabled = false;
  ModelParameters town = off;
  town.levers.one_roof.enabled = true;
  town.targeting[index(Lever::one_roof)].regions = {"town"};
  ModelParameters everywhere = town;
  everywhere.targeting[index(Lever::one_roof)].regions.clear();

  // Same seed and replicate: common random numbers, so differences are the lever's.
  const RunSeries base = run_replicate(Model(off), 5, 0);
  const RunSeries targeted = run_replicate(Model(town), 5, 0);
  const RunSeries all = run_replicate(Model(everywhere), 5, 0);
  const Metric supported = Metric::founders_supported_by_region;
  constexpr std::size_t here = 0, far = 3;  // town (x 0 km) and inland (x 900 km)
  const double moved =
      total(targeted, supported, here, months) - total(base, supported, here, months);
  const double spill =
      total(targeted, supported, far, months) - total(base, supported, far, months);
  const double untargeted_far =
      total(all, supported, far, months) - total(base, supported, far, months);
  EXPECT_GT(moved, 0.0);
  // The distant region moves by less than a tenth of the targeted one, whereas the lever
  // everywhere moves it by more (so the bound is not loose enough to pass without targeting).
  EXPECT_LT(std::fabs(spill), 0.1 * moved) << "moved " << moved << ", spill " << spill;
  EXPECT_GT(std::fabs(untargeted_far), 0.1 * moved) << untargeted_far;
  // Costs follow: one region's platform.
  for (int m = 0; m < months; ++m) {
    EXPECT_EQ(targeted.at(Metric::public_cost_by_lever, m, index(Lever::one_roof)),
              town.levers.one_roof.cost_per_region_month)
        << m;
  }
}

// Seed-fund award-months over a run, per region x group cell (counted founder by founder).
std::vector<int> seed_awards_by_cell(const ModelParameters& p) {
  const Model model(p);
  RunState state = initial_state(model, 3);
  RunSeries series(model.months(), model.labels());
  std::vector<int> counts(model.region_count() * group_count, 0);
  for (int m = 0; m < model.months(); ++m) {
    step(model, state, series);
    const Founders& f = state.founders;
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (award_funder_of(f.funding[i]) == static_cast<int>(index(FunderKind::seed_fund))) {
        ++counts[cell_of(f.region[i], f.group[i])];
      }
    }
  }
  return counts;
}

TEST(Targeting, SeedFundingForOneGroupInOneRegionAwardsOnlyThem) {
  ModelParameters p = test_parameters(8000, 48);
  p.levers.seed_funding.enabled = true;
  const std::vector<int> everyone = seed_awards_by_cell(p);
  // The cell the untargeted fund reached most; it reached others too (so the check can fail).
  const auto most = static_cast<std::size_t>(std::max_element(everyone.begin(), everyone.end()) -
                                             everyone.begin());
  const std::size_t region = most / group_count, group = most % group_count;
  ASSERT_GT(everyone[most], 0);
  ASSERT_LT(everyone[most], std::accumulate(everyone.begin(), everyone.end(), 0));

  p.targeting[index(Lever::seed_funding)] = {{p.regions[region].name},
                                             {std::string(group_names[group])}};
  const std::vector<int> targeted = seed_awards_by_cell(p);
  EXPECT_GT(targeted[most], 0);
  EXPECT_EQ(targeted[most], std::accumulate(targeted.begin(), targeted.end(), 0))
      << p.regions[region].name << " " << group_names[group];
}

TEST(Targeting, FixedCostsFollowTheTargetedRegions) {
  ModelParameters p = test_parameters(200);
  p.levers.simplification.enabled = true;
  p.levers.simplification.start_month = 0;
  p.targeting[index(Lever::simplification)].regions = {"coast"};
  SmallRun run(p);
  run.open(3);
  // A quarter of the regions: a quarter of the monthly cost.
  EXPECT_EQ(run.state.flows.public_cost[index(Lever::simplification)],
            0.25 * p.levers.simplification.cost_per_month);
  // Lighter calls in coast only, for the mainstream public funders.
  const std::size_t k = index(FunderKind::national_grant);
  const double full = run.model.funder(FunderKind::national_grant).complexity;
  EXPECT_EQ(run.state.context.complexity[2 * funder_count + k],
            full * (1.0 - p.levers.simplification.complexity_reduction));
  EXPECT_EQ(run.state.context.complexity[1 * funder_count + k], full);
}

}  // namespace
}  // namespace kopa
