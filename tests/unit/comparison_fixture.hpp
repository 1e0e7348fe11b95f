#pragma once
// Synthetic inputs for the comparison and format tests: small ones with hand-computable values,
// and a realistic-size one (5 scenarios, 30 replicates, 120 months).
#include <cmath>
#include <string>
#include <vector>

#include "stats/comparison_input.hpp"

namespace kopa::analysis::testing {

using Rows = std::vector<std::vector<double>>;  // [replicate][month]

inline MetricSeries stock(std::string name, Rows values) {
  return {std::move(name), false, "founders", "a stock", std::move(values)};
}

inline MetricSeries flow(std::string name, Rows values) {
  return {std::move(name), true, "EUR/month", "a flow", std::move(values)};
}

// Every metric the headline set and the cost ratios read, for `replicates` replicates over
// `months` months; value(metric index, replicate, month) fills them.
template <class Value>
ScenarioResults full_scenario(std::string name, std::size_t replicates, std::size_t months,
                              Value value) {
  const std::vector<std::pair<std::string, bool>> names{
      {"founders_sustained", false}, {"founders_startup", false},
      {"jobs_disadvantaged", false}, {"money_awarded_disadvantaged", true},
      {"money_awarded", true},       {"collaborations", false},
      {"public_cost", true},         {"new_startups", true}};
  ScenarioResults scenario{std::move(name), {}, {}, {}};
  for (std::size_t m = 0; m < names.size(); ++m) {
    Rows rows(replicates, std::vector<double>(months));
    for (std::size_t r = 0; r < replicates; ++r) {
      for (std::size_t t = 0; t < months; ++t) rows[r][t] = value(m, r, t);
    }
    scenario.metrics.push_back(names[m].second ? flow(names[m].first, rows)
                                               : stock(names[m].first, rows));
  }
  return scenario;
}

// Five scenarios like the shipped defaults; policy scenarios add a replicate-dependent effect
// to founders, jobs and cost (so intervals differ and some exclude zero).
inline ComparisonInput realistic_input() {
  const std::vector<std::string> names{"baseline", "seed_funding", "one_roof", "knowledge_exchange",
                                       "combined"};
  ComparisonInput input;
  for (std::size_t s = 0; s < names.size(); ++s) {
    input.scenarios.push_back(
        full_scenario(names[s], 30, 120, [s](std::size_t metric, std::size_t r, std::size_t t) {
          // Shared noise (same random numbers in every scenario) plus a little of the scenario's
          // own.
          const double noise = std::sin(static_cast<double>(r * 7 + metric * 3 + t) * 1.3) +
                               0.3 * std::sin(static_cast<double>(r * 11 + s * 5 + metric));
          const double effect = static_cast<double>(s) * (1.0 + 0.1 * static_cast<double>(r % 5));
          const double month = static_cast<double>(t);
          switch (metric) {
            case 3:  // money to disadvantaged groups
              return 4000.0 + 1500.0 * effect + 500.0 * noise;
            case 4:  // all money awarded
              return 20000.0 + 2000.0 * effect + 800.0 * noise;
            case 6:  // public cost, EUR per month
              return 150000.0 + 40000.0 * effect + 5000.0 * noise;
            default:
              return 0.2 * month + 3.0 * effect + 2.0 * noise + 10.0 * static_cast<double>(metric);
          }
        }));
  }
  return input;
}

}  // namespace kopa::analysis::testing
