#include "report/page.hpp"

#include "engine/build_info.hpp"
#include "report/web_assets.hpp"

namespace kopa::report {
namespace {

// Inline scripts and styles only, plus the data: and blob: images that PNG export makes;
// 'unsafe-eval' because vega compiles its expressions to functions. No source may be fetched.
constexpr std::string_view content_security_policy =
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'unsafe-inline'; img-src data: blob:";

void append_script(std::string& out, std::string_view text) {
  out += "<script>\n";
  out += text;
  out += "\n</script>\n";
}

}  // namespace

Page::Page(std::string title) : title_(std::move(title)) {}

Page& Page::html(std::string_view fragment) {
  body_ += fragment;
  return *this;
}

Page& Page::chart(const Chart& chart) {
  // The spec carries the chart's title (so an exported PNG has it); the caption follows it.
  body_ += "<div class=\"kopa-chart\" id=\"" + escape_html(chart.id) + "\" data-chart=\"" +
           escape_html(chart.id) + "\" aria-label=\"" + escape_html(chart.title) + "\"></div>\n";
  body_ += "<p class=\"kopa-caption\">" + escape_html(chart.caption) + "</p>\n";
  specs_.set(chart.id, chart.spec);
  ids_.push_back(chart.id);
  return *this;
}

std::string Page::document() const {
  std::string out =
      "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"";
  out += content_security_policy;
  out += "\">\n<meta name=\"generator\" content=\"kopa " + std::string(kopa_version()) + " (git " +
         std::string(git_commit()) + "); " + std::string(chart_runtime_versions()) + "\">\n";
  out += "<title>" + escape_html(title_) + "</title>\n<style>\n";
  out += report_style().text;
  out += "</style>\n</head>\n<body>\n";
  out += body_;
  out += "<script type=\"application/json\" id=\"kopa-chart-specs\">";
  specs_.dump_to(out);
  out += "</script>\n";
  for (const WebAsset& script : chart_scripts()) append_script(out, script.text);
  append_script(out, report_script().text);
  out += "</body>\n</html>\n";
  return out;
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace kopa::report
