// Several scenarios on one command line: NAME=FILE and scenario-qualified --set NAME:PATH=VALUE.
#include <gtest/gtest.h>

#include "scenario/scenario_arguments.hpp"
#include "scenario_test_support.hpp"

namespace kopa {
namespace {

using testing::formatted;
using testing::one_region;
using testing::scratch_folder;
using testing::write_file;

TEST(ScenarioArguments, NameEqualsFileRenamesAndAPlainFileKeepsItsName) {
  const auto plain = parse_scenario_argument("scenarios/base.toml");
  EXPECT_EQ(plain.name, "");
  EXPECT_EQ(plain.file, "scenarios/base.toml");
  const auto named = parse_scenario_argument("what_if=scenarios/base.toml");
  EXPECT_EQ(named.name, "what_if");
  EXPECT_EQ(named.file, "scenarios/base.toml");
}

TEST(ScenarioArguments, QualifiedSetChangesOnlyItsScenario) {
  const auto folder = scratch_folder();
  const auto base =
      write_file(folder / "base.toml", "name = \"baseline\"\n" + std::string(one_region));
  const auto loads =
      load_scenarios({{"", base}, {"what_if", base}},
                     {"simulation.months=24", "what_if:levers.seed_funding.enabled=true",
                      "baseline:levers.ally.enabled=true"});
  ASSERT_EQ(loads.size(), 2u);
  for (const auto& load : loads)
    ASSERT_TRUE(load.scenario) << ::testing::PrintToString(formatted(load));
  const ModelParameters& a = loads[0].scenario->parameters;
  const ModelParameters& b = loads[1].scenario->parameters;
  EXPECT_EQ(loads[0].scenario->name, "baseline");  // its `name`, answered to
  EXPECT_EQ(loads[1].scenario->name, "what_if");
  EXPECT_NE(loads[1].scenario->resolved_toml.find("name = \"what_if\""), std::string::npos);
  EXPECT_EQ(a.simulation.months, 24);  // unqualified: both
  EXPECT_EQ(b.simulation.months, 24);
  EXPECT_FALSE(a.levers.seed_funding.enabled);
  EXPECT_TRUE(b.levers.seed_funding.enabled);
  EXPECT_TRUE(a.levers.ally.enabled);
  EXPECT_FALSE(b.levers.ally.enabled);
}

TEST(ScenarioArguments, QualifiedSetNamingNoScenarioIsAnError) {
  const auto folder = scratch_folder();
  const auto base = write_file(folder / "base.toml", std::string(one_region));
  const auto loads = load_scenarios({{"what_if", base}}, {"what_fi:levers.ally.enabled=true"});
  ASSERT_EQ(loads.size(), 1u);
  EXPECT_FALSE(loads[0].scenario);
  EXPECT_EQ(formatted(loads[0]),
            std::vector<std::string>{"--set what_fi:levers.ally.enabled=true: error: no scenario "
                                     "is named 'what_fi' (did you mean 'what_if'?); scenarios: "
                                     "base, what_if"});
}

}  // namespace
}  // namespace kopa
