#pragma once
// PNGs of a page's charts, drawn by the renderer that draws them on screen: the page opens in
// headless Chromium (Debian's), and its own script asks each vega view for its PNG
// (view.toImageURL), as the PNG button does. Needs Chromium, nothing else: no Node, no npm.
#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "util/expected.hpp"

namespace kopa::report {

struct ChartImage {
  std::string id;   // the chart's id: the file is <id>.png
  std::string png;  // the bytes
};

// The Chromium kopa runs: $KOPA_CHROMIUM if set, else the first of chromium, chromium-browser
// on PATH. An error says how to install it.
Expected<std::filesystem::path> find_chromium();

// Opens `page_html` (a report page) in headless Chromium with a fresh profile in a temporary
// folder that is removed afterwards, and returns one PNG per id in `ids` (every chart of the
// page). Errors: no Chromium, Chromium failing or taking longer than `timeout_seconds`, a chart
// the page could not draw. `cancel` (Ctrl-C) stops Chromium and returns an error.
Expected<std::vector<ChartImage>> render_chart_pngs(const std::string& page_html,
                                                    const std::vector<std::string>& ids,
                                                    const std::atomic<bool>* cancel = nullptr,
                                                    int timeout_seconds = 300);

}  // namespace kopa::report
