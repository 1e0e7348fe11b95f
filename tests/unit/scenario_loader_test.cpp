#include <gtest/gtest.h>

#include "scenario/parameter_table.hpp"
#include "scenario/scenario.hpp"
#include "scenario_test_support.hpp"

namespace kopa {
namespace {

using testing::formatted;
using testing::one_region;
using testing::scratch_folder;
using testing::write_file;

// Loads text that has one region plus `body`; returns the formatted issues.
std::vector<std::string> issues_of(const std::string& body,
                                   const std::vector<std::string>& overrides = {}) {
  return formatted(load_scenario_text(body + "\n" + one_region, "x.toml", overrides));
}

std::string only_issue(const std::string& body, const std::vector<std::string>& overrides = {}) {
  const auto issues = issues_of(body, overrides);
  EXPECT_EQ(issues.size(), 1u) << ::testing::PrintToString(issues);
  return issues.empty() ? "" : issues.front();
}

TEST(ScenarioLoad, MinimalScenarioTakesTableDefaults) {
  const auto load = load_scenario_text(one_region, "scenarios/minimal.toml");
  ASSERT_TRUE(load.scenario) << ::testing::PrintToString(formatted(load));
  EXPECT_TRUE(load.issues.empty());
  EXPECT_EQ(load.scenario->name, "minimal");
  testing::expect_same_parameters(load.scenario->parameters, [] {
    auto p = parameter_table().defaults();
    Region here;
    here.name = "here";
    here.country = "latvia";
    here.population = 1000;
    p.regions.push_back(here);
    return p;
  }());
}

TEST(ScenarioLoad, NameAndDescriptionFromTheFile) {
  const auto load = load_scenario_text(
      "name = \"my-run_2\"\ndescription = \"a test\"\n" + std::string(one_region), "x.toml");
  ASSERT_TRUE(load.scenario);
  EXPECT_EQ(load.scenario->name, "my-run_2");
  EXPECT_EQ(load.scenario->description, "a test");
}

TEST(ScenarioErrors, UnknownKeyNamesFileLineColumnAndSuggests) {
  EXPECT_EQ(only_issue("[levers.seed_funding]\nenabled = true\nbudget_per_yaer = 5.0\n"),
            "x.toml:3:1: error: levers.seed_funding.budget_per_yaer: unknown key (did you mean "
            "'budget_per_year'?)");
}

TEST(ScenarioErrors, UnknownSectionSuggestsTheSection) {
  EXPECT_EQ(only_issue("[levers.seed_fundng]\nenabled = true\n"),
            "x.toml:1:9: error: levers.seed_fundng: unknown key (did you mean 'seed_funding'?)");
  EXPECT_EQ(only_issue("[simulaton]\nmonths = 3\n"),
            "x.toml:1:2: error: simulaton: unknown key (did you mean 'simulation'?)");
}

TEST(ScenarioErrors, DottedKeysWorkLikeSections) {
  const auto load = load_scenario_text(
      "levers.one_roof.enabled = true\nsimulation.months = 24\n" + std::string(one_region),
      "x.toml");
  ASSERT_TRUE(load.scenario);
  EXPECT_TRUE(load.scenario->parameters.levers.one_roof.enabled);
  EXPECT_EQ(load.scenario->parameters.simulation.months, 24);
}

TEST(ScenarioErrors, StringWhereANumberIsExpected) {
  EXPECT_EQ(only_issue("[founders]\nskill_sd = \"wide\"\n"),
            "x.toml:2:12: error: founders.skill_sd: expected a real number, got \"wide\"");
}

TEST(ScenarioTypes, IntegerLiteralIsFineForAReal) {
  const auto load = load_scenario_text(
      "[founders]\napplication_effort = 2\n" + std::string(one_region), "x.toml");
  ASSERT_TRUE(load.scenario);
  EXPECT_EQ(load.scenario->parameters.founders.application_effort, 2.0);
}

TEST(ScenarioTypes, RealLiteralIsAnErrorForAnIntegerEvenWhenIntegral) {
  EXPECT_EQ(only_issue("[simulation]\nmonths = 12.0\n"),
            "x.toml:2:10: error: simulation.months: expected an integer (no decimal point or "
            "exponent), got 12.0");
  EXPECT_EQ(only_issue("[simulation]\nfounders = 1e3\n"),
            "x.toml:2:12: error: simulation.founders: expected an integer (no decimal point or "
            "exponent), got 1000.0");
}

TEST(ScenarioTypes, BooleansAndChoices) {
  EXPECT_EQ(only_issue("[levers.ally]\nenabled = 1\n"),
            "x.toml:2:11: error: levers.ally.enabled: expected true or false, got 1");
  EXPECT_EQ(only_issue("[funders.leader]\ncalendar = \"anual\"\n"),
            "x.toml:2:12: error: funders.leader.calendar: expected \"annual\" or \"rolling\", got "
            "\"anual\" (did you mean 'annual'?)");
  const auto load = load_scenario_text(
      "[advocates.ngo]\nfunding = \"stable\"\n" + std::string(one_region), "x.toml");
  ASSERT_TRUE(load.scenario);
  EXPECT_EQ(load.scenario->parameters.advocates[index(AdvocateKind::ngo)].funding,
            static_cast<Integer>(FundingMode::stable));
}

TEST(ScenarioErrors, OutOfRangeShowsTheRange) {
  EXPECT_EQ(only_issue("[simulation]\nmonths = 0\n"),
            "x.toml:2:10: error: simulation.months: expected a value in [1, 1200], got 0");
}

TEST(ScenarioErrors, ProbabilityOutsideZeroOne) {
  EXPECT_EQ(only_issue("[founders]\nideation_rate = 1.2\n"),
            "x.toml:2:17: error: founders.ideation_rate: expected a value in [0.0, 1.0], got 1.2");
}

TEST(ScenarioErrors, NegativeMoneyAndCounts) {
  EXPECT_EQ(only_issue("[funders.leader]\nbudget_per_year = -5\n"),
            "x.toml:2:19: error: funders.leader.budget_per_year: expected a value in [0.0, "
            "10000000000.0], got -5.0");
  EXPECT_EQ(only_issue("[advocates.ngo]\ncapacity = -1\n"),
            "x.toml:2:12: error: advocates.ngo.capacity: expected a value in [0, 100000], got -1");
}

TEST(ScenarioErrors, LeverEndMonthBeforeStartMonth) {
  EXPECT_EQ(only_issue("[levers.one_roof]\nstart_month = 24\nend_month = 12\n"),
            "x.toml:3:13: error: levers.one_roof.end_month: end_month 12 is before start_month 24");
  EXPECT_EQ(only_issue("[levers.one_roof]\nstart_month = 2000\n"),
            "x.toml:2:15: error: levers.one_roof.start_month: expected a value in [0, 1200], got "
            "2000");
  EXPECT_EQ(only_issue("[levers.one_roof]\nend_month = 0\nstart_month = 1\n"),
            "x.toml:2:13: error: levers.one_roof.end_month: end_month 0 is before start_month 1");
}

TEST(ScenarioErrors, GrantMinAboveGrantMax) {
  EXPECT_EQ(only_issue("[funders.municipal_grant]\ngrant_min = 6000\n"),
            "x.toml:2:13: error: funders.municipal_grant.grant_min: grant_min 6000.0 is above "
            "grant_max 5000.0");
  EXPECT_EQ(only_issue("[levers.seed_funding]\ngrant_max = 1000\n"),
            "x.toml:2:13: error: levers.seed_funding.grant_max: grant_max 1000.0 is below "
            "grant_min 2000.0");
}

TEST(ScenarioErrors, GroupSharesMustSumToOne) {
  EXPECT_EQ(only_issue("[groups.youth]\nshare = 0.2\n"),
            "x.toml:2:9: error: groups.*.share: group shares sum to 1.06; they must sum to 1 "
            "(within 1e-6)");
  // Moving share between groups keeps the sum.
  EXPECT_TRUE(issues_of("[groups]\nyouth.share = 0.2\nmainstream.share = 0.22\n").empty());
}

TEST(ScenarioErrors, RegionGroupSharesMustSumToOneAndNameAllGroups) {
  const std::string shares =
      "[[region]]\nname = \"r\"\ncountry = \"c\"\npopulation = 10\n[region.group_shares]\n"
      "youth = 0.5\n"
      "women = 0.5\nseniors = 0.0\nmigrants = 0.0\ndisabled = 0.0\nsingle_parents = 0.0\n"
      "long_term_unemployed = 0.0\nmainstream = ";
  EXPECT_TRUE(formatted(load_scenario_text(shares + "0.0\n", "x.toml")).empty());
  EXPECT_EQ(formatted(load_scenario_text(shares + "0.1\n", "x.toml")),
            std::vector<std::string>{"x.toml:1:1: error: region[1].group_shares: group shares sum "
                                     "to 1.1; they must sum to 1 (within 1e-6)"});
  EXPECT_EQ(
      formatted(load_scenario_text("[[region]]\nname = \"r\"\ncountry = \"c\"\npopulation = 10\n"
                                   "group_shares = { youth = 1.0, wimen = 0.0 }\n",
                                   "x.toml")),
      (std::vector<std::string>{
          "x.toml:5:16: error: region[1].group_shares: missing 'women', 'seniors', "
          "'migrants', 'disabled', 'single_parents', 'long_term_unemployed', 'mainstream' "
          "(state the shares of all eight groups)",
          "x.toml:5:31: error: region[1].group_shares.wimen: unknown group (did you mean "
          "'women'?)"}));
}

TEST(ScenarioErrors, MissingRequiredRegionField) {
  EXPECT_EQ(formatted(load_scenario_text("[[region]]\nname = \"r\"\n", "x.toml")),
            (std::vector<std::string>{
                "x.toml:1:1: error: region[1]: missing required field 'country'",
                "x.toml:1:1: error: region[1]: missing required field 'population'"}));
}

// `weight` (a share of founders) became `population` (people); old files get told so.
TEST(ScenarioErrors, RetiredWeightNamesPopulation) {
  const std::string replaced =
      "'weight' was replaced by 'population', the region's working-age residents (people); "
      "state population = <people> and population_source = \"<office, table, year>\"";
  EXPECT_EQ(formatted(load_scenario_text(std::string(one_region) + "weight = 1.6\n", "x.toml")),
            std::vector<std::string>{"x.toml:5:1: error: region[1].weight: " + replaced});
  EXPECT_EQ(only_issue("", {"regions.here.weight=2"}),
            "--set regions.here.weight=2: error: regions.here.weight: " + replaced);
}

TEST(ScenarioErrors, RegionFieldsAreChecked) {
  EXPECT_EQ(formatted(load_scenario_text(
                "[[region]]\nname = \"bad name\"\ncountry = \"c\"\npopulation = 0\nhas_len = "
                "\"yes\"\nremotenes_minutes = 3\n",
                "x.toml")),
            (std::vector<std::string>{
                "x.toml:2:8: error: region[1].name: region name \"bad name\" must be letters, "
                "digits, '_' and '-' only",
                "x.toml:4:14: error: region[1].population: expected a value in [1, 100000000], "
                "got 0",
                "x.toml:5:11: error: region[1].has_len: expected true or false, got \"yes\"",
                "x.toml:6:1: error: region[1].remotenes_minutes: unknown key (did you mean "
                "'remoteness_minutes'?)"}));
}

// A founder names its advocate by a 16-bit index (0xFFFF: none), so a scenario has at most
// 65,535 advocate seats: per_region of each kind in every region, incubators only where a region
// has one.
std::string advocate_seats_text(int incubator_regions) {
  std::string text =
      "[advocates]\nngo.per_region = 9362\nlocal_leader.per_region = 0\n"
      "social_service.per_region = 0\nincubator.per_region = 1\n"
      "accelerator_team.per_region = 0\n";
  for (int r = 0; r < 7; ++r) {
    text += "[[region]]\nname = \"r" + std::to_string(r) +
            "\"\ncountry = \"c\"\npopulation = 10\nhas_incubator = " +
            (r < incubator_regions ? "true" : "false") + "\n";
  }
  return text;
}

TEST(ScenarioErrors, AdvocateSeatsMustFitTheAdvocateIndex) {
  // 7 x 9,362 NGO seats = 65,534, plus one incubator per region that has one.
  EXPECT_TRUE(formatted(load_scenario_text(advocate_seats_text(1), "x.toml")).empty());
  EXPECT_EQ(formatted(load_scenario_text(advocate_seats_text(2), "x.toml")),
            std::vector<std::string>{
                "x.toml:2:18: error: advocates.ngo.per_region: 65536 advocate seats (per_region "
                "of each kind in each of 7 regions, incubators only where has_incubator) exceed "
                "the 65535 an advocate index holds; lower per_region or use fewer regions"});
}

TEST(ScenarioErrors, RegionNamesAreUnique) {
  const auto issues = formatted(load_scenario_text(std::string(one_region) + one_region, "x.toml"));
  EXPECT_EQ(issues, std::vector<std::string>{"x.toml:5:1: error: region[2]: region name 'here' "
                                             "is used twice (also by region[1] on line 1)"});
}

TEST(ScenarioErrors, AScenarioNeedsRegions) {
  EXPECT_EQ(formatted(load_scenario_text("", "x.toml")),
            std::vector<std::string>{
                "x.toml: error: regions: no regions: state regions = [\"PRESET\", ...] or "
                "[[region]] tables here or in a file this one extends"});
}

TEST(ScenarioLoad, PresetsAndInlineRegionsCombineAndADuplicateCitesBothPlaces) {
  const auto folder = scratch_folder();
  write_file(folder / "regions" / "a.toml",
             "description = \"a\"\n[[region]]\nname = \"there\"\ncountry = \"latvia\"\n"
             "population = 500\n");
  const auto both =
      write_file(folder / "both.toml", "regions = [\"a\"]\n" + std::string(one_region));
  const auto load = load_scenario(both, {"regions.there.population=700"});
  ASSERT_TRUE(load.scenario) << ::testing::PrintToString(formatted(load));
  const auto& regions = load.scenario->parameters.regions;
  ASSERT_EQ(regions.size(), 2u);
  EXPECT_EQ(regions[0].name, "there");  // presets first
  EXPECT_EQ(regions[0].population, 700);
  EXPECT_EQ(regions[1].name, "here");

  const auto twice = write_file(folder / "twice.toml",
                                "regions = [\"a\"]\n[[region]]\nname = \"there\"\ncountry = "
                                "\"latvia\"\npopulation = 10\n");
  EXPECT_EQ(formatted(load_scenario(twice)),
            std::vector<std::string>{twice.string() +
                                     ":2:1: error: region[1]: region name 'there' is used twice "
                                     "(also by regions[1] on line 1)"});
}

TEST(ScenarioErrors, ScenarioNames) {
  EXPECT_EQ(only_issue("name = \"two words\""),
            "x.toml:1:8: error: name: scenario name \"two words\" must be letters, digits, '_' "
            "and '-' only");
  EXPECT_EQ(formatted(load_scenario_text(one_region, "my scenario.toml")),
            std::vector<std::string>{
                "my scenario.toml: error: name: scenario name \"my scenario\" must be letters, "
                "digits, '_' and '-' only (it comes from the file name; state name = \"...\")"});
}

TEST(ScenarioErrors, MissingAndUnreadableFiles) {
  const auto folder = scratch_folder();
  const auto missing = (folder / "nope.toml").string();
  EXPECT_EQ(formatted(load_scenario(missing)),
            std::vector<std::string>{missing + ": error: cannot read file: No such file or "
                                               "directory"});
  EXPECT_EQ(
      formatted(load_scenario(folder)),
      std::vector<std::string>{folder.string() + ": error: cannot read file: is a directory"});
}

TEST(ScenarioErrors, SyntaxErrorHasLineAndColumn) {
  const auto issues = formatted(load_scenario_text("a = 1\nb = \n", "x.toml"));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_TRUE(issues[0].starts_with("x.toml:2:5: error: b: syntax error: ")) << issues[0];
}

TEST(ScenarioErrors, AllProblemsOfAFileAtOnce) {
  const auto issues = issues_of(
      "[simulation]\nmonths = \"long\"\n[founders]\nskill_sd = 2.0\n[levers.ally]\natmosfere = "
      "0.5\n");
  EXPECT_EQ(issues,
            (std::vector<std::string>{
                "x.toml:2:10: error: simulation.months: expected an integer, got \"long\"",
                "x.toml:4:12: error: founders.skill_sd: expected a value in [0.0, 1.0], got 2.0",
                "x.toml:6:1: error: levers.ally.atmosfere: unknown key (did you mean "
                "'atmosphere'?)"}));
}

TEST(ScenarioErrors, FailedValidationGivesNoScenario) {
  const auto load =
      load_scenario_text("[simulation]\nmonths = 0\n" + std::string(one_region), "x.toml");
  EXPECT_FALSE(load.scenario);
  EXPECT_EQ(load.issues.size(), 1u);
}

TEST(ScenarioExtends, ChainsInheritAndOverride) {
  const auto folder = scratch_folder();
  write_file(
      folder / "base" / "root.toml",
      "name = \"root\"\n[simulation]\nmonths = 60\nfounders = 100\n" + std::string(one_region));
  write_file(folder / "middle.toml",
             "extends = \"base/root.toml\"\n[simulation]\nmonths = 48\n[levers.ally]\nenabled = "
             "true\n");
  const auto top =
      write_file(folder / "top.toml", "extends = \"middle.toml\"\n[simulation]\nmonths = 36\n");
  const auto load = load_scenario(top);
  ASSERT_TRUE(load.scenario) << ::testing::PrintToString(formatted(load));
  const auto& p = load.scenario->parameters;
  EXPECT_EQ(load.scenario->name, "top");  // names are not inherited
  EXPECT_EQ(p.simulation.months, 36);
  EXPECT_EQ(p.simulation.founders, 100);
  EXPECT_TRUE(p.levers.ally.enabled);
  ASSERT_EQ(p.regions.size(), 1u);
  EXPECT_EQ(p.regions[0].name, "here");
}

TEST(ScenarioExtends, StatedRegionsReplaceTheParentsWholesale) {
  const auto folder = scratch_folder();
  write_file(folder / "base.toml",
             std::string(one_region) +
                 "[[region]]\nname = \"there\"\ncountry = \"estonia\"\npopulation = 5\n");
  const auto top = write_file(folder / "top.toml",
                              "extends = \"base.toml\"\n[[region]]\nname = \"only\"\ncountry = "
                              "\"x\"\npopulation = 5\n");
  const auto load = load_scenario(top);
  ASSERT_TRUE(load.scenario);
  ASSERT_EQ(load.scenario->parameters.regions.size(), 1u);
  EXPECT_EQ(load.scenario->parameters.regions[0].name, "only");
}

TEST(ScenarioExtends, CycleNamesTheChain) {
  const auto folder = scratch_folder();
  const auto a = write_file(folder / "a.toml", "extends = \"b.toml\"\n");
  const auto b = write_file(folder / "b.toml", "extends = \"a.toml\"\n");
  EXPECT_EQ(formatted(load_scenario(a)),
            std::vector<std::string>{b.string() + ":1:11: error: extends: cycle: " + a.string() +
                                     " -> " + b.string() + " -> " + a.string()});
  const auto self = write_file(folder / "self.toml", "extends = \"self.toml\"\n");
  EXPECT_EQ(formatted(load_scenario(self)),
            std::vector<std::string>{self.string() + ":1:11: error: extends: cycle: " +
                                     self.string() + " -> " + self.string()});
}

TEST(ScenarioExtends, MissingParentAndParentErrors) {
  const auto folder = scratch_folder();
  const auto top = write_file(folder / "top.toml", "extends = \"nope.toml\"\n");
  EXPECT_EQ(
      formatted(load_scenario(top)),
      std::vector<std::string>{top.string() + ":1:11: error: extends: cannot read '" +
                               (folder / "nope.toml").string() + "': No such file or directory"});
  const auto base = write_file(folder / "base.toml", "[simulation]\nmonths = -1\n");
  const auto child =
      write_file(folder / "child.toml",
                 "extends = \"base.toml\"\n[founders]\nskill_sd = 9.0\n" + std::string(one_region));
  EXPECT_EQ(formatted(load_scenario(child)),
            (std::vector<std::string>{
                child.string() +
                    ":3:12: error: founders.skill_sd: expected a value in [0.0, 1.0], got 9.0",
                base.string() +
                    ":2:10: error: simulation.months: expected a value in [1, 1200], got -1"}));
}

TEST(ScenarioPresets, ResolveBesideTheFileThatNamesThem) {
  const auto folder = scratch_folder();
  write_file(folder / "regions" / "north.toml",
             "description = \"two\"\n[[region]]\nname = \"n1\"\ncountry = \"c\"\n"
             "population = 2000\n[[region]]\nname = \"n2\"\ncountry = \"c\"\npopulation = 5\n");
  write_file(folder / "regions" / "south.toml",
             "description = \"one\"\n[[region]]\nname = \"s1\"\ncountry = \"d\"\npopulation = 5\n");
  const auto file = write_file(folder / "s.toml", "regions = [\"north\", \"south\"]\n");
  auto load = load_scenario(file);
  ASSERT_TRUE(load.scenario) << ::testing::PrintToString(formatted(load));
  const auto& regions = load.scenario->parameters.regions;
  ASSERT_EQ(regions.size(), 3u);
  EXPECT_EQ(regions[0].name, "n1");
  EXPECT_EQ(regions[0].population, 2000.0);
  EXPECT_EQ(regions[2].country, "d");

  // One region of a preset.
  write_file(folder / "one.toml", "regions = [\"north/n2\"]\n");
  load = load_scenario(folder / "one.toml");
  ASSERT_TRUE(load.scenario);
  ASSERT_EQ(load.scenario->parameters.regions.size(), 1u);
  EXPECT_EQ(load.scenario->parameters.regions[0].name, "n2");

  // A child in another folder inherits the regions its parent resolved.
  write_file(folder / "sub" / "child.toml", "extends = \"../s.toml\"\n");
  load = load_scenario(folder / "sub" / "child.toml");
  ASSERT_TRUE(load.scenario) << ::testing::PrintToString(formatted(load));
  EXPECT_EQ(load.scenario->parameters.regions.size(), 3u);
}

TEST(ScenarioPresets, BadPresetNameListsTheAvailableOnes) {
  const auto folder = scratch_folder();
  write_file(folder / "regions" / "latvia.toml",
             "[[region]]\nname = \"v\"\ncountry = \"lv\"\npopulation = 5\n");
  write_file(folder / "regions" / "estonia.toml",
             "[[region]]\nname = \"h\"\ncountry = \"ee\"\npopulation = 5\n");
  const auto file =
      write_file(folder / "s.toml", "regions = [\"latvai\", \"latvia/w\", \"../x\"]\n");
  const std::string where = (folder / "regions").string();
  EXPECT_EQ(formatted(load_scenario(file)),
            (std::vector<std::string>{
                file.string() +
                    ":1:12: error: regions[1]: unknown preset 'latvai' (did you mean "
                    "'latvia'?); available presets in " +
                    where + ": estonia, latvia",
                file.string() + ":1:22: error: regions[2]: preset 'latvia' has no region 'w' (did "
                                "you mean 'v'?); its regions: v",
                file.string() + ":1:34: error: regions[3]: expected \"PRESET\" or "
                                "\"PRESET/REGION\" (letters, digits, '_' and '-'), got \"../x\""}));
}

TEST(ScenarioPresets, ErrorsInsideAPresetNameThePresetFile) {
  const auto folder = scratch_folder();
  const auto preset =
      write_file(folder / "regions" / "p.toml", "descripton = \"x\"\n[[region]]\nname = \"v\"\n");
  const auto file = write_file(folder / "s.toml", "regions = [\"p\"]\n");
  EXPECT_EQ(
      formatted(load_scenario(file)),
      (std::vector<std::string>{
          preset.string() + ":1:1: error: descripton: unknown key (did you mean 'description'?)",
          preset.string() + ":2:1: error: region[1]: missing required field 'country'",
          preset.string() + ":2:1: error: region[1]: missing required field 'population'"}));
}

TEST(ScenarioFileAccess, DeniedAccessIsAnErrorNotACrash) {
  const auto issues = formatted(load_scenario_text(
      "extends = \"baseline.toml\"\nregions = [\"latvia\"]\n", "x.toml", {}, FileAccess::denied));
  EXPECT_EQ(issues,
            (std::vector<std::string>{
                "x.toml:1:11: error: extends: other scenarios cannot be read here (file access is "
                "disabled)",
                "x.toml:2:12: error: regions[1]: region presets cannot be read here (file access "
                "is disabled)"}));
}

TEST(ScenarioOverrides, TypedByTheTable) {
  const auto load = load_scenario_text(
      one_region, "x.toml",
      {"levers.one_roof.enabled=true", "simulation.founders=500", "funders.leader.scope=national",
       "advocates.ngo.funding=\"stable\"", "founders.skill_sd=0.2", "founders.awareness_mean=1",
       "regions.here.population=2500", "regions.here.has_len=true",
       "regions.here.country=estonia"});
  ASSERT_TRUE(load.scenario) << ::testing::PrintToString(formatted(load));
  const auto& p = load.scenario->parameters;
  EXPECT_TRUE(p.levers.one_roof.enabled);
  EXPECT_EQ(p.simulation.founders, 500);
  EXPECT_EQ(p.funders[index(FunderKind::leader)].scope, static_cast<Integer>(Scope::national));
  EXPECT_EQ(p.advocates[index(AdvocateKind::ngo)].funding,
            static_cast<Integer>(FundingMode::stable));
  EXPECT_EQ(p.founders.skill_sd, 0.2);
  EXPECT_EQ(p.founders.awareness_mean, 1.0);
  EXPECT_EQ(p.regions[0].population, 2500.0);
  EXPECT_TRUE(p.regions[0].has_len);
  EXPECT_EQ(p.regions[0].country, "estonia");
}

TEST(ScenarioOverrides, ApplyAfterExtendsAndTheFile) {
  const auto folder = scratch_folder();
  write_file(folder / "base.toml", "[simulation]\nmonths = 60\n" + std::string(one_region));
  const auto top =
      write_file(folder / "top.toml", "extends = \"base.toml\"\n[simulation]\nmonths = 48\n");
  const auto load = load_scenario(top, {"simulation.months=12"});
  ASSERT_TRUE(load.scenario);
  EXPECT_EQ(load.scenario->parameters.simulation.months, 12);
}

TEST(ScenarioOverrides, RegionGroupSharesOneGroupAtATime) {
  const auto load = load_scenario_text(
      one_region, "x.toml",
      {"regions.here.group_shares.youth=0.24", "regions.here.group_shares.mainstream=0.18"});
  ASSERT_TRUE(load.scenario) << ::testing::PrintToString(formatted(load));
  const Region& region = load.scenario->parameters.regions[0];
  EXPECT_TRUE(region.has_group_shares);
  EXPECT_EQ(region.group_shares[index(Group::youth)], 0.24);
  EXPECT_EQ(region.group_shares[index(Group::women)], 0.22);
}

TEST(ScenarioOverrides, ErrorsNameTheOverride) {
  EXPECT_EQ(only_issue("", {"levers.one_roof.enabld=true"}),
            "--set levers.one_roof.enabld=true: error: levers.one_roof.enabld: unknown parameter "
            "(did you mean 'levers.one_roof.enabled'?)");
  EXPECT_EQ(only_issue("", {"simulation.founders=many"}),
            "--set simulation.founders=many: error: simulation.founders: expected an integer, got "
            "'many'");
  EXPECT_EQ(only_issue("", {"simulation.founders=5.5"}),
            "--set simulation.founders=5.5: error: simulation.founders: expected an integer (no "
            "decimal point or exponent), got 5.5");
  EXPECT_EQ(only_issue("", {"levers.ally.enabled=yes"}),
            "--set levers.ally.enabled=yes: error: levers.ally.enabled: expected true or false, "
            "got 'yes'");
  EXPECT_EQ(only_issue("", {"funders.leader.scope=nationl"}),
            "--set funders.leader.scope=nationl: error: funders.leader.scope: expected \"local\" "
            "or \"national\", got \"nationl\" (did you mean 'national'?)");
  EXPECT_EQ(only_issue("", {"founders.skill_sd=1 \n x = 2"}),
            "--set founders.skill_sd=1 \n x = 2: error: founders.skill_sd: expected a real "
            "number, got '1 \n x = 2'");
  EXPECT_EQ(only_issue("", {"simulation.months"}),
            "--set simulation.months: error: expected PATH=VALUE");
  EXPECT_EQ(only_issue("", {"regions.hear.population=1"}),
            "--set regions.hear.population=1: error: regions.hear.population: unknown region "
            "'hear' (did you mean 'here'?); regions: here");
  EXPECT_EQ(only_issue("", {"regions.here.populaton=1"}),
            "--set regions.here.populaton=1: error: regions.here.populaton: unknown region field "
            "(did you mean 'population'?)");
  EXPECT_EQ(only_issue("", {"regions.here.population=-1"}),
            "--set regions.here.population=-1: error: regions.here.population: expected a value "
            "in [1, 100000000], got -1");
}

TEST(ScenarioResolved, RoundTripsToTheSameParameters) {
  const std::string text = std::string("name = \"rt\"\ndescription = \"quote \\\" and \\\\\"\n") +
                           "[founders]\nskill_sd = 0.123456789012345\n[levers.seed_funding]\n"
                           "enabled = true\nbudget_per_year = 1.2345678912345e9\n" +
                           one_region +
                           "population_source = \"office, table, 2024\"\nx_km = -12.5\n"
                           "[region.group_shares]\nyouth = 0.1\n"
                           "women = 0.2\nseniors = 0.1\nmigrants = 0.1\ndisabled = 0.1\n"
                           "single_parents = 0.1\nlong_term_unemployed = 0.1\nmainstream = 0.2\n";
  const auto first = load_scenario_text(text, "x.toml", {"advocates.ngo.funding=stable"});
  ASSERT_TRUE(first.scenario) << ::testing::PrintToString(formatted(first));
  const auto second = load_scenario_text(first.scenario->resolved_toml, "resolved.toml");
  ASSERT_TRUE(second.scenario) << ::testing::PrintToString(formatted(second)) << "\n"
                               << first.scenario->resolved_toml;
  EXPECT_EQ(second.scenario->name, "rt");
  EXPECT_EQ(second.scenario->description, first.scenario->description);
  testing::expect_same_parameters(first.scenario->parameters, second.scenario->parameters);
  EXPECT_EQ(second.scenario->resolved_toml, first.scenario->resolved_toml);
}

TEST(ScenarioIssueFormat, Shapes) {
  EXPECT_EQ(format_issue({"a.toml", 3, 7, "founders.skill_sd", "bad"}),
            "a.toml:3:7: error: founders.skill_sd: bad");
  EXPECT_EQ(format_issue({"a.toml", 0, 0, "", "cannot read file: x"}),
            "a.toml: error: cannot read file: x");
}

// Targeting lists: levers.<lever>.regions and .groups (docs/scenarios.md, "Targeting").
TEST(ScenarioTargeting, ListsLoadAndTheResolvedScenarioReadsBackToThem) {
  const auto load = load_scenario_text(
      "[levers.one_roof]\nregions = [\"here\"]\n[levers.seed_funding]\ngroups = [\"youth\", "
      "\"women\"]\n" +
          std::string(one_region),
      "x.toml");
  ASSERT_TRUE(load.scenario) << ::testing::PrintToString(formatted(load));
  const auto& targeting = load.scenario->parameters.targeting;
  EXPECT_EQ(targeting[index(Lever::one_roof)].regions, std::vector<std::string>{"here"});
  EXPECT_EQ(targeting[index(Lever::seed_funding)].groups,
            (std::vector<std::string>{"youth", "women"}));
  EXPECT_TRUE(targeting[index(Lever::ally)].regions.empty());
  const auto again = load_scenario_text(load.scenario->resolved_toml, "resolved.toml");
  ASSERT_TRUE(again.scenario) << ::testing::PrintToString(formatted(again));
  testing::expect_same_parameters(again.scenario->parameters, load.scenario->parameters);
}

TEST(ScenarioTargeting, UnknownRegionOrGroupIsNamedWithASuggestion) {
  EXPECT_EQ(only_issue("[levers.one_roof]\nregions = [\"hre\"]\n"),
            "x.toml:2:11: error: levers.one_roof.regions: unknown region 'hre' (did you mean "
            "'here'?); regions: here");
  EXPECT_EQ(only_issue("[levers.open_schemes]\ngroups = [\"yuoth\"]\n"),
            "x.toml:2:10: error: levers.open_schemes.groups: unknown group 'yuoth' (did you mean "
            "'youth'?); groups: youth, women, seniors, migrants, disabled, single_parents, "
            "long_term_unemployed, mainstream");
}

TEST(ScenarioTargeting, GroupsOnlyWhereTheLeverTakesThemAndNoEmptyOrRepeatedNames) {
  EXPECT_EQ(only_issue("[levers.ally]\ngroups = [\"youth\"]\n"),
            "x.toml:2:10: error: levers.ally.groups: ally acts for everyone in the regions it "
            "targets; groups = [...] applies to open_schemes, seed_funding");
  EXPECT_EQ(only_issue("[levers.ally]\nregions = []\n"),
            "x.toml:2:11: error: levers.ally.regions: an empty list targets nothing; leave the "
            "key out to act everywhere");
  EXPECT_EQ(only_issue("[levers.ally]\nregions = [\"here\", \"here\"]\n"),
            "x.toml:2:11: error: levers.ally.regions: 'here' is listed twice");
  EXPECT_EQ(only_issue("[levers.ally]\nregions = \"here\"\n"),
            "x.toml:2:11: error: levers.ally.regions: expected a list of names, got \"here\"");
}

TEST(ScenarioTargeting, SetTakesAListOrOneBareName) {
  const auto load = load_scenario_text(one_region, "x.toml", {"levers.one_roof.regions=here"});
  ASSERT_TRUE(load.scenario) << ::testing::PrintToString(formatted(load));
  EXPECT_EQ(load.scenario->parameters.targeting[index(Lever::one_roof)].regions,
            std::vector<std::string>{"here"});
  EXPECT_EQ(only_issue("", {"levers.one_roof.regions=[\"there\"]"}),
            "--set levers.one_roof.regions=[\"there\"]: error: levers.one_roof.regions: unknown "
            "region 'there' (did you mean 'here'?); regions: here");
}

// Dates: simulation.start = "YYYY-MM"; month parameters take a month number or a date.
TEST(ScenarioDates, LeverCalendarsAndCallMonthsTakeDatesFromTheStart) {
  const auto load = load_scenario_text(
      "[simulation]\nstart = \"2026-01\"\n[levers.one_roof]\nenabled = true\n"
      "start_month = \"2028-01\"\nend_month = \"2030-07\"\n[funders.leader]\n"
      "call_month = \"2027-03\"\n" +
          std::string(one_region),
      "x.toml", {"levers.seed_funding.start_month=2026-09"});
  ASSERT_TRUE(load.scenario) << ::testing::PrintToString(formatted(load));
  const ModelParameters& p = load.scenario->parameters;
  EXPECT_EQ(p.start, 2026 * 12);
  EXPECT_EQ(p.levers.one_roof.start_month, 24);
  EXPECT_EQ(p.levers.one_roof.end_month, 54);
  EXPECT_EQ(p.levers.seed_funding.start_month, 8);
  EXPECT_EQ(p.funders[index(FunderKind::leader)].call_month, 2);  // March
  const auto again = load_scenario_text(load.scenario->resolved_toml, "resolved.toml");
  ASSERT_TRUE(again.scenario) << ::testing::PrintToString(formatted(again));
  testing::expect_same_parameters(again.scenario->parameters, p);
}

TEST(ScenarioDates, ADateNeedsAStartAndMayNotPrecedeIt) {
  EXPECT_EQ(only_issue("[levers.ally]\nstart_month = \"2028-01\"\n"),
            "x.toml:2:15: error: levers.ally.start_month: the date 2028-01 needs simulation.start "
            "(e.g. start = \"2026-01\" in [simulation]), or state a month number");
  EXPECT_EQ(only_issue("[simulation]\nstart = \"2026-01\"\n[levers.ally]\nstart_month = "
                       "\"2025-12\"\n"),
            "x.toml:4:15: error: levers.ally.start_month: 2025-12 is before simulation.start "
            "2026-01");
  EXPECT_EQ(only_issue("[simulation]\nstart = \"2026-13\"\n"),
            "x.toml:2:9: error: simulation.start: expected a date \"YYYY-MM\" (e.g. \"2026-01\"), "
            "got \"2026-13\"");
  EXPECT_EQ(only_issue("[levers.ally]\nstart_month = \"soon\"\n"),
            "x.toml:2:15: error: levers.ally.start_month: expected a month number or a date "
            "\"YYYY-MM\" (e.g. \"2026-01\"), got \"soon\"");
}

}  // namespace
}  // namespace kopa
