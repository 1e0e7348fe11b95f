#include "stats/text_grid.hpp"

#include <algorithm>
#include <numeric>

namespace kopa::analysis {
namespace {

constexpr std::size_t gap = 2;
constexpr std::size_t min_name_width = 8;

std::vector<std::size_t> column_widths(const TextGrid& grid) {
  std::vector<std::size_t> widths(grid.header.size(), 0);
  const auto widen = [&](const std::vector<std::string>& row) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], row[c].size());
    }
  };
  widen(grid.header);
  for (const auto& row : grid.rows) widen(row);
  return widths;
}

// Column widths with the first (names) narrowed so the line fits max_width, if it can keep
// min_name_width characters.
std::vector<std::size_t> fitted_widths(const TextGrid& grid, std::size_t max_width) {
  std::vector<std::size_t> widths = column_widths(grid);
  if (widths.empty()) return widths;
  const std::size_t others =
      std::accumulate(widths.begin() + 1, widths.end(), std::size_t{0}) + gap * (widths.size() - 1);
  const std::size_t room = max_width > others ? max_width - others : 0;
  widths[0] = std::min(widths[0], std::max(room, min_name_width));
  return widths;
}

std::string pad(std::string_view text, std::size_t width, bool right) {
  const std::string spaces(width > text.size() ? width - text.size() : 0, ' ');
  return right ? spaces + std::string(text) : std::string(text) + spaces;
}

std::string aligned_line(const std::vector<std::string>& row,
                         const std::vector<std::size_t>& widths) {
  std::string line;
  for (std::size_t c = 0; c < widths.size(); ++c) {
    const std::string cell = c < row.size() ? row[c] : "";
    if (c > 0) line += std::string(gap, ' ');
    line += c == 0 ? pad(fit(cell, widths[0]), widths[0], false) : pad(cell, widths[c], true);
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line + "\n";
}

// The name's lines, each at most `width` long: the first starts with `first` (its text so far),
// the others with `indent` (shorter than width); whole '.'-separated parts where they fit, a part
// longer than a whole line cut where the line ends.
std::vector<std::string> wrapped_name(std::string_view name, std::size_t width,
                                      std::string first = "", std::string_view indent = "  ") {
  std::vector<std::string> lines;
  std::string line = std::move(first);
  std::size_t start = line.size();  // where this line's text begins
  while (!name.empty()) {
    const std::size_t dot = name.find('.');
    std::size_t part = dot == std::string_view::npos ? name.size() : dot + 1;
    if (part > width - std::min(width, line.size())) {
      if (line.size() > start) {
        lines.push_back(line);
        line = indent;
        start = indent.size();
        continue;
      }
      part = width - line.size();
    }
    line += name.substr(0, part);
    name.remove_prefix(part);
  }
  lines.push_back(line);
  return lines;
}

std::string markdown_line(const std::vector<std::string>& row) {
  std::string line = "|";
  for (const std::string& cell : row) line += " " + cell + " |";
  return line + "\n";
}

}  // namespace

std::string fit(std::string_view text, std::size_t width) {
  if (text.size() <= width) return std::string(text);
  if (width == 0) return "";
  return std::string(text.substr(0, width - 1)) + "~";
}

std::string wrap(std::string_view text, std::size_t width, std::string_view indent) {
  std::string out;
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line = std::string(indent);
    }
    if (!line.empty() && line != indent) line += ' ';
    if (line.size() + word.size() > width) {
      // A word longer than a line (a long parameter path): broken after its dots.
      std::vector<std::string> pieces = wrapped_name(word, width, line, indent);
      for (std::size_t i = 0; i + 1 < pieces.size(); ++i) out += pieces[i] + "\n";
      line = pieces.back();
    } else {
      line += word;
    }
    start = end + 1;
  }
  if (!line.empty()) out += line + "\n";
  return out;
}

std::string render_aligned(const TextGrid& grid, std::size_t max_width) {
  const std::vector<std::size_t> widths = fitted_widths(grid, max_width);
  if (widths.empty()) return "";
  std::string out = aligned_line(grid.header, widths);
  for (const auto& row : grid.rows) out += aligned_line(row, widths);
  return out;
}

std::string render_wrapped(const TextGrid& grid, std::size_t max_width) {
  const std::vector<std::size_t> widths = fitted_widths(grid, max_width);
  if (widths.empty()) return "";
  std::string out = aligned_line(grid.header, widths);
  for (const auto& row : grid.rows) {
    const std::vector<std::string> names = wrapped_name(row.empty() ? "" : row[0], widths[0]);
    std::vector<std::string> first = row;
    if (!first.empty()) first[0] = names[0];
    out += aligned_line(first, widths);
    for (std::size_t i = 1; i < names.size(); ++i) out += aligned_line({names[i]}, widths);
  }
  return out;
}

std::string render_markdown(const TextGrid& grid) {
  std::string out = markdown_line(grid.header);
  out += "|";
  for (std::size_t c = 0; c < grid.header.size(); ++c) out += c == 0 ? " --- |" : " ---: |";
  out += "\n";
  for (const auto& row : grid.rows) out += markdown_line(row);
  return out;
}

}  // namespace kopa::analysis
