#pragma once
// What the page gets for a what-if, and what it can take away.
#include <string>

#include "serve/whatif_request.hpp"
#include "serve/whatif_run.hpp"
#include "util/expected.hpp"

namespace kopa::serve {

// The scenario names of a what-if's two ensembles: the base's own, and "what-if".
std::string whatif_name(const WhatIfRequest& request);

// POST /api/whatif's answer (format "kopa-whatif", format_version 2):
//   {"format", "format_version", "base", "whatif", "set": {path: value}, "regions": [...],
//    "population": {"people", "agents", "people_per_agent"}, "warnings": [kopa run's
//    resolution warnings, each {"message": catalogue key, "values": {placeholder: value},
//    "capacity": {"message", "values"}, "text": kopa run's English}], "replicates",
//    "base_cached", "whatif_cached",
//    "comparison": <exactly `kopa compare --format json` of [base, what-if]>,
//    "series": <exactly `kopa compare --series --format json` of the same>}
Expected<std::string> whatif_answer(const WhatIfRequest& request, const WhatIfEnsembles& ensembles);

// The two ensembles as a kopa results file (what `kopa run BASE WHATIF -r N` writes, with the
// what-if's resolved parameters), its bytes. Written to a temporary file that is then removed.
Expected<std::string> whatif_results_file(const WhatIfRequest& request,
                                          const WhatIfEnsembles& ensembles);

}  // namespace kopa::serve
