#include "report/page_parts.hpp"

#include "engine/build_info.hpp"
#include "report/page.hpp"
#include "report/web_assets.hpp"

namespace kopa::report {

std::string section_heading(const std::string& id, const std::string& text) {
  return "<h2 id=\"" + escape_html(id) + "\">" + escape_html(text) + "</h2>\n";
}

std::string paragraph(const std::string& text, const std::string& css_class) {
  const std::string attribute =
      css_class.empty() ? "" : " class=\"" + escape_html(css_class) + "\"";
  return "<p" + attribute + ">" + escape_html(text) + "</p>\n";
}

std::string warning(const std::string& text) {
  return paragraph(text, "kopa-warning");
}

std::string fact_list(const std::vector<Fact>& facts) {
  std::string out = "<dl class=\"kopa-facts\">\n";
  for (const auto& [term, description] : facts) {
    out += "<dt>" + escape_html(term) + "</dt><dd>" + escape_html(description) + "</dd>\n";
  }
  return out + "</dl>\n";
}

std::string collapsible_text(const std::string& summary, const std::string& text) {
  return "<details><summary>" + escape_html(summary) + "</summary>\n<pre>" + escape_html(text) +
         "</pre></details>\n";
}

std::string seed_list(const std::vector<std::uint64_t>& seeds) {
  std::string text;
  for (std::size_t r = 0; r < seeds.size(); ++r) {
    text += "replicate " + std::to_string(r) + ": " + std::to_string(seeds[r]) + "\n";
  }
  return text;
}

std::string contents(const std::vector<Fact>& sections) {
  std::string out = "<nav class=\"kopa-contents\"><ol>\n";
  for (const auto& [id, heading] : sections) {
    out += "<li><a href=\"#" + escape_html(id) + "\">" + escape_html(heading) + "</a></li>\n";
  }
  return out + "</ol></nav>\n";
}

std::vector<Fact> file_facts(const FileFacts& file, const std::string& report_command_line) {
  return {{"file", file.path},
          {"format", file.format},
          {"written by", "kopa " + file.kopa_version + " (git " + file.git_commit + ")"},
          {"created (UTC)", file.created_utc},
          {"command", file.command_line},
          {"status", file.status},
          {"page drawn by", "kopa " + std::string(kopa_version()) + " (git " +
                                std::string(git_commit()) + "), " +
                                std::string(chart_runtime_versions())},
          {"page command", report_command_line}};
}

}  // namespace kopa::report
