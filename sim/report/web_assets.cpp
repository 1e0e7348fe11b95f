#include "report/web_assets.hpp"

#include <array>

// Each file becomes a read-only symbol pair (begin, end) by the assembler's .incbin: no
// generated source, no escaping, and the build (OBJECT_DEPENDS in sim/CMakeLists.txt) recompiles
// this file when an asset changes. KOPA_WEB_DIR is the source tree's web/ folder.
#define KOPA_EMBED(symbol, file)            \
  asm(".section .rodata\n"                  \
      ".balign 16\n"                        \
      ".global " #symbol "_begin\n" #symbol \
      "_begin:\n"                           \
      ".incbin \"" KOPA_WEB_DIR "/" file    \
      "\"\n"                                \
      ".global " #symbol "_end\n" #symbol   \
      "_end:\n"                             \
      ".byte 0\n"                           \
      ".previous\n");                       \
  extern "C" const char symbol##_begin[];   \
  extern "C" const char symbol##_end[];

KOPA_EMBED(kopa_asset_vega, "node_modules/vega/build/vega.min.js")
KOPA_EMBED(kopa_asset_vega_lite, "node_modules/vega-lite/build/vega-lite.min.js")
KOPA_EMBED(kopa_asset_vega_embed, "node_modules/vega-embed/build/vega-embed.min.js")
KOPA_EMBED(kopa_asset_charts_js, "src/charts.js")
KOPA_EMBED(kopa_asset_report_js, "src/report.js")
KOPA_EMBED(kopa_asset_report_css, "src/report.css")

namespace kopa::report {
namespace {

constexpr std::string_view text_between(const char* begin, const char* end) {
  return {begin, static_cast<std::size_t>(end - begin)};
}

}  // namespace

std::span<const WebAsset> chart_scripts() {
  static const std::array<WebAsset, 4> scripts{{
      {"vega.min.js", text_between(kopa_asset_vega_begin, kopa_asset_vega_end)},
      {"vega-lite.min.js", text_between(kopa_asset_vega_lite_begin, kopa_asset_vega_lite_end)},
      {"vega-embed.min.js", text_between(kopa_asset_vega_embed_begin, kopa_asset_vega_embed_end)},
      {"charts.js", text_between(kopa_asset_charts_js_begin, kopa_asset_charts_js_end)},
  }};
  return scripts;
}

WebAsset report_script() {
  return {"report.js", text_between(kopa_asset_report_js_begin, kopa_asset_report_js_end)};
}

WebAsset report_style() {
  return {"report.css", text_between(kopa_asset_report_css_begin, kopa_asset_report_css_end)};
}

std::string_view chart_runtime_versions() {
  return KOPA_CHART_RUNTIME_VERSIONS;
}

}  // namespace kopa::report
