// kopa serve's API without HTTP: the parameter table's workshop ranges, what-if requests in and
// JSON out, every class of bad request with its message, and a what-if equal, number for
// number, to the same scenarios run and compared on the command line.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iomanip>

#include "cli_outcome.hpp"
#include "model/population.hpp"
#include "model/resolution.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/scenario.hpp"
#include "serve/json_reader.hpp"
#include "serve/whatif_run.hpp"
#include "serve/workshop_api.hpp"
#include "test_folder.hpp"

namespace kopa {
namespace {

using report::Json;
using testing::kopa;
using testing::scenarios_folder;

serve::ScenarioLibrary shipped_library() {
  auto library = serve::ScenarioLibrary::load(scenarios_folder());
  EXPECT_TRUE(library) << (library ? "" : library.error().message);
  return std::move(*library);
}

Json parsed(const std::string& text) {
  auto json = serve::read_json(text);
  EXPECT_TRUE(json) << (json ? "" : json.error().message) << "\n" << text.substr(0, 300);
  return json ? *json : Json();
}

// A small what-if body: 300 founders over 24 months, so each test stays well under a second.
std::string small_body(const std::string& set, int replicates = 3) {
  return R"({"base": "baseline", "replicates": )" + std::to_string(replicates) +
         R"(, "set": {"simulation.founders": 300, "simulation.months": 24)" +
         (set.empty() ? "" : ", " + set) + "}}";
}

TEST(WorkshopRanges, EveryParameterHasASliderInsideItsValidationRangeThatHoldsItsDefault) {
  int featured = 0;
  for (const ParameterSpec& spec : parameter_table().specs()) {
    const WorkshopRange& w = spec.workshop;
    SCOPED_TRACE(spec.path);
    EXPECT_GT(w.step, 0.0);
    EXPECT_LT(w.min, w.max);
    EXPECT_GE(w.min, spec.min);
    EXPECT_LE(w.max, spec.max);
    EXPECT_GE(spec.default_value, w.min);
    EXPECT_LE(spec.default_value, w.max);
    // A slider snaps to min + k * step: the default must be one of its positions.
    const double steps = (spec.default_value - w.min) / w.step;
    EXPECT_NEAR(steps, std::round(steps), 1e-6);
    if (spec.type == ParameterType::integer) {
      EXPECT_EQ(w.step, std::round(w.step));
    }
    featured += w.featured ? 1 : 0;
  }
  // Every lever's switch, and sizes that a room can move without reaching absurd values.
  for (std::string_view lever : lever_names) {
    EXPECT_TRUE(
        parameter_table().find("levers." + std::string(lever) + ".enabled")->workshop.featured);
  }
  EXPECT_GT(featured, static_cast<int>(lever_names.size()));
  const ParameterSpec& budget = *parameter_table().find("levers.seed_funding.budget_per_year");
  EXPECT_TRUE(budget.workshop.featured);
  EXPECT_LT(budget.workshop.max, budget.max / 1000);
}

// `kopa describe`, GET /api/parameters and docs/ODD.md print the bounds as they are: every
// bound and step reads back from six significant digits (no 1.6840000000000002), and every
// derived top is a whole number of steps above the bottom, so the slider reaches it.
TEST(WorkshopRanges, EveryBoundIsACleanNumberOnItsSteps) {
  auto clean = [](double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value);
    return std::strtod(text, nullptr) == value;
  };
  for (const ParameterSpec& spec : parameter_table().specs()) {
    const WorkshopRange& w = spec.workshop;
    SCOPED_TRACE(spec.path);
    EXPECT_TRUE(clean(w.min)) << std::setprecision(17) << w.min;
    EXPECT_TRUE(clean(w.max)) << std::setprecision(17) << w.max;
    EXPECT_TRUE(clean(w.step)) << std::setprecision(17) << w.step;
    const double steps = (w.max - w.min) / w.step;
    // The top is either on a step or the default itself (a default above the derived top).
    if (w.max != spec.default_value) {
      EXPECT_NEAR(steps, std::round(steps), 1e-9 * std::max(1.0, steps));
    }
  }
}

TEST(WorkshopRanges, DescribeShowsThemInEveryFormat) {
  const auto table = kopa({"describe", "levers.seed_funding.budget_per_year"});
  ASSERT_EQ(table.code, 0) << table.err;
  EXPECT_NE(table.out.find("workshop"), std::string::npos);
  EXPECT_NE(table.out.find("0 to 1000000 by 10000 *"), std::string::npos) << table.out;
  const auto json = kopa({"describe", "levers.seed_funding", "--format", "json"});
  const Json described = parsed(json.out);
  const Json& first = described.find("parameters")->items().front();
  ASSERT_NE(first.find("workshop"), nullptr);
  const ParameterSpec& spec = *parameter_table().find(first.find("path")->text());
  EXPECT_EQ(first.find("workshop")->find("max")->number(), spec.workshop.max);
  const auto markdown = kopa({"describe", "simulation", "--format", "markdown"});
  EXPECT_NE(markdown.out.find("| workshop |"), std::string::npos);
}

TEST(WorkshopApi, ParametersCarryTheTableAndItsSliders) {
  serve::WorkshopApi api(shipped_library(), {}, 1);
  const serve::ApiResponse response = api.parameters();
  EXPECT_EQ(response.status, 200);
  const Json body = parsed(response.body);
  const auto& items = body.find("parameters")->items();
  ASSERT_EQ(items.size(), parameter_table().specs().size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const ParameterSpec& spec = parameter_table().specs()[i];
    EXPECT_EQ(items[i].find("path")->text(), spec.path);
    EXPECT_EQ(items[i].find("workshop")->find("step")->number(), spec.workshop.step);
    EXPECT_EQ(items[i].find("meaning")->text(), spec.meaning);
  }
  const Json listed = parsed(api.scenarios().body);
  EXPECT_EQ(listed.find("default_base")->text(), "workshop");
  bool seed_preset = false;
  for (const Json& scenario : listed.find("scenarios")->items()) {
    if (scenario.find("name")->text() != "seed_funding") continue;
    seed_preset = scenario.find("values")->find("levers.seed_funding.enabled")->boolean();
  }
  EXPECT_TRUE(seed_preset);
}

std::filesystem::path messages_folder() {
  return std::filesystem::path(KOPA_SOURCE_DIR) / "web" / "messages";
}

Json catalogue_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  return parsed(std::string(std::istreambuf_iterator<char>(in), {}));
}

