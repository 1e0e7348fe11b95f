#pragma once
// The workshop page: one HTML document with its style, the chart runtime, the message
// catalogue (web/messages/*.json, one file per language) and web/src/workshop.js inline. It
// fetches nothing but the server's own /api/ (its Content-Security-Policy says so).
#include <string>
#include <string_view>

namespace kopa::serve {

const std::string& workshop_page();
std::string_view workshop_page_policy();

}  // namespace kopa::serve
