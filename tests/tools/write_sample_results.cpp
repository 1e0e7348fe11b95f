// kopa_write_sample_results OUT.h5 [--compare]: writes a deterministic sample through
// ResultsWriter for the Python interop tests (until `kopa run` exists to write real results):
// by default the layout sample of sample_results.hpp; with --compare the several-scenario,
// interrupted sample of compare_sample.hpp.
#include <cstdio>
#include <functional>
#include <string>

#include "compare_sample.hpp"
#include "sample_results.hpp"

namespace {

using RunFor = std::function<kopa::RunSeries(const kopa::io::ScenarioHeader&, std::size_t, int)>;
using DoneFor = std::function<std::vector<int>(std::size_t, const kopa::io::ScenarioHeader&)>;

int write(const std::string& target, const std::vector<kopa::io::ScenarioHeader>& headers,
          const RunFor& run_for, const DoneFor& done_for, kopa::io::RunStatus status) {
  auto writer = kopa::io::ResultsWriter::create(
      target, true, {"kopa_write_sample_results " + target, 1}, headers);
  if (!writer) {
    std::fprintf(stderr, "error: %s\n", writer.error().message.c_str());
    return 1;
  }
  for (std::size_t s = 0; s < headers.size(); ++s) {
    for (const int r : done_for(s, headers[s])) {
      const auto written = writer->write_run(s, r, run_for(headers[s], s, r));
      if (!written) {
        std::fprintf(stderr, "error: %s\n", written.error().message.c_str());
        return 1;
      }
    }
  }
  const auto finished = writer->finish(status);
  if (!finished) {
    std::fprintf(stderr, "error: %s\n", finished.error().message.c_str());
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const bool compare = argc == 3 && std::string(argv[2]) == "--compare";
  if (argc != 2 && !compare) {
    std::fprintf(stderr, "usage: kopa_write_sample_results OUT.h5 [--compare]\n");
    return 2;
  }
  if (compare) {
    return write(
        argv[1], kopa::sample::compare_headers(), kopa::sample::compare_run,
        [](std::size_t s, const auto&) { return kopa::sample::compare_done(s); },
        kopa::io::RunStatus::interrupted);
  }
  return write(
      argv[1], kopa::sample::sample_headers(), kopa::sample::sample_run,
      [](std::size_t, const kopa::io::ScenarioHeader& header) {
        std::vector<int> all(header.replicates);
        for (int r = 0; r < header.replicates; ++r) all[r] = r;
        return all;
      },
      kopa::io::RunStatus::complete);
}