// The {placeholders} of a message, sorted: a name of word characters between braces.
std::vector<std::string> placeholders(const std::string& text) {
  std::vector<std::string> names;
  for (std::size_t open = text.find('{'); open != std::string::npos;
       open = text.find('{', open + 1)) {
    const std::size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    const std::string name = text.substr(open + 1, close - open - 1);
    const bool word = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
    });
    if (word) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The page names every parameter it shows (every path of GET /api/parameters) in every shipped
// language, with its meaning (the hover text), unit and choices, and every section and group it
// lists, and it words kopa's resolution warnings from templates: a parameter added to the table
// without a name or meaning in en.json, lv.json or a volunteer's third catalogue fails here.
TEST(WorkshopMessages, EveryParameterHasANameAndMeaningInEveryCatalogue) {
  serve::WorkshopApi api(shipped_library(), {}, 1);
  const Json parameters = parsed(api.parameters().body);
  int catalogues = 0;
  for (const auto& entry : std::filesystem::directory_iterator(messages_folder())) {
    if (entry.path().extension() != ".json") continue;
    ++catalogues;
    SCOPED_TRACE(entry.path().filename().string());
    const Json catalogue = catalogue_file(entry.path());
    auto named = [&](const std::string& key) {
      const Json* text = catalogue.find(key);
      return text && text->is_string() && !text->text().empty();
    };
    for (const Json& parameter : parameters.find("parameters")->items()) {
      const std::string path = parameter.find("path")->text();
      EXPECT_TRUE(named("parameter." + path)) << "parameter." << path;
      EXPECT_TRUE(named("meaning." + path)) << "meaning." << path;
      EXPECT_TRUE(named("section." + path.substr(0, path.find('.')))) << path;
      // "1" (a share or an index) and "-" have no unit to show.
      const std::string unit = parameter.find("unit")->text();
      if (unit != "1" && unit != "-") {
        EXPECT_TRUE(named("unit." + unit)) << "unit." << unit;
      }
      if (const Json* choices = parameter.find("choices")) {
        for (const Json& choice : choices->items()) {
          EXPECT_TRUE(named("choice." + choice.text())) << "choice." << choice.text();
        }
      }
    }
    EXPECT_TRUE(named("warning.resolution_unresolvable"));
    for (std::string_view kind : capacity_kind_names) {
      EXPECT_TRUE(named("capacity." + std::string(kind))) << kind;
    }
    for (std::string_view funder : funder_names) {
      EXPECT_TRUE(named("funder." + std::string(funder))) << funder;
    }
    for (const Json& group : parameters.find("groups")->items()) {
      EXPECT_TRUE(named("group." + group.text())) << group.text();
    }
    for (const Json& lever : parameters.find("targeting")->items()) {
      EXPECT_TRUE(named("lever." + lever.find("lever")->text())) << lever.find("lever")->text();
    }
  }
  EXPECT_GE(catalogues, 2);
}

