#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kopa::analysis {

// A table of cells (ASCII text), rendered aligned for a terminal or as a Markdown table. The first
// column holds names and is left-aligned; the others hold numbers and are right-aligned.
struct TextGrid {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// Columns separated by two spaces; the first column is shortened (names end in '~') so that no
// line is wider than max_width while it can keep at least 8 characters.
std::string render_aligned(const TextGrid& grid, std::size_t max_width);

// The same, but a first-column name too long for its share of max_width is wrapped, not cut:
// broken after a '.' where it can be (a parameter path keeps whole parts), its continuation lines
// indented by two spaces, so every name stays whole and unambiguous.
std::string render_wrapped(const TextGrid& grid, std::size_t max_width);

// A GitHub-flavoured Markdown table with right-aligned number columns.
std::string render_markdown(const TextGrid& grid);

// `text` cut to `width` characters (ending in '~' when cut).
std::string fit(std::string_view text, std::size_t width);

// `text` broken at spaces into lines of at most `width` characters; continuation lines indented.
std::string wrap(std::string_view text, std::size_t width, std::string_view indent);

}  // namespace kopa::analysis
