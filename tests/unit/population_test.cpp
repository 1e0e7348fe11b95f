// The population scale: agents split over regions by population, the people each agent stands
// for, the input errors (more agents than people, a region without an agent) and the capacity
// resolution warning (only a capacity below one person: any agent count resolves the rest).
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

// Advocates' caseloads (6 people and up by default) and one municipal round of EUR 30,000 in
// awards of up to EUR 5,000: 6 people.
ModelParameters two_regions(Integer founders) {
  ModelParameters p = parameter_table().defaults();
  p.regions = {region_of("a", 30000), region_of("b", 10000)};
  p.simulation.founders = founders;
  for (auto& funder : p.funders) funder.enabled = false;
  FunderParameters& municipal = p.funders[index(FunderKind::municipal_grant)];
  municipal.enabled = true;
  municipal.budget_per_year = 30000.0;
  municipal.grant_max = 5000.0;
  return p;
}

TEST(CapacityResolution, CaseloadsHoldOnAverageAtAnyAgentCount) {
  // Without funders only the caseloads bind, and they hold their capacity on average (docs/ODD.md
  // 7.14): 1,000 people per agent is sound.
  ModelParameters p = two_regions(40);
  for (auto& funder : p.funders) funder.enabled = false;
  EXPECT_TRUE(capacity_resolution(Model(p)).sound);
  EXPECT_EQ(resolution_warning("s", Model(p)), "");
}

TEST(CapacityResolution, AgentsOfManyPeopleAreSoundSinceCapacitiesActOnPeople) {
  // The smallest capacity is the municipal round's, 6 awards. Agents of 10 or 1,000 people are
  // latent pools whose people split off one by one as they form ideas (model/pools.hpp), so every
  // founder the round funds is one person and 6 awards resolve at any agent count.
  for (const Integer founders : {Integer{40}, Integer{4000}, Integer{0}}) {
    const Model model(two_regions(founders));
    const CapacityResolution check = capacity_resolution(model);
    EXPECT_TRUE(check.sound) << founders;
    EXPECT_EQ(check.capacity_people, 6.0);
    EXPECT_EQ(check.people_per_agent, 1.0);
    EXPECT_NE(check.tightest.find("funders.municipal_grant's year of EUR 30000 (6 of its largest"),
              std::string::npos)
        << check.tightest;
    // Any count that gives each region an agent: 4 (30,000 and 10,000 people).
    EXPECT_EQ(check.smallest_sound_founders, agents_for_every_region(model.parameters().regions));
    EXPECT_EQ(resolution_warning("baseline", model), "");
  }
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
  const std::string warning = resolution_warning("s", Model(p));
  EXPECT_NE(warning.find("scenario 's'"), std::string::npos) << warning;
  EXPECT_NE(warning.find("No agent count resolves"), std::string::npos) << warning;
}

}  // namespace
}  // namespace kopa