// English meanings are the table's own words (`kopa describe`, docs/ODD.md): a meaning changed
// in the table without en.json (and so without its translations) fails here.
TEST(WorkshopMessages, EnglishMeaningsAreTheTables) {
  const Json english = catalogue_file(messages_folder() / "en.json");
  for (const ParameterSpec& spec : parameter_table().specs()) {
    const Json* meaning = english.find("meaning." + spec.path);
    ASSERT_NE(meaning, nullptr) << spec.path;
    EXPECT_EQ(meaning->text(), spec.meaning) << spec.path;
  }
}

// Every shipped scenario's description (the hover text of the page's scenario menus) in every
// language; en.json's is the file's own, which is how the page tells a shipped scenario from one
// of the user's own of the same name.
TEST(WorkshopMessages, EveryShippedScenarioIsDescribedInEveryCatalogue) {
  serve::WorkshopApi api(shipped_library(), {}, 1);
  const Json listed = parsed(api.scenarios().body);
  for (const auto& entry : std::filesystem::directory_iterator(messages_folder())) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().filename().string());
    const Json catalogue = catalogue_file(entry.path());
    const bool english = entry.path().stem() == "en";
    for (const Json& scenario : listed.find("scenarios")->items()) {
      const std::string key = "scenario." + scenario.find("name")->text();
      const Json* text = catalogue.find(key);
      ASSERT_NE(text, nullptr) << key;
      EXPECT_FALSE(text->text().empty()) << key;
      if (english) {
        EXPECT_EQ(text->text(), scenario.find("description")->text()) << key;
      }
    }
  }
}

// A translation fills the same {placeholders} as the English message: sentences built from
// numbers (the resolution warnings, the differences) are templates, never pieced together.
TEST(WorkshopMessages, EveryTranslationTakesTheEnglishPlaceholders) {
  const Json english = catalogue_file(messages_folder() / "en.json");
  for (const auto& entry : std::filesystem::directory_iterator(messages_folder())) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().filename().string());
    const Json catalogue = catalogue_file(entry.path());
    for (const auto& [key, text] : english.members()) {
      const Json* translated = catalogue.find(key);
      if (translated == nullptr) continue;  // a missing key fails the test above or the browser's
      EXPECT_EQ(placeholders(translated->text()), placeholders(text.text())) << key;
    }
  }
}

struct BadRequest {
  std::string body;
  std::string message;  // part of the error
};

