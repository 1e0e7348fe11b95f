#pragma once
// POST /api/whatif's body, read and checked:
//   {"base": "workshop", "regions": ["latvia_planning/latgale"],
//    "set": {"levers.seed_funding.enabled": true, "levers.one_roof.regions": ["latgale"],
//            "levers.one_roof.start_month": "2027-01", ...}, "replicates": 10,
//    "session": "tab-1f3a"}
// "base" (default: the library's default base) names a scenario of the library; "regions"
// (optional) lists region presets that replace the base's regions in both scenarios; "set"
// gives what `kopa run --set` takes, as JSON: table paths with true/false, numbers, choice
// names or "YYYY-MM" dates, and lever targeting paths with lists of names. They change the
// what-if, except that simulation.* (founders, months, seed: the size of the simulation) applies
// to both, so that they stay paired; "replicates" defaults to 10; "session" (optional) names the
// page tab: a newer what-if of the same session supersedes an older one. Unknown keys are
// refused, as everywhere in kopa.
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario.hpp"
#include "serve/scenario_library.hpp"
#include "serve/workshop_limits.hpp"
#include "util/expected.hpp"

namespace kopa::serve {

struct WhatIfRequest {
  Scenario base;                       // the library's, with the simulation.* overrides
  std::vector<std::string> overrides;  // "PATH=VALUE", as `kopa run --set` takes them
  Scenario whatif;                     // the library's base with every override, checked
  int replicates = 10;
  std::string session;
};

// Errors are messages for a 400 answer: bad JSON, unknown keys, an unknown base or path, a
// value of the wrong type or out of range (the messages of `kopa validate`), a request beyond
// the limits.
Expected<WhatIfRequest> read_whatif_request(std::string_view body, const ScenarioLibrary& library,
                                            const WorkshopLimits& limits);

}  // namespace kopa::serve
