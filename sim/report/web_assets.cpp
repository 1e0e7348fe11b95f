#include "report/web_assets.hpp"

#include <array>

#include "report/embed.hpp"

KOPA_EMBED(kopa_asset_vega, "node_modules/vega/build/vega.min.js")
KOPA_EMBED(kopa_asset_vega_lite, "node_modules/vega-lite/build/vega-lite.min.js")
KOPA_EMBED(kopa_asset_vega_embed, "node_modules/vega-embed/build/vega-embed.min.js")
KOPA_EMBED(kopa_asset_charts_js, "src/charts.js")
KOPA_EMBED(kopa_asset_report_js, "src/report.js")
KOPA_EMBED(kopa_asset_report_css, "src/report.css")

namespace kopa::report {

std::span<const WebAsset> chart_scripts() {
  static const std::array<WebAsset, 4> scripts{{
      {"vega.min.js", embedded_text(kopa_asset_vega_begin, kopa_asset_vega_end)},
      {"vega-lite.min.js", embedded_text(kopa_asset_vega_lite_begin, kopa_asset_vega_lite_end)},
      {"vega-embed.min.js", embedded_text(kopa_asset_vega_embed_begin, kopa_asset_vega_embed_end)},
      {"charts.js", embedded_text(kopa_asset_charts_js_begin, kopa_asset_charts_js_end)},
  }};
  return scripts;
}

WebAsset report_script() {
  return {"report.js", embedded_text(kopa_asset_report_js_begin, kopa_asset_report_js_end)};
}

WebAsset report_style() {
  return {"report.css", embedded_text(kopa_asset_report_css_begin, kopa_asset_report_css_end)};
}

std::string_view chart_runtime_versions() {
  return KOPA_CHART_RUNTIME_VERSIONS;
}

}  // namespace kopa::report
