#pragma once
// HTML pieces both report pages are made of: section headings, lists of facts, collapsible
// blocks of text, a warning, the table of contents.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace kopa::report {

using Fact = std::pair<std::string, std::string>;  // term, description (plain text)

std::string section_heading(const std::string& id, const std::string& text);
std::string paragraph(const std::string& text, const std::string& css_class = "");
std::string warning(const std::string& text);
// <dl> of plain-text facts.
std::string fact_list(const std::vector<Fact>& facts);
// A <details> block, closed, whose body is `text` verbatim in a <pre> (a TOML file, a seed list).
std::string collapsible_text(const std::string& summary, const std::string& text);
// "replicate 0: <seed>" a line each.
std::string seed_list(const std::vector<std::uint64_t>& seeds);
// Links to the page's sections: (id, heading) pairs.
std::string contents(const std::vector<Fact>& sections);

// The facts of a kopa file's root attributes that both formats share.
struct FileFacts {
  std::string path;
  std::string format;  // "kopa-results 1.0"
  std::string kopa_version;
  std::string git_commit;
  std::string created_utc;
  std::string command_line;
  std::string status;
};
std::vector<Fact> file_facts(const FileFacts& file, const std::string& report_command_line);

}  // namespace kopa::report
