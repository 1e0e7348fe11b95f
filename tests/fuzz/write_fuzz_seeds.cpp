// write_fuzz_seeds OUT_FOLDER: the seed corpus of fuzz_kopa_file, written by this build's own
// writers so that the seeds always follow the current format: the compare sample (three
// scenarios, one interrupted), the layout sample (every breakdown, UTF-8 labels) and a small
// sweep file.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

#include "../tools/compare_sample.hpp"
#include "../tools/sample_results.hpp"
#include "io/sweep_writer.hpp"
#include "sweep/journal.hpp"

namespace {

namespace fs = std::filesystem;
using kopa::Status;

bool report(const Status& status, const char* what) {
  if (!status)
    std::fprintf(stderr, "write_fuzz_seeds: %s: %s\n", what, status.error().message.c_str());
  return static_cast<bool>(status);
}

bool write_results(const fs::path& target, const std::vector<kopa::io::ScenarioHeader>& headers,
                   bool compare) {
  auto writer = kopa::io::ResultsWriter::create(target, true, {"write_fuzz_seeds", 1}, headers);
  if (!writer) return report(writer.error(), "results");
  for (std::size_t s = 0; s < headers.size(); ++s) {
    const auto done = compare ? kopa::sample::compare_done(s) : std::vector<int>{0, 1, 2};
    for (const int r : done) {
      const auto series = compare ? kopa::sample::compare_run(headers[s], s, r)
                                  : kopa::sample::sample_run(headers[s], s, r);
      if (!report(writer->write_run(s, r, series), "results run")) return false;
    }
  }
  return report(
      writer->finish(compare ? kopa::io::RunStatus::interrupted : kopa::io::RunStatus::complete),
      "results finish");
}

bool write_sweep(const fs::path& target) {
  kopa::io::SweepHeader h;
  h.sweep_toml = "[sweep]\nbase = \"baseline.toml\"\nreplicates = 2\ndesign = \"grid\"\n";
  h.base_scenario_toml = "name = \"baseline\"\n";
  h.design = "grid";
  h.replicates = 2;
  h.months = 4;
  h.labels.labels[static_cast<std::size_t>(kopa::Breakdown::region)] = {"north", "south"};
  h.factors = {{"levers.seed_funding.budget_per_year", "EUR/year", "values"}};
  h.points = {{100000.0}, {200000.0}, {400000.0}};
  h.people_per_agent = {1.0, 1.0, 1.0};
  h.replicate_seeds = {7, 8};
  auto writer = kopa::io::SweepWriter::create(target, true, {"write_fuzz_seeds", 1}, h);
  if (!writer) return report(writer.error(), "sweep");
  const auto count = kopa::sweep::values_per_run(h.months, h.labels);
  for (std::size_t p = 0; p < h.points.size(); ++p) {
    for (int r = 0; r < h.replicates; ++r) {
      if (p == 2 && r == 1) continue;  // an interrupted sweep: one run missing
      std::vector<double> values(count);
      for (std::size_t i = 0; i < count; ++i) {
        values[i] =
            std::fmod(31.0 * static_cast<double>(i) + 7.0 * static_cast<double>(p) + r, 97.0);
      }
      if (!report(writer->write_run(p, r, values), "sweep run")) return false;
    }
  }
  return report(writer->finish(kopa::io::RunStatus::interrupted), "sweep finish");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_fuzz_seeds OUT_FOLDER\n");
    return 2;
  }
  const fs::path folder = argv[1];
  const bool ok =
      write_results(folder / "results-compare.h5", kopa::sample::compare_headers(), true) &&
      write_results(folder / "results-layout.h5", kopa::sample::sample_headers(), false) &&
      write_sweep(folder / "sweep.h5");
  return ok ? 0 : 1;
}
