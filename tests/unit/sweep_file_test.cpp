// Sweep files: validation messages (place, key, wording), design points as scenarios, common
// random numbers, and every shipped sweep file.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "scenario/scenario.hpp"
#include "sweep/sweep_file.hpp"

namespace kopa::sweep {
namespace {

namespace fs = std::filesystem;

const fs::path scenarios = fs::path(KOPA_SOURCE_DIR) / "scenarios";
// The label anchors `base`: these sweeps sit beside the shipped scenarios.
const fs::path label = scenarios / "test_sweep.toml";

const std::string head = R"([sweep]
base = "seed_funding.toml"
replicates = 2
)";

std::vector<std::string> errors(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& issue : load_sweep_text(text, label).issues) out.push_back(format_issue(issue));
  return out;
}

std::string at(int line, int column, const std::string& rest) {
  return label.string() + ":" + std::to_string(line) + ":" + std::to_string(column) +
         ": error: " + rest;
}

TEST(SweepFile, GridPointsAreBasePlusSetPlusFactors) {
  const auto load = load_sweep_text(head + R"(design = "grid"
[sweep.set]
"simulation.founders" = 300
[[factor]]
path = "levers.seed_funding.start_month"
values = [0, 12, 24]
[[factor]]
path = "levers.seed_funding.grant_max"
min = 8000.0
max = 16000.0
levels = 3
)",
                                    label);
  ASSERT_TRUE(load.sweep) << format_issue(load.issues.front());
  const Sweep& s = *load.sweep;
  ASSERT_EQ(s.point_count(), 9u);
  EXPECT_EQ(point_overrides(s, 5),
            (std::vector<std::string>{"levers.seed_funding.start_month=12",
                                      "levers.seed_funding.grant_max=16000.0"}));
  const ScenarioLoad base =
      load_scenario(scenarios / "seed_funding.toml", {"simulation.founders=300"});
  ASSERT_TRUE(base.scenario);
  for (std::size_t p = 0; p < s.point_count(); ++p) {
    std::vector<std::string> overrides{"simulation.founders=300"};
    for (const auto& o : point_overrides(s, p)) overrides.push_back(o);
    const ScenarioLoad direct = load_scenario(scenarios / "seed_funding.toml", overrides);
    ASSERT_TRUE(direct.scenario);
    EXPECT_EQ(write_resolved_toml("x", "", s.points[p]),
              write_resolved_toml("x", "", direct.scenario->parameters))
        << "point " << p;
  }
  // Common random numbers: every point runs with the base scenario's seed.
  EXPECT_EQ(s.base_seed, static_cast<std::uint64_t>(base.scenario->parameters.simulation.seed));
  for (const auto& point : s.points) EXPECT_EQ(point.simulation.seed, s.base_seed);
}

TEST(SweepFile, IntegerRangesAreRoundedAndIntegerListsMustBeWhole) {
  const auto load = load_sweep_text(head + R"(design = "lhs"
samples = 7
[[factor]]
path = "levers.seed_funding.start_month"
min = 0
max = 30
)",
                                    label);
  ASSERT_TRUE(load.sweep);
  for (const auto& point : load.sweep->design.points) EXPECT_EQ(point[0], std::round(point[0]));
  EXPECT_EQ(errors(head + R"(design = "grid"
[[factor]]
path = "levers.seed_funding.start_month"
values = [0, 1.5]
)"),
            std::vector<std::string>{at(7, 14,
                                        "factor[1].values: expected an integer (no decimal "
                                        "point or exponent), got 1.5")});
}

TEST(SweepFile, ReportsEveryProblemWithItsPlace) {
  const auto found = errors(R"([sweep]
base = "seed_funding.toml"
replicates = 2
design = "grid"
samples = 4
colour = "red"
[[factor]]
path = "levers.seed_funding.budget_per_yaer"
values = [1.0]
[[factor]]
path = "levers.seed_funding.grant_max"
values = []
)");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0], at(5, 11, "sweep.samples: not used by a grid design; it takes: none"));
  EXPECT_EQ(found[1], at(6, 10,
                         "sweep.colour: unknown key; expected one of base, replicates, design, "
                         "samples, trajectories, levels, seed, set"));
  // Factor paths are checked once the base scenario loads: a later stage.
  EXPECT_TRUE(errors(head + R"(design = "grid"
[[factor]]
path = "levers.seed_funding.budget_per_yaer"
values = [1.0]
)")[0]
                  .find("factor[1].path: unknown parameter (did you mean "
                        "'levers.seed_funding.budget_per_year'?)") != std::string::npos);
  EXPECT_EQ(found[2], at(12, 10, "factor[2].values: is empty; give at least one value"));
}

TEST(SweepFile, UnknownDesignAndRangesOutsideTheParameter) {
  EXPECT_EQ(errors(head + "design = \"lsh\"\n[[factor]]\npath = \"x\"\nvalues = [1]\n"),
            std::vector<std::string>{at(4, 10,
                                        "sweep.design: unknown design 'lsh' (did you mean "
                                        "'lhs'?); expected one of grid, lhs, sobol, morris")});
  const auto found = errors(head + R"(design = "lhs"
samples = 8
[[factor]]
path = "levers.seed_funding.inclusion_weight"
min = -0.5
max = 2.0
)");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], at(8, 7,
                         "factor[1].min: min -0.5 is outside the parameter's allowed range "
                         "[0.0, 1.0]"));
  EXPECT_EQ(found[1], at(9, 7,
                         "factor[1].max: max 2 is outside the parameter's allowed range "
                         "[0.0, 1.0]"));
}

