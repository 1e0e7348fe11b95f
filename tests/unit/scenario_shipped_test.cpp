// The shipped scenarios, the region presets, the validate and describe commands, and the ODD's
// generated parameter section.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/exit_code.hpp"
#include "cli_outcome.hpp"
#include "model/model.hpp"
#include "model/resolution.hpp"
#include "scenario/scenario.hpp"
#include "scenario_test_support.hpp"

namespace kopa {
namespace {

namespace fs = std::filesystem;
using testing::formatted;

const fs::path shipped = fs::path(KOPA_SOURCE_DIR) / "scenarios";

std::vector<fs::path> toml_files(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

ScenarioLoad load_shipped(const std::string& name) {
  return load_scenario(shipped / (name + ".toml"));
}

TEST(ShippedScenarios, EveryOneValidates) {
  const auto files = toml_files(shipped);
  EXPECT_GE(files.size(), 12u);
  for (const auto& file : files) {
    const auto load = load_scenario(file);
    EXPECT_TRUE(load.scenario) << file << "\n" << ::testing::PrintToString(formatted(load));
    if (load.scenario) {
      EXPECT_EQ(load.scenario->name, file.stem().string());
      EXPECT_FALSE(load.scenario->description.empty()) << file;
      EXPECT_TRUE(read(file).starts_with("# ")) << file << ": starts with a comment header";
    }
  }
}

TEST(ShippedScenarios, ResolvedTomlRoundTrips) {
  for (const auto& file : toml_files(shipped)) {
    const auto first = load_scenario(file);
    ASSERT_TRUE(first.scenario) << file;
    const auto second =
        load_scenario_text(first.scenario->resolved_toml, "resolved.toml", {}, FileAccess::denied);
    ASSERT_TRUE(second.scenario) << file << ::testing::PrintToString(formatted(second));
    testing::expect_same_parameters(first.scenario->parameters, second.scenario->parameters);
  }
}

TEST(ShippedScenarios, BaselineHasTheSixPresetsAndNoLever) {
  const auto load = load_shipped("baseline");
  ASSERT_TRUE(load.scenario);
  const auto& p = load.scenario->parameters;
  std::vector<std::string> countries;
  for (const auto& region : p.regions) countries.push_back(region.country);
  std::sort(countries.begin(), countries.end());
  countries.erase(std::unique(countries.begin(), countries.end()), countries.end());
  EXPECT_EQ(countries, (std::vector<std::string>{"denmark", "estonia", "germany", "latvia",
                                                 "lithuania", "sweden"}));
  for (std::size_t l = 0; l < lever_count; ++l) {
    EXPECT_FALSE(p.levers.calendar(static_cast<Lever>(l)).enabled) << lever_names[l];
  }
}

TEST(ShippedScenarios, EachLeverScenarioSwitchesOnExactlyItsLever) {
  for (std::size_t l = 0; l < lever_count; ++l) {
    const auto load = load_shipped(std::string(lever_names[l]));
    ASSERT_TRUE(load.scenario) << lever_names[l];
    for (std::size_t other = 0; other < lever_count; ++other) {
      EXPECT_EQ(load.scenario->parameters.levers.calendar(static_cast<Lever>(other)).enabled,
                other == l)
          << lever_names[l] << " / " << lever_names[other];
    }
  }
}

TEST(ShippedScenarios, CombinedHasTheEightRecommendationsButNotStableFunding) {
  const auto load = load_shipped("combined");
  ASSERT_TRUE(load.scenario);
  for (std::size_t l = 0; l < lever_count; ++l) {
    const auto lever = static_cast<Lever>(l);
    EXPECT_EQ(load.scenario->parameters.levers.calendar(lever).enabled,
              lever != Lever::stable_funding)
        << lever_names[l];
  }
}

TEST(ShippedScenarios, SempreAcceleratorsIsEightTeamsForThirtySixMonths) {
  const auto load = load_shipped("sempre_accelerators");
  ASSERT_TRUE(load.scenario);
  const auto& p = load.scenario->parameters;
  EXPECT_EQ(p.simulation.founders, 8);
  EXPECT_EQ(p.simulation.months, 36);
  EXPECT_EQ(p.founders.initial_micro_project_share, 1.0);
  EXPECT_EQ(p.groups[index(Group::mainstream)].share, 0.0);
  const auto& team = p.advocates[index(AdvocateKind::accelerator_team)];
  EXPECT_EQ(team.per_region, 1);
  EXPECT_EQ(team.capacity, 1);
  EXPECT_EQ(team.project_end_month, 36);
  ASSERT_EQ(p.regions.size(), 8u);
  std::map<std::string, int> per_country;
  for (const auto& region : p.regions) {
    EXPECT_EQ(region.population, 1.0) << region.name;  // one team, one agent
    ++per_country[region.country];
  }
  EXPECT_EQ(per_country, (std::map<std::string, int>{{"denmark", 1},
                                                     {"estonia", 1},
                                                     {"germany", 2},
                                                     {"latvia", 2},
                                                     {"lithuania", 1},
                                                     {"sweden", 1}}));
}

// sempre_accelerators copies its regions from the presets (with population 1, one team): they
// must not drift.
TEST(ShippedScenarios, SempreRegionsAreThePresetsRegions) {
  const auto sempre = load_shipped("sempre_accelerators");
  const auto baseline = load_shipped("baseline");
  ASSERT_TRUE(sempre.scenario && baseline.scenario);
  for (const Region& region : sempre.scenario->parameters.regions) {
    const auto& presets = baseline.scenario->parameters.regions;
    const auto at = std::find_if(presets.begin(), presets.end(),
                                 [&](const Region& r) { return r.name == region.name; });
    ASSERT_NE(at, presets.end()) << region.name << " is in no preset";
    Region expected = *at;
    expected.population = 1.0;
    expected.population_source = region.population_source;
    testing::expect_same_region(region, expected);
  }
}

TEST(RegionPresets, EachHasADescriptionAndRegionsOfItsCountry) {
  const auto files = toml_files(shipped / "regions");
  EXPECT_EQ(files.size(), 7u);
  for (const auto& file : files) {
    const std::string preset = file.stem().string();
    const std::string country = preset.substr(0, preset.find('_'));  // latvia_planning: latvia
    const auto load =
        load_scenario_text("regions = [\"" + preset + "\"]\n", (shipped / "probe.toml").string());
    ASSERT_TRUE(load.scenario) << ::testing::PrintToString(formatted(load));
    EXPECT_NE(read(file).find("\ndescription = "), std::string::npos) << file;
    EXPECT_NE(read(file).find("ASSUMPTION"), std::string::npos) << file;
    for (const auto& region : load.scenario->parameters.regions) {
      EXPECT_EQ(region.country, country) << region.name;
    }
  }
}

// scenarios/examples/: the ministry memo of issue 15 is one short file over a Latvian baseline.
TEST(ShippedExamples, LatgaleMemoTargetsLatgaleFrom2028OverTheLatvianBaseline) {
  for (const auto& file : toml_files(shipped / "examples")) {
    const auto load = load_scenario(file);
    ASSERT_TRUE(load.scenario) << file << ::testing::PrintToString(formatted(load));
    EXPECT_TRUE(read(file).starts_with("# ")) << file;
    const auto again =
        load_scenario_text(load.scenario->resolved_toml, "resolved.toml", {}, FileAccess::denied);
    ASSERT_TRUE(again.scenario) << file << ::testing::PrintToString(formatted(again));
    testing::expect_same_parameters(load.scenario->parameters, again.scenario->parameters);
  }
  const auto memo = load_scenario(shipped / "examples" / "latgale_2028.toml");
  ASSERT_TRUE(memo.scenario);
  const ModelParameters& p = memo.scenario->parameters;
  std::vector<std::string> names;
  for (const auto& region : p.regions) names.push_back(region.name);
  EXPECT_EQ(names, (std::vector<std::string>{"kurzeme", "zemgale", "vidzeme", "latgale"}));
  EXPECT_EQ(p.start, 2026 * 12);
  EXPECT_EQ(p.levers.one_roof.start_month, 24);  // 2028-01
  EXPECT_EQ(p.targeting[index(Lever::one_roof)].regions, std::vector<std::string>{"latgale"});
  EXPECT_EQ(p.levers.seed_funding.budget_per_year,
            2.0 * parameter_table().find("levers.seed_funding.budget_per_year")->default_value);
  // The memo runs at a sound agent count: its regional effects do not depend on the agent count.
  EXPECT_EQ(resolution_warning("latgale_2028", Model(p)), "");
}

TEST(RegionPresets, SwedenInlandIsRemoterAndUnsupported) {
  const auto load =
      load_scenario_text("regions = [\"sweden\"]\n", (shipped / "probe.toml").string());
  ASSERT_TRUE(load.scenario);
  const auto& regions = load.scenario->parameters.regions;
  ASSERT_EQ(regions.size(), 2u);
  const Region& coast = regions[0].name == "norrland_coast" ? regions[0] : regions[1];
  const Region& inland = regions[0].name == "norrland_coast" ? regions[1] : regions[0];
  EXPECT_GT(inland.remoteness_minutes, coast.remoteness_minutes);
  EXPECT_FALSE(inland.has_incubator);
  EXPECT_TRUE(coast.has_incubator);
}

using testing::kopa;

TEST(ValidateCommand, OkFilesPrintOkAndExitZero) {
  const auto file = (shipped / "baseline.toml").string();
  const auto result = kopa({"validate", file, (shipped / "one_roof.toml").string()});
  EXPECT_EQ(result.code, exit_ok);
  EXPECT_EQ(result.out, file + ": ok\n" + (shipped / "one_roof.toml").string() + ": ok\n");
  EXPECT_EQ(result.err, "");
}

TEST(ValidateCommand, ErrorsGoToStderrAndExitTwo) {
  const auto folder = testing::scratch_folder();
  const auto bad = testing::write_file(
      folder / "bad.toml", "[simulation]\nmonths = 0\n" + std::string(testing::one_region));
  const auto good = (shipped / "baseline.toml").string();
  const auto result = kopa({"validate", good, bad.string()});
  EXPECT_EQ(result.code, exit_bad_input);
  EXPECT_EQ(result.out, good + ": ok\n");
  EXPECT_EQ(result.err, bad.string() +
                            ":2:10: error: simulation.months: expected a value in [1, 1200], "
                            "got 0\n");
}

TEST(ValidateCommand, SetOverridesAreCheckedToo) {
  const auto file = (shipped / "baseline.toml").string();
  EXPECT_EQ(kopa({"validate", file, "--set", "levers.one_roof.enabled=true", "--set",
                  "regions.cesis.population=30000"})
                .code,
            exit_ok);
  const auto result = kopa({"validate", file, "--set", "levers.x.y=1"});
  EXPECT_EQ(result.code, exit_bad_input);
  EXPECT_EQ(result.err, "--set levers.x.y=1: error: levers.x.y: unknown parameter\n");
}

TEST(ValidateCommand, NoFileIsAUsageError) {
  const auto result = kopa({"validate"});
  EXPECT_EQ(result.code, exit_bad_input);
  EXPECT_TRUE(result.err.starts_with("kopa validate: no scenario file given\n")) << result.err;
}

TEST(DescribeCommand, ListsParametersUnderAPrefix) {
  const auto result = kopa({"describe", "levers.seed_funding"});
  EXPECT_EQ(result.code, exit_ok);
  EXPECT_NE(result.out.find("levers.seed_funding.budget_per_year"), std::string::npos);
  EXPECT_NE(result.out.find("EUR/year"), std::string::npos);
  EXPECT_EQ(result.out.find("levers.one_roof"), std::string::npos);
  EXPECT_EQ(result.out.find("[[region]]"), std::string::npos);
}

TEST(DescribeCommand, AllParametersAndRegionFields) {
  const auto result = kopa({"describe"});
  EXPECT_EQ(result.code, exit_ok);
  for (const auto& spec : parameter_table().specs()) {
    EXPECT_NE(result.out.find(spec.path + " "), std::string::npos) << spec.path;
  }
  EXPECT_NE(result.out.find("remoteness_minutes"), std::string::npos);
}

TEST(DescribeCommand, JsonHasEveryParameterWithItsSource) {
  const auto result = kopa({"describe", "--format", "json"});
  EXPECT_EQ(result.code, exit_ok);
  EXPECT_TRUE(result.out.starts_with("{\n  \"parameters\": [")) << result.out.substr(0, 40);
  EXPECT_NE(result.out.find("{\"path\": \"funders.leader.scope\", \"type\": \"choice\", "
                            "\"default\": \"local\", \"choices\": [\"local\", \"national\"]"),
            std::string::npos);
  EXPECT_NE(result.out.find("\"region_fields\": [\n    {\"name\": \"name\""), std::string::npos);
  std::size_t count = 0;
  for (auto at = result.out.find("\"path\": "); at != std::string::npos;
       at = result.out.find("\"path\": ", at + 1)) {
    ++count;
  }
  EXPECT_EQ(count, parameter_table().specs().size());
}

TEST(DescribeCommand, UnknownPrefixSuggestsAndExitsTwo) {
  const auto result = kopa({"describe", "levers.seed_fundng"});
  EXPECT_EQ(result.code, exit_bad_input);
  EXPECT_EQ(result.err,
            "kopa describe: unknown parameter or prefix 'levers.seed_fundng' (did you mean "
            "'levers.seed_funding'?); see 'kopa describe' for all\n");
  EXPECT_EQ(kopa({"describe", "levers.seed"}).code, exit_bad_input);  // prefixes end at dots
  EXPECT_EQ(kopa({"describe", "--format", "yaml"}).code, exit_bad_input);
}

TEST(OddParameters, SectionEqualsDescribeMarkdown) {
  const std::string odd = read(fs::path(KOPA_SOURCE_DIR) / "docs" / "ODD.md");
  const std::string begin = "<!-- parameters:begin -->\n";
  const std::string end = "<!-- parameters:end -->";
  const auto from = odd.find(begin);
  const auto to = odd.find(end);
  ASSERT_NE(from, std::string::npos);
  ASSERT_NE(to, std::string::npos);
  const std::string section = odd.substr(from + begin.size(), to - from - begin.size());
  const auto result = kopa({"describe", "--format", "markdown"});
  ASSERT_EQ(result.code, exit_ok);
  EXPECT_TRUE(section == result.out)
      << "docs/ODD.md's parameter section differs from `kopa describe --format markdown`; run "
         "scripts/update-odd-parameters.sh";
}

}  // namespace
}  // namespace kopa