TEST(WorkshopApi, EveryBadRequestGetsA400WithAClearMessageAndRunsNothing) {
  serve::WorkshopApi api(shipped_library(), {}, 1);
  // The out-of-range message is the table's own check, as kopa validate prints it.
  const std::string out_of_range = *parameter_table().find("levers.ally.atmosphere")->check(1.5);
  const std::vector<BadRequest> cases{
      {"", "bad JSON at character 1"},
      {"{\"base\": }", "bad JSON at character 10: expected a value"},
      {"{\"set\": {}} x", "unexpected text after the JSON value"},
      {"[1, 2]", "expected a JSON object"},
      {R"({"bsae": "baseline"})", "unknown key \"bsae\" (did you mean 'base'?)"},
      {R"({"base": "basline"})", "unknown scenario 'basline' (did you mean 'baseline'?)"},
      {R"({"set": {"levers.sed_funding.enabled": true}})",
       "set.levers.sed_funding.enabled: unknown parameter (did you mean "
       "'levers.seed_funding.enabled'?)"},
      {R"({"set": {"levers.ally.atmosphere": 1.5}})", out_of_range},
      {R"({"set": {"levers.ally.atmosphere": [1]}})", "expected true, false, a number"},
      {R"({"set": {"simulation.months": 2.5}})", "expected an integer"},
      {R"({"replicates": 1})", "\"replicates\": expected a whole number from 2 to 20"},
      {R"({"replicates": 21})", "from 2 to 20"},
      {R"({"session": 7})", "\"session\": expected a string"},
      {R"({"base": "baseline", "set": {"simulation.founders": 100000}})",
       "too large for a workshop what-if"},
      // One agent per person counts as the people it is: baseline's 307,000 residents.
      {R"({"base": "baseline", "set": {"simulation.founders": 0}})",
       "(simulation.founders = 0: one per person)"},
      {R"({"regions": "latvia"})", "\"regions\": expected a list of region presets"},
      {R"({"regions": []})", "\"regions\": expected a list of region presets"},
      {R"({"regions": ["latvia_planing"]})",
       "unknown region preset 'latvia_planing' (did you mean 'latvia_planning'?)"},
      {R"({"regions": ["latvia", "latvia/cesis"]})", "the region 'cesis' is chosen twice"},
      {R"({"set": {"levers.one_roof.regions": ["riga"]}})", "riga"},
      {R"({"set": {"levers.one_roof.regions": "cesis"}})", "expected a list of names"},
      {R"({"set": {"levers.one_roof.regions": []}})", "an empty list targets nothing"},
      {R"({"set": {"levers.ally.groups": ["youth"]}})", "acts for everyone in the regions"},
      {R"({"set": {"levers.one_roof.start_month": "2025-06"}})",
       "2025-06 is before simulation.start 2026-01"},
      {R"({"base": "baseline", "set": {"levers.one_roof.start_month": "2027-01"}})",
       "needs simulation.start"},
      {R"({"set": {"levers.seed_funding.grant_min": 9000}})", "grant_min"},
      {R"({"set": {"a": 1, "a": 2}})", "the key \"a\" appears twice"},
      {std::string(40, '[') + std::string(40, ']'), "nested deeper than 32 levels"},
  };
  for (const BadRequest& bad : cases) {
    SCOPED_TRACE(bad.body);
    for (const serve::ApiResponse& response :
         {api.whatif(bad.body), api.export_results(bad.body)}) {
      EXPECT_EQ(response.status, 400);
      const Json error = parsed(response.body);
      ASSERT_TRUE(error.find("error"));
      EXPECT_NE(error.find("error")->text().find(bad.message), std::string::npos)
          << error.find("error")->text();
      EXPECT_EQ(error.find("status")->number(), 400);
    }
  }
}

