#include "serve/whatif_request.hpp"
#include "util/joined.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "model/population.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/toml_value.hpp"
#include "serve/json_reader.hpp"
#include "util/quoted.hpp"
#include "util/suggest.hpp"

namespace kopa::serve {
namespace {

using report::Json;

std::vector<std::string> request_keys() {
  return {"base", "regions", "set", "replicates", "session"};
}

// A JSON value as the TOML text `--set PATH=VALUE` takes; the loader then checks it against the
// table exactly as for the command line.
Expected<std::string> toml_text(const std::string& path, const Json& value) {
  if (is_targeting_path(path)) {
    const bool names = value.is_array() && std::all_of(value.items().begin(), value.items().end(),
                                                       [](const Json& x) { return x.is_string(); });
    if (names) {
      std::string list;
      for (const Json& name : value.items()) {
        list += (list.empty() ? "" : ", ") + quoted_escaped(name.text());
      }
      return "[" + list + "]";
    }
    return Error{"set." + path + ": expected a list of names, e.g. [\"latgale\"]"};
  }
  if (value.is_boolean()) return std::string(value.boolean() ? "true" : "false");
  if (value.is_string()) return quoted_escaped(value.text());
  if (value.is_number()) {
    const double x = value.number();
    // A whole number as an integer ("1000000", not "1e+06"), which a real parameter also takes.
    if (x == std::floor(x) && std::fabs(x) < 9007199254740992.0) {
      return std::to_string(static_cast<long long>(x));
    }
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, x);
    return std::string(buffer, error == std::errc{} ? end : buffer);
  }
  return Error{"set." + path + ": expected true, false, a number or a choice's name"};
}

Expected<std::vector<std::string>> read_overrides(const Json& set) {
  if (!set.is_object()) return Error{"\"set\": expected an object of parameter paths and values"};
  std::vector<std::string> overrides;
  const std::vector<std::string> paths = parameter_table().paths();
  for (const auto& [path, value] : set.members()) {
    if (!parameter_table().find(path) && !is_targeting_path(path)) {
      return Error{"set." + path + ": unknown parameter" + did_you_mean(path, paths) +
                   "; see GET /api/parameters or 'kopa describe'"};
    }
    auto text = toml_text(path, value);
    if (!text) return text.error();
    overrides.push_back(path + "=" + *text);
  }
  return overrides;
}

Expected<int> read_replicates(const Json* replicates, const WorkshopLimits& limits) {
  if (!replicates) return 10;
  const double n = replicates->number();
  if (!replicates->is_number() || n != std::floor(n) || n < 2 || n > limits.max_replicates) {
    return Error{"\"replicates\": expected a whole number from 2 to " +
                 std::to_string(limits.max_replicates) + " (2 or more give an interval)"};
  }
  return static_cast<int>(n);
}

// Agents, not simulation.founders: founders = 0 is one agent per person, the whole population.
Status check_size(const Scenario& scenario, int replicates, const WorkshopLimits& limits) {
  const auto& simulation = scenario.parameters.simulation;
  const std::int64_t agents = agent_count(simulation.founders, scenario.parameters.regions);
  const double founder_months =
      static_cast<double>(agents) * static_cast<double>(simulation.months) * replicates;
  if (founder_months <= limits.max_founder_months) return ok();
  return Error{"too large for a workshop what-if: " + std::to_string(agents) + " founder agents" +
               (simulation.founders == 0 ? " (simulation.founders = 0: one per person)" : "") +
               " x " + std::to_string(simulation.months) + " months x " +
               std::to_string(replicates) + " replicates = " + display_number(founder_months) +
               " founder-months per scenario, at most " +
               display_number(limits.max_founder_months) +
               "; use fewer founders, months or replicates (kopa run has no such bound)"};
}

// `base` with `overrides` applied and every rule checked; the messages of kopa validate.
Expected<Scenario> applied(const Scenario& base, const std::vector<std::string>& overrides) {
  ScenarioLoad load = apply_overrides(base, overrides);
  if (load.scenario && load.issues.empty()) return std::move(*load.scenario);
  std::string messages;
  for (const ScenarioIssue& issue : load.issues) {
    messages += (messages.empty() ? "" : "; ") + std::string("set.") +
                (issue.key.empty() ? "" : issue.key + ": ") + issue.message;
  }
  return Error{messages.empty() ? "the what-if's parameters are not valid" : messages};
}

// The request's "regions": a list of region presets ("latvia_planning", "latvia/cesis"), which
// replace the base's regions for both scenarios, as `regions = [...]` in a scenario file would.
Expected<std::optional<Scenario>> with_regions(const Json* regions, const Scenario& base,
                                               const ScenarioLibrary& library) {
  if (!regions) return std::optional<Scenario>{};
  const std::string expected =
      "\"regions\": expected a list of region presets, e.g. "
      "[\"latvia_planning\"] or [\"latvia/cesis\"]";
  if (!regions->is_array() || regions->size() == 0) return Error{expected};
  Scenario chosen = base;
  chosen.parameters.regions.clear();
  for (const Json& name : regions->items()) {
    if (!name.is_string()) return Error{expected};
    const RegionPreset* preset = library.find_region_preset(name.text());
    if (!preset) {
      return Error{"\"regions\": unknown region preset '" + name.text() + "'" +
                   did_you_mean(name.text(), library.region_preset_names()) +
                   "; see \"region_presets\" in GET /api/scenarios"};
    }
    for (const Region& region : preset->regions) {
      for (const Region& earlier : chosen.parameters.regions) {
        if (earlier.name == region.name) {
          return Error{"\"regions\": the region '" + region.name + "' is chosen twice"};
        }
      }
      chosen.parameters.regions.push_back(region);
    }
  }
  return std::optional<Scenario>{std::move(chosen)};
}

}  // namespace

