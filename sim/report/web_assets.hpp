#pragma once
// The page sources kopa inlines into every page it writes: the chart runtime (vega, vega-lite
// and vega-embed, minified, as npm installed them from web/package-lock.json) and kopa's own
// script and style (web/src). The build embeds them in the binary, so an installed kopa needs no
// node_modules, no network and no files beside it to write a page.
#include <span>
#include <string_view>

namespace kopa::report {

struct WebAsset {
  std::string_view name;  // "vega.min.js", "charts.js", ...
  std::string_view text;
};

// In the order a page must load them: vega, vega-lite, vega-embed, then web/src/charts.js.
std::span<const WebAsset> chart_scripts();
// web/src/report.js: renders a report page's specs; --png's export mode.
WebAsset report_script();
// web/src/report.css.
WebAsset report_style();
// "vega 6.4.0, vega-lite 6.4.3, vega-embed 7.3.0" (web/package.json's pinned versions).
std::string_view chart_runtime_versions();

}  // namespace kopa::report
