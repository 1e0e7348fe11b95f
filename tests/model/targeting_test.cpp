// Targeting: levers act through masks over regions and groups (model/lever_unit.hpp). A lever
// targeted at every region and at its default groups is the untargeted lever bit for bit; a lever
// targeted at one region moves that region and leaves a distant one alone up to the small
// spill-overs through national funders (common random numbers make the comparison sharp); costs
// follow the target.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/run.hpp"
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

TEST(Targeting, SeedFundingForYouthInOneRegionAwardsOnlyThem) {
  ModelParameters p = test_parameters(8000, 24);
  p.levers.seed_funding.enabled = true;
  p.levers.seed_funding.start_month = 0;
  p.targeting[index(Lever::seed_funding)] = {{"valley"}, {"youth"}};
  const Model model(p);
  RunState state = initial_state(model, 3);
  RunSeries series(model.months(), model.labels());
  int awarded = 0;
  for (int m = 0; m < model.months(); ++m) {
    step(model, state, series);
    const Founders& f = state.founders;
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (award_funder_of(f.funding[i]) != static_cast<int>(index(FunderKind::seed_fund))) continue;
      ++awarded;
      EXPECT_EQ(f.group[i], Group::youth) << i;
      EXPECT_EQ(f.region[i], 1u) << i;
    }
  }
  EXPECT_GT(awarded, 0);
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
