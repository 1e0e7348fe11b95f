#pragma once
// A self-contained HTML page: its style, the chart runtime, kopa's page script and the chart
// specifications all inline, so it opens offline by double-click and makes no network request
// (its Content-Security-Policy forbids any).
#include <string>
#include <string_view>
#include <vector>

#include "report/chart.hpp"
#include "report/json.hpp"

namespace kopa::report {

class Page {
 public:
  explicit Page(std::string title);

  // Appends HTML that is already escaped (escape_html() what comes from a file).
  Page& html(std::string_view fragment);
  // Appends a chart: its heading, its caption and the slot the page script renders it into.
  Page& chart(const Chart& chart);

  // The whole document.
  std::string document() const;
  // The ids of the charts added, in order (the PNG files `kopa report --png` writes).
  const std::vector<std::string>& chart_ids() const { return ids_; }

 private:
  std::string title_;
  std::string body_;
  Json specs_ = Json::object();  // chart id -> spec
  std::vector<std::string> ids_;
};

// Text made safe for HTML element content and attribute values (& < > " ').
std::string escape_html(std::string_view text);

}  // namespace kopa::report
