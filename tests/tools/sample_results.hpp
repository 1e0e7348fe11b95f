#pragma once
// A small deterministic results sample, shared by the unit tests and kopa_write_sample_results
// (which the Python interop test runs). tests/python/test_results_layout.py computes the same
// values: keep sample_value and the labels in step with it.
#include <string>
#include <vector>

#include "io/results_writer.hpp"
#include "model/metrics.hpp"

namespace kopa::sample {

inline constexpr int sample_replicates = 3;
inline constexpr int sample_months = 5;

// Distinct and exact in binary for every (scenario, replicate, metric, month, label).
inline double sample_value(std::size_t scenario, int replicate, std::size_t metric, int month,
                           std::size_t label) {
  return 1e7 * static_cast<double>(scenario) + 1e5 * replicate + 1e3 * static_cast<double>(metric) +
         10.0 * month + static_cast<double>(label) + 0.25;
}

inline std::vector<io::ScenarioHeader> sample_headers() {
  auto labels_of = [](std::vector<std::string> lever) {
    DimensionLabels labels;
    auto at = [&](Breakdown b) -> auto& {
      return labels.labels[static_cast<std::size_t>(b)];
    };
    at(Breakdown::group) = {"mainstream", "disadvantaged"};
    at(Breakdown::region) = {"north", "Ñuble", "Łódź"};  // labels are UTF-8
    at(Breakdown::funder) = {"eu_fund", "regional_bank"};
    at(Breakdown::partner_kind) = {"founder", "advocate", "funder", "public_body"};
    at(Breakdown::lever) = std::move(lever);
    return labels;
  };
  io::ScenarioHeader baseline{"baseline",
                              "No levers: the reference every scenario is compared with.",
                              "name = \"baseline\"\nmonths = 5\n",
                              42,
                              sample_replicates,
                              sample_months,
                              1.0,
                              labels_of({}),  // no levers: an empty dimension
                              {1001, 1002, 1003},
                              {},
                              {},

                              std::nullopt};
  io::ScenarioHeader seed_funding{"seed_funding",
                                  "Tailored seed funding, with a one-roof platform.",
                                  "name = \"seed_funding\"\nmonths = 5\n[levers.seed_fund]\n",
                                  18446744073709551557ull,  // near 2^64: seeds are unsigned
                                  sample_replicates,
                                  sample_months,
                                  12.5,
                                  labels_of({"seed_fund", "one_roof"}),
                                  {2001, 2002, 18446744073709551615ull},
                                  {},
                                  {},

                                  std::nullopt};
  return {baseline, seed_funding};
}

inline RunSeries sample_run(const io::ScenarioHeader& header, std::size_t scenario, int replicate) {
  RunSeries series(header.months, header.labels);
  for (std::size_t m = 0; m < metric_count; ++m) {
    const auto metric = static_cast<Metric>(m);
    for (int month = 0; month < header.months; ++month) {
      for (std::size_t label = 0; label < series.width(metric); ++label) {
        series.at(metric, month, label) = sample_value(scenario, replicate, m, month, label);
      }
    }
  }
  // Cohorts shrink with the years; the last year has no start-up old enough (share NaN).
  for (std::size_t k = 0; k + 1 < survival_years; ++k) {
    series.survival.launched[k] = 10.0 * static_cast<double>(survival_years - k) + replicate;
    series.survival.operating[k] =
        series.survival.launched[k] * (0.9 - 0.1 * static_cast<double>(k)) -
        static_cast<double>(scenario);
  }
  return series;
}

}  // namespace kopa::sample