TEST(WorkshopApi, AWhatIfAnswersWithTheComparisonAndTheBandsAndIsCachedAfterwards) {
  serve::WorkshopApi api(shipped_library(), {}, 2);
  const std::string body = small_body(R"("levers.seed_funding.enabled": true)");
  const serve::ApiResponse first = api.whatif(body);
  ASSERT_EQ(first.status, 200) << first.body;
  const Json answer = parsed(first.body);
  EXPECT_EQ(answer.find("format")->text(), "kopa-whatif");
  EXPECT_FALSE(answer.find("base_cached")->boolean());
  EXPECT_TRUE(answer.find("set")->find("levers.seed_funding.enabled")->boolean());
  const Json& comparison = *answer.find("comparison");
  EXPECT_EQ(comparison.find("baseline")->text(), "baseline");
  ASSERT_EQ(comparison.find("scenarios")->size(), 2u);
  const Json& whatif = comparison.find("scenarios")->items()[1];
  EXPECT_EQ(whatif.find("name")->text(), "what-if");
  EXPECT_EQ(whatif.find("paired_replicates")->number(), 3);
  const Json& sustained = *whatif.find("metrics")->find("founders_sustained");
  EXPECT_TRUE(sustained.find("difference")->find("ci_low"));
  EXPECT_EQ(answer.find("series")->find("months")->number(), 24);
  // The same what-if again: both ensembles from memory, the same answer otherwise.
  const Json again = parsed(api.whatif(body).body);
  EXPECT_TRUE(again.find("base_cached")->boolean());
  EXPECT_TRUE(again.find("whatif_cached")->boolean());
  EXPECT_EQ(again.find("comparison")->dump(), comparison.dump());
}

// The page opens on the workshop scenario: a what-if of nothing but the defaults is accepted,
// within the server's bound, and its agents resolve every capacity (no resolution warning); the
// answer says whom the run stands for.
TEST(WorkshopApi, TheDefaultWhatIfIsSmallSoundAndSaysWhomItStandsFor) {
  auto library = shipped_library();
  const serve::WorkshopLimits limits;
  auto request = serve::read_whatif_request("{}", library, limits);
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->base.name, "workshop");
  const ModelParameters& p = request->base.parameters;
  const auto agents = agent_count(p.simulation.founders, p.regions);
  EXPECT_GE(agents, 1000);
  EXPECT_LE(static_cast<double>(agents) * static_cast<double>(p.simulation.months) *
                static_cast<double>(request->replicates),
            limits.max_founder_months);
  const CapacityResolution resolution = capacity_resolution(Model(p));
  EXPECT_TRUE(resolution.sound) << resolution.tightest;
  EXPECT_GE(agents, resolution.smallest_sound_founders);

  serve::WorkshopApi api(std::move(library), limits, 2);
  const Json listed = parsed(api.scenarios().body);
  EXPECT_EQ(listed.find("default_base")->text(), "workshop");
  // A short run of the default start: the answer names the regions and the population.
  const serve::ApiResponse response =
      api.whatif(R"({"set": {"simulation.months": 12}, "replicates": 2})");
  ASSERT_EQ(response.status, 200) << response.body;
  const Json answer = parsed(response.body);
  EXPECT_EQ(answer.find("base")->text(), "workshop");
  const Json& population = *answer.find("population");
  EXPECT_EQ(population.find("people")->number(), static_cast<double>(total_population(p.regions)));
  EXPECT_EQ(population.find("agents")->number(), static_cast<double>(agents));
  ASSERT_EQ(answer.find("regions")->size(), p.regions.size());
  EXPECT_EQ(answer.find("regions")->items()[0].find("name")->text(), p.regions[0].name);
  EXPECT_EQ(answer.find("warnings")->size(), 0u) << answer.find("warnings")->dump();
}

class WorkshopAgainstCli : public testing::TestFolder {};

