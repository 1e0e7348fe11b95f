#include "serve/workshop_page.hpp"

#include "engine/build_info.hpp"
#include "report/embed.hpp"
#include "report/web_assets.hpp"

KOPA_EMBED(kopa_asset_workshop_js, "src/workshop.js")
KOPA_EMBED(kopa_asset_workshop_css, "src/workshop.css")
// web/messages/*.json as one object by language code (cmake/WriteMessageCatalogue.cmake).
KOPA_EMBED_PATH(kopa_asset_workshop_messages, KOPA_MESSAGE_CATALOGUE)

namespace kopa::serve {
namespace {

using report::embedded_text;

void append_script(std::string& out, std::string_view text) {
  out += "<script>\n";
  out += text;
  out += "\n</script>\n";
}

std::string document() {
  std::string out =
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"kopa " +
      std::string(kopa_version()) + " (git " + std::string(git_commit()) + "); " +
      std::string(report::chart_runtime_versions()) +
      "\">\n<title>kopa workshop</title>\n<style>\n";
  out += report::report_style().text;
  out += embedded_text(kopa_asset_workshop_css_begin, kopa_asset_workshop_css_end);
  out += "</style>\n</head>\n<body>\n<main id=\"workshop\"></main>\n";
  // JSON inside <script>: the catalogue files hold no "</" (a test checks).
  out += "<script type=\"application/json\" id=\"kopa-messages\">";
  out += embedded_text(kopa_asset_workshop_messages_begin, kopa_asset_workshop_messages_end);
  out += "</script>\n";
  for (const report::WebAsset& script : report::chart_scripts()) append_script(out, script.text);
  append_script(out, embedded_text(kopa_asset_workshop_js_begin, kopa_asset_workshop_js_end));
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace

const std::string& workshop_page() {
  static const std::string page = document();
  return page;
}

std::string_view workshop_page_policy() {
  // Inline scripts and styles, images made by PNG export, and fetches of this server's own API:
  // nothing from anywhere else. 'unsafe-eval' because vega compiles its expressions.
  return "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
         "style-src 'unsafe-inline'; img-src data: blob:; connect-src 'self'";
}

}  // namespace kopa::serve
