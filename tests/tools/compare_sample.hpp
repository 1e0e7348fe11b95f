#pragma once
// A results sample for tests/python/test_compare_json.py: three scenarios, five replicates, six
// months, values varied enough that every paired difference has a spread. One scenario stopped
// early (replicate 3 of one_roof never finished), so the file is `interrupted` and pairing by
// replicate number matters. The Python test reads the values back with h5py, so nothing here
// needs mirroring there.
#include <cmath>
#include <string>
#include <vector>

#include "io/results_writer.hpp"
#include "model/metrics.hpp"

namespace kopa::sample {

inline constexpr int compare_replicates = 5;
inline constexpr int compare_months = 6;

inline std::vector<io::ScenarioHeader> compare_headers() {
  std::vector<io::ScenarioHeader> headers;
  for (const char* name : {"baseline", "seed_funding", "one_roof"}) {
    headers.push_back({name,
                       "compare sample",
                       std::string("name = \"") + name + "\"\n",
                       11,
                       compare_replicates,
                       compare_months,
                       1.0,
                       DimensionLabels{},
                       {11, 12, 13, 14, 15},
                       {},
                       {},

                       std::nullopt});
  }
  return headers;
}

// Replicates written per scenario (one_roof lacks replicate 3).
inline std::vector<int> compare_done(std::size_t scenario) {
  return scenario == 2 ? std::vector<int>{0, 1, 2, 4} : std::vector<int>{0, 1, 2, 3, 4};
}

// Positive, varied, scenario effect plus noise that differs by scenario (no constant differences).
inline double compare_value(std::size_t scenario, int replicate, std::size_t metric, int month) {
  const double s = static_cast<double>(scenario);
  const double noise = std::sin(1.7 * replicate + 0.9 * static_cast<double>(metric) + 0.3 * month +
                                2.1 * s * replicate);
  return 50.0 + 5.0 * static_cast<double>(metric % 7) + 3.0 * s + 2.0 * month + 4.0 * noise;
}

inline RunSeries compare_run(const io::ScenarioHeader& header, std::size_t scenario,
                             int replicate) {
  RunSeries series(header.months, header.labels);
  for (std::size_t m = 0; m < metric_count; ++m) {
    const auto metric = static_cast<Metric>(m);
    if (series.width(metric) != 1) continue;  // breakdowns are empty here
    for (int month = 0; month < header.months; ++month) {
      // Part of all money awarded, so the share stays below 1 as in a real run.
      const double part = metric == Metric::money_awarded_disadvantaged ? 0.4 : 1.0;
      series.at(metric, month) = part * compare_value(scenario, replicate, m, month);
    }
  }
  return series;
}

}  // namespace kopa::sample