// A region preset, a lever's targeting and a start date in a what-if give the scenario that the
// same statements in a file give: `regions = [...]`, `levers.<lever>.regions`, a "YYYY-MM" month.
TEST_F(WorkshopAgainstCli, RegionsTargetingAndDatesAreThoseOfAScenarioFile) {
  auto library = shipped_library();
  auto request = serve::read_whatif_request(R"({"regions": ["latvia_planning/latgale"],
      "set": {"simulation.founders": 3000, "levers.one_roof.enabled": true,
              "levers.one_roof.regions": ["latgale"], "levers.one_roof.start_month": "2028-01",
              "levers.seed_funding.enabled": true,
              "levers.seed_funding.groups": ["long_term_unemployed"]}})",
                                            library, {});
  ASSERT_TRUE(request) << request.error().message;
  const auto file = folder_ / "what-if.toml";
  std::ofstream(file) << "name = \"what-if\"\ndescription = \"what-if on workshop\"\nextends = \""
                      << (scenarios_folder() / "workshop.toml").string()
                      << "\"\nregions = [\"latvia_planning/latgale\"]\n"
                         "[simulation]\nfounders = 3000\n"
                         "[levers.one_roof]\nenabled = true\nregions = [\"latgale\"]\n"
                         "start_month = \"2028-01\"\n"
                         "[levers.seed_funding]\nenabled = true\n"
                         "groups = [\"long_term_unemployed\"]\n";
  // extends resolves region presets against the file's own folder: copy the presets beside it.
  std::filesystem::copy(scenarios_folder() / "regions", folder_ / "regions");
  const ScenarioLoad load = load_scenario(file);
  ASSERT_TRUE(load.scenario) << format_issue(load.issues.front());
  EXPECT_EQ(write_resolved_toml("what-if", "", request->whatif.parameters),
            write_resolved_toml("what-if", "", load.scenario->parameters));
  EXPECT_EQ(request->whatif.parameters.levers.one_roof.start_month, 24);
  EXPECT_EQ(request->whatif.parameters.targeting[index(Lever::one_roof)].regions,
            std::vector<std::string>{"latgale"});
  ASSERT_EQ(request->base.parameters.regions.size(), 1u);
  EXPECT_EQ(request->base.parameters.regions[0].name, "latgale");

  // The answer states the lists as set. 3,000 agents for Latgale's 156,000 residents are sound:
  // every founder a capacity acts on is one person (model/pools.hpp), so kopa does not warn.
  serve::WorkshopApi api(std::move(library), {}, 2);
  const serve::ApiResponse response = api.whatif(R"({"regions": ["latvia_planning/latgale"],
      "replicates": 2, "set": {"simulation.founders": 3000, "simulation.months": 12,
      "levers.one_roof.enabled": true, "levers.one_roof.regions": ["latgale"]}})");
  ASSERT_EQ(response.status, 200) << response.body;
  const Json answer = parsed(response.body);
  EXPECT_EQ(answer.find("set")->find("levers.one_roof.regions")->dump(), R"(["latgale"])");
  EXPECT_EQ(answer.find("population")->find("people")->number(), 156000);
  EXPECT_EQ(answer.find("warnings")->size(), 0u) << answer.find("warnings")->dump();

  // A municipal round of EUR 2,000, less than one EUR 5,000 award: kopa's resolution warning, in
  // English as kopa run prints it, and in parts for the page's catalogue: the message, the
  // numbers of its placeholders and the capacity as a message of its own.
  const serve::ApiResponse small = api.whatif(R"({"regions": ["latvia_planning/latgale"],
      "replicates": 2, "set": {"simulation.founders": 3000, "simulation.months": 12,
      "funders.municipal_grant.budget_per_year": 2000}})");
  ASSERT_EQ(small.status, 200) << small.body;
  const Json warned = parsed(small.body);
  ASSERT_GE(warned.find("warnings")->size(), 1u);
  const Json& warning = warned.find("warnings")->items()[0];
  EXPECT_NE(warning.find("text")->text().find("No agent count resolves"), std::string::npos);
  EXPECT_EQ(warning.find("message")->text(), "warning.resolution_unresolvable");
  const Json& values = *warning.find("values");
  EXPECT_EQ(values.find("region")->text(), "latgale");
  EXPECT_EQ(values.find("smallest")->number(), 0.0);
  const Json& capacity = *warning.find("capacity");
  EXPECT_EQ(capacity.find("message")->text(), "capacity.funder_round") << capacity.dump();
  EXPECT_DOUBLE_EQ(capacity.find("values")->find("people")->number(), 0.4);
}

