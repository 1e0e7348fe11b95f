#pragma once
// One chart of a page, and the pieces every kopa chart specification shares: the Vega-Lite
// schema, one colour per scenario (the baseline always grey), axis and field helpers.
#include <string>
#include <vector>

#include "report/json.hpp"

namespace kopa::report {

struct Chart {
  std::string id;       // stable, file-name safe: names the PNG and SVG ("fan-founders_sustained")
  std::string title;    // the section heading above it
  std::string caption;  // how to read it, in a sentence or two
  Json spec;            // a Vega-Lite specification with its data inline
};

// A Vega-Lite top-level specification with kopa's look (font sizes, no chart border).
Json vega_lite_spec();

// The scale that gives each scenario the same colour in every chart of a page: the baseline
// grey, the others the "tableau10" colours in the order given. Without `with_baseline` the
// baseline is left out of the legend (for charts of differences from it); the others keep
// their colours.
Json scenario_color_scale(const std::vector<std::string>& scenarios, const std::string& baseline,
                          bool with_baseline = true);

// A value axis title: the units ("founders", "EUR/month"), "ratio" for units "1". Short, so it
// fits beside a small panel; the chart's title names the metric. A flow `summed` over months
// loses its "/month" (EUR/month summed is EUR).
std::string units_title(const std::string& units, bool summed = false);

// An encoding channel for a field: {"field", "type", "title"}.
Json field(const std::string& name, const std::string& type, const std::string& title);

// An estimate with its interval per scenario, for charts of differences from the baseline: a
// rule from field ci_low to ci_high and a dot at field `estimate`, a row per scenario other than
// the baseline (in the order given), coloured as in every chart, no legend. `tooltip` adds
// fields to the dot's tooltip after scenario, estimate and interval.
Json interval_marks(const std::vector<std::string>& scenarios, const std::string& baseline,
                    const std::string& estimate, const std::string& x_title,
                    std::vector<Json> tooltip = {});

// A file-name safe chart id from parts ("fan", "founders_sustained" -> "fan-founders_sustained"):
// anything outside [A-Za-z0-9_-] becomes '_'.
std::string chart_id(const std::string& kind, const std::string& name);

}  // namespace kopa::report