TEST(SweepFile, MissingDesignKeysAndBadBase) {
  EXPECT_EQ(errors(head + "design = \"morris\"\n[[factor]]\npath = \"x\"\nvalues = [1]\n"),
            std::vector<std::string>{
                at(1, 1, "sweep.trajectories: missing: a morris design needs trajectories")});
  const auto bad_base = errors(R"([sweep]
base = "no_such.toml"
replicates = 1
design = "grid"
[[factor]]
path = "levers.seed_funding.start_month"
values = [0]
)");
  ASSERT_EQ(bad_base.size(), 1u);
  EXPECT_NE(bad_base[0].find("no_such.toml: error: cannot read file"), std::string::npos);
  // A bad sweep.set value is reported at its place in the sweep file.
  const auto bad_set = errors(head + R"(design = "grid"
[sweep.set]
"simulation.founders" = -4
[[factor]]
path = "levers.seed_funding.start_month"
values = [0]
)");
  ASSERT_EQ(bad_set.size(), 1u);
  EXPECT_EQ(bad_set[0].rfind(at(6, 25, "sweep.set.simulation.founders: "), 0), 0u) << bad_set[0];
}

TEST(SweepFile, AnInvalidPointIsAnErrorBeforeAnythingRuns) {
  // grant_min above grant_max at some points: the scenario's cross-field rule applies.
  const auto found = errors(head + R"(design = "grid"
[[factor]]
path = "levers.seed_funding.grant_min"
values = [1000.0, 9000.0]
)");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("point 1: (levers.seed_funding.grant_min=9000.0) is not a valid "
                          "scenario"),
            std::string::npos)
      << found[0];
}

TEST(SweepFile, MonthsAndSeedCannotBeFactors) {
  const auto found = errors(head + R"(design = "grid"
[[factor]]
path = "simulation.seed"
values = [1, 2]
)");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].find("cannot be a factor"), std::string::npos);
}

// The command line's --base and --set act on the base as kopa run's on its scenarios: after
// sweep.set, qualified ones only for a name the base answers to, never on a factor's path.
const std::string founders_sweep = head + R"(design = "grid"
[sweep.set]
"simulation.founders" = 300
[[factor]]
path = "levers.seed_funding.grant_max"
values = [8000.0, 16000.0]
)";

SweepLoad load_with(std::vector<std::string> overrides,
                    std::optional<ScenarioArgument> base = std::nullopt) {
  SweepLoadOptions options;
  options.overrides = std::move(overrides);
  options.base = std::move(base);
  return load_sweep_text(founders_sweep, label, options);
}

TEST(SweepFile, CommandLineSetComesAfterSweepSetAndReachesEveryPoint) {
  const auto load = load_with({"simulation.founders=400", "seed_funding:simulation.months=24",
                               "other:simulation.months=36"});
  ASSERT_FALSE(load.sweep) << "a qualifier no scenario answers to is an error";
  ASSERT_EQ(load.issues.size(), 1u);
  EXPECT_NE(format_issue(load.issues[0]).find("no scenario is named 'other'"), std::string::npos)
      << format_issue(load.issues[0]);

  const auto good = load_with({"simulation.founders=400", "seed_funding:simulation.months=24"});
  ASSERT_TRUE(good.sweep) << format_issue(good.issues.front());
  EXPECT_EQ(good.sweep->base.parameters.simulation.founders, 400);
  EXPECT_EQ(good.sweep->base.parameters.simulation.months, 24);
  for (const auto& point : good.sweep->points) {
    EXPECT_EQ(point.simulation.founders, 400);
    EXPECT_EQ(point.simulation.months, 24);
  }
}

TEST(SweepFile, CommandLineBaseTakesItsNameAndItsQualifiedSets) {
  const auto load =
      load_with({"what_if:levers.one_roof.enabled=true", "seed_funding:simulation.months=24"},
                parse_scenario_argument("what_if=" + (scenarios / "baseline.toml").string()));
  ASSERT_FALSE(load.sweep);
  ASSERT_EQ(load.issues.size(), 1u) << "the base is baseline.toml, named what_if";
  EXPECT_NE(format_issue(load.issues[0]).find("no scenario is named 'seed_funding'"),
            std::string::npos);

  const auto good =
      load_with({"what_if:levers.one_roof.enabled=true"},
                parse_scenario_argument("what_if=" + (scenarios / "baseline.toml").string()));
  ASSERT_TRUE(good.sweep) << format_issue(good.issues.front());
  EXPECT_EQ(good.sweep->base.name, "what_if");
  EXPECT_TRUE(good.sweep->base.parameters.levers.one_roof.enabled);
  EXPECT_FALSE(good.sweep->base.parameters.levers.seed_funding.enabled)
      << "baseline.toml, not the file's seed_funding.toml";
  EXPECT_EQ(good.sweep->base.parameters.simulation.founders, 300) << "sweep.set still applies";
}

TEST(SweepFile, CommandLineSetOnAFactorIsRefused) {
  const auto load = load_with({"levers.seed_funding.grant_max=9000.0"});
  ASSERT_FALSE(load.sweep);
  ASSERT_EQ(load.issues.size(), 1u);
  EXPECT_EQ(format_issue(load.issues[0]),
            "--set levers.seed_funding.grant_max=9000.0: error: "
            "'levers.seed_funding.grant_max' is factor[1] of the sweep, which sets it at every "
            "point; drop the --set or the factor");
}

TEST(SweepFile, ShippedSweepsValidate) {
  std::size_t count = 0;
  for (const auto& entry : fs::directory_iterator(scenarios / "sweeps")) {
    if (entry.path().extension() != ".toml") continue;
    ++count;
    const auto load = load_sweep(entry.path());
    EXPECT_TRUE(load.sweep) << entry.path() << ": "
                            << (load.issues.empty() ? "" : format_issue(load.issues.front()));
  }
  EXPECT_GE(count, 2u);
}

}  // namespace
}  // namespace kopa::sweep