Expected<WhatIfRequest> read_whatif_request(std::string_view body, const ScenarioLibrary& library,
                                            const WorkshopLimits& limits) {
  auto json = read_json(body);
  if (!json) return json.error();
  if (!json->is_object())
    return Error{"expected a JSON object {\"base\", \"set\", \"replicates\"}"};
  const std::vector<std::string> keys = request_keys();
  for (const auto& member : json->members()) {
    const std::string& key = member.first;
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      return Error{"unknown key \"" + key + "\"" + did_you_mean(key, keys) + "; expected " +
                   joined(keys)};
    }
  }
  const Scenario* base = &library.default_base();
  if (const Json* name = json->find("base")) {
    base = name->is_string() ? library.find(name->text()) : nullptr;
    if (!base) {
      const std::string text = name->is_string() ? name->text() : name->dump();
      return Error{"\"base\": unknown scenario '" + text + "'" +
                   did_you_mean(text, library.names()) +
                   "; the scenarios are: " + joined(library.names())};
    }
  }
  auto regions = with_regions(json->find("regions"), *base, library);
  if (!regions) return regions.error();
  if (*regions) base = &**regions;
  WhatIfRequest request;
  if (const Json* set = json->find("set")) {
    auto overrides = read_overrides(*set);
    if (!overrides) return overrides.error();
    request.overrides = std::move(*overrides);
  }
  auto replicates = read_replicates(json->find("replicates"), limits);
  if (!replicates) return replicates.error();
  request.replicates = *replicates;
  if (const Json* session = json->find("session")) {
    if (!session->is_string() || session->text().size() > 64) {
      return Error{"\"session\": expected a string of at most 64 characters"};
    }
    request.session = session->text();
  }
  std::vector<std::string> size_overrides;
  for (const std::string& text : request.overrides) {
    if (text.starts_with("simulation.")) size_overrides.push_back(text);
  }
  auto sized = applied(*base, size_overrides);
  if (!sized) return sized.error();
  request.base = std::move(*sized);
  auto whatif = applied(*base, request.overrides);
  if (!whatif) return whatif.error();
  request.whatif = std::move(*whatif);
  request.whatif.name = request.base.name == "what-if" ? "what-if-2" : "what-if";
  request.whatif.description = "what-if on " + request.base.name;
  for (const Scenario* scenario : {&request.base, &request.whatif}) {
    if (Status fits = check_size(*scenario, request.replicates, limits); !fits) {
      return fits.error();
    }
  }
  return request;
}

}  // namespace kopa::serve