// The page's answer is kopa's answer: the same scenarios run with `kopa run` and compared with
// `kopa compare --format json` give the same numbers, and the exported file compares the same.
TEST_F(WorkshopAgainstCli, AWhatIfEqualsTheSameRunOnTheCommandLine) {
  serve::WorkshopApi api(shipped_library(), {}, 2);
  const std::string body = small_body(R"("levers.one_roof.enabled": true,
                                          "levers.one_roof.discovery_multiplier": 3.5)");
  const serve::ApiResponse response = api.whatif(body);
  ASSERT_EQ(response.status, 200) << response.body;
  const Json answer = parsed(response.body);

  const auto whatif = folder_ / "what-if.toml";
  std::ofstream(whatif) << "name = \"what-if\"\nextends = \""
                        << (scenarios_folder() / "baseline.toml").string()
                        << "\"\n[levers.one_roof]\nenabled = true\ndiscovery_multiplier = 3.5\n";
  const auto results = (folder_ / "cli.h5").string();
  const auto run = kopa({"run", (scenarios_folder() / "baseline.toml").string(), whatif.string(),
                         "-r", "3", "--set", "simulation.founders=300", "--months", "24", "-o",
                         results, "--quiet", "-t", "2"});
  ASSERT_EQ(run.code, 0) << run.err;
  const auto compared = kopa({"compare", results, "--format", "json"});
  ASSERT_EQ(compared.code, 0) << compared.err;
  EXPECT_EQ(answer.find("comparison")->dump(), parsed(compared.out).dump());
  const auto series = kopa({"compare", results, "--series", "--format", "json"});
  EXPECT_EQ(answer.find("series")->dump(), parsed(series.out).dump());

  const serve::ApiResponse exported = api.export_results(body);
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.content_type, "application/x-hdf5");
  const auto file = folder_ / "exported.h5";
  std::ofstream(file, std::ios::binary) << exported.body;
  const auto reopened = kopa({"compare", file.string(), "--format", "json"});
  ASSERT_EQ(reopened.code, 0) << reopened.err;
  EXPECT_EQ(parsed(reopened.out).dump(), parsed(compared.out).dump());
}

TEST(WorkshopApi, ACancelledRunKeepsNothingAndSaysItWasSuperseded) {
  auto library = shipped_library();
  serve::EnsembleCache cache(4);
  auto request =
      serve::read_whatif_request(small_body(R"("levers.ally.enabled": true)"), library, {});
  ASSERT_TRUE(request);
  const std::atomic<bool> cancelled{true};
  auto result = serve::run_ensembles(*request, cache, 1, cancelled);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("superseded"), std::string::npos);
  EXPECT_FALSE(serve::cached_ensembles(*request, cache));
  const std::atomic<bool> go{false};
  ASSERT_TRUE(serve::run_ensembles(*request, cache, 1, go));
  EXPECT_TRUE(serve::cached_ensembles(*request, cache));
}

TEST(WorkshopApi, AScenarioFolderWithABadFileIsRefusedWithItsMessages) {
  const auto folder = std::filesystem::temp_directory_path() / "kopa_serve_bad_library";
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "broken.toml") << "name = \"broken\"\n[levers.ally]\natmosphere = 7\n";
  auto library = serve::ScenarioLibrary::load(folder);
  std::filesystem::remove_all(folder);
  ASSERT_FALSE(library);
  EXPECT_TRUE(library.error().bad_input);
  EXPECT_NE(library.error().message.find("broken.toml:3"), std::string::npos)
      << library.error().message;
  const auto missing = kopa({"serve", "--scenarios", "/nonexistent/kopa", "--port", "0"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("is not a folder"), std::string::npos) << missing.err;
  const auto port = kopa({"serve", "--port", "70000"});
  EXPECT_EQ(port.code, 2);
}

}  // namespace
}  // namespace kopa
