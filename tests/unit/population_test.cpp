// The population scale: agents split over regions by population, the people each agent stands
// for, the input errors (more agents than people, a region without an agent) and the capacity
// resolution warning with its smallest sound agent count.
#include <gtest/gtest.h>

#include "model/model.hpp"
#include "model/population.hpp"
#include "model/resolution.hpp"
#include "scenario/parameter_table.hpp"

namespace kopa {
namespace {

Region region_of(std::string name, double population) {
  Region region;
  region.name = std::move(name);
  region.country = "test";
  region.population = population;
  return region;
}

TEST(Population, SplitsAgentsByLargestRemainderInIntegers) {
  const std::vector<Region> regions{region_of("a", 25000), region_of("b", 60000),
                                    region_of("c", 7000)};
  // Quotas 271.74, 652.17, 76.09: floors 271 + 652 + 76 = 999, the last agent to the largest
  // remainder (a's 0.74).
  EXPECT_EQ(agents_per_region(1000, regions), (std::vector<std::int64_t>{272, 652, 76}));
  EXPECT_EQ(total_population(regions), 92000);
  // 0: one agent per person.
  EXPECT_EQ(agents_per_region(0, regions), (std::vector<std::int64_t>{25000, 60000, 7000}));
  EXPECT_EQ(agent_count(0, regions), 92000);
  EXPECT_EQ(agent_count(500, regions), 500);
  // Equal remainders go to the earlier region.
  const std::vector<Region> twins{region_of("x", 10), region_of("y", 10)};
  EXPECT_EQ(agents_per_region(3, twins), (std::vector<std::int64_t>{2, 1}));
}

TEST(Population, PeoplePerAgentIsPopulationOverAgentsPerRegion) {
  ModelParameters p = parameter_table().defaults();
  p.regions = {region_of("a", 25000), region_of("b", 60000), region_of("c", 7000)};
  p.simulation.founders = 1000;
  const Model model(p);
  EXPECT_DOUBLE_EQ(model.people_per_agent(0), 25000.0 / 272);
  EXPECT_DOUBLE_EQ(model.people_per_agent(1), 60000.0 / 652);
  EXPECT_DOUBLE_EQ(model.people_per_agent(2), 7000.0 / 76);
  EXPECT_DOUBLE_EQ(model.people_per_agent_overall(), 92.0);
  p.simulation.founders = 0;
  const Model one_to_one(p);
  for (std::size_t r = 0; r < 3; ++r) EXPECT_EQ(one_to_one.people_per_agent(r), 1.0);
  EXPECT_EQ(one_to_one.people_per_agent_overall(), 1.0);
}

TEST(Population, MoreAgentsThanPeopleOrARegionWithoutOneIsAnError) {
  const std::vector<Region> regions{region_of("big", 1000), region_of("tiny", 3)};
  EXPECT_EQ(population_problem(1003, regions), "");
  EXPECT_EQ(population_problem(0, regions), "");
  EXPECT_EQ(population_problem(1004, regions),
            "1004 founder agents for 1003 people: an agent stands for at least one person; use "
            "at most 1003, or 0 for one agent per person");
  // 100 agents: tiny's quota is 0.3, a remainder smaller than big's.
  EXPECT_EQ(population_problem(100, regions),
            "region 'tiny' (3 people) gets no founder agent of 100; use at least 335 (every "
            "region then gets one), or 0 for one agent per person");
  EXPECT_EQ(agents_for_every_region(regions), 335);  // ceil(1003 / 3)
  EXPECT_GE(agents_per_region(335, regions)[1], 1);
}

ModelParameters two_regions(Integer founders) {
  ModelParameters p = parameter_table().defaults();
  p.regions = {region_of("a", 30000), region_of("b", 10000)};
  p.simulation.founders = founders;
  for (auto& funder : p.funders) funder.enabled = false;  // caseloads only
  return p;
}

TEST(CapacityResolution, SoundWhileEveryCapacityHoldsAnAgent) {
  // The smallest caseload is the local leader's, 6 people: agents of up to 6 people resolve it.
  ModelParameters p = two_regions(40000 / 6 + 1);
  EXPECT_TRUE(capacity_resolution(Model(p)).sound);
  p.simulation.founders = 0;
  EXPECT_TRUE(capacity_resolution(Model(p)).sound);
  EXPECT_EQ(resolution_warning("s", Model(p)), "");
}

TEST(CapacityResolution, CoarseAgentsWarnNamingTheCapacityAndTheSmallestSoundCount) {
  const Model coarse(two_regions(4000));  // 10 people per agent
  const CapacityResolution check = capacity_resolution(coarse);
  EXPECT_FALSE(check.sound);
  EXPECT_EQ(check.capacity_people, 6.0);
  EXPECT_EQ(check.people_per_agent, 10.0);
  EXPECT_NE(check.tightest.find("advocates.local_leader.capacity of 6 people"), std::string::npos)
      << check.tightest;
  // The least count at which every region's agents stand for at most 6 people.
  EXPECT_EQ(check.smallest_sound_founders, 6667);
  ModelParameters at = two_regions(check.smallest_sound_founders);
  EXPECT_TRUE(capacity_resolution(Model(at)).sound);
  at.simulation.founders = check.smallest_sound_founders - 1;
  EXPECT_FALSE(capacity_resolution(Model(at)).sound);
  const std::string warning = resolution_warning("baseline", coarse);
  EXPECT_NE(warning.find("scenario 'baseline'"), std::string::npos) << warning;
  EXPECT_NE(warning.find("smallest sound simulation.founders is 6667"), std::string::npos)
      << warning;
}

TEST(CapacityResolution, ARoundSmallerThanOneAwardCannotBeResolvedAtAnyCount) {
  ModelParameters p = two_regions(0);
  FunderParameters& bank = p.funders[index(FunderKind::bank_loan)];
  bank.enabled = true;
  bank.calendar = static_cast<Integer>(Calendar::rolling);
  bank.budget_per_year = 1000.0;  // its pot never holds more than a year's budget
  bank.grant_max = 5000.0;        // a fifth of one loan
  const CapacityResolution check = capacity_resolution(Model(p));
  EXPECT_FALSE(check.sound);
  EXPECT_DOUBLE_EQ(check.capacity_people, 0.2);
  EXPECT_EQ(check.smallest_sound_founders, 0);
  EXPECT_NE(resolution_warning("s", Model(p)).find("No agent count resolves"), std::string::npos);
}

}  // namespace
}  // namespace kopa
