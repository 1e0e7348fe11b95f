#pragma once
// Reads the JSON a workshop page sends (what-if requests): strict RFC 8259, nested at most 32
// deep, duplicate keys refused. Errors name the character where reading stopped.
#include <string_view>

#include "report/json.hpp"
#include "util/expected.hpp"

namespace kopa::serve {

// "bad JSON at character 17: expected ':' after an object key" on failure.
Expected<report::Json> read_json(std::string_view text);

}  // namespace kopa::serve
