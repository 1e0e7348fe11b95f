// kopa_write_sample_results OUT.h5: writes the deterministic sample of sample_results.hpp through
// ResultsWriter, for the Python interop test (until `kopa run` exists to write real results).
#include <cstdio>
#include <string>

#include "sample_results.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: kopa_write_sample_results OUT.h5\n");
    return 2;
  }
  const auto headers = kopa::sample::sample_headers();
  auto writer = kopa::io::ResultsWriter::create(
      argv[1], true, {"kopa_write_sample_results " + std::string(argv[1]), 1}, headers);
  if (!writer) {
    std::fprintf(stderr, "error: %s\n", writer.error().message.c_str());
    return 1;
  }
  for (std::size_t s = 0; s < headers.size(); ++s) {
    for (int r = 0; r < headers[s].replicates; ++r) {
      const auto written = writer->write_run(s, r, kopa::sample::sample_run(headers[s], s, r));
      if (!written) {
        std::fprintf(stderr, "error: %s\n", written.error().message.c_str());
        return 1;
      }
    }
  }
  const auto finished = writer->finish(kopa::io::RunStatus::complete);
  if (!finished) {
    std::fprintf(stderr, "error: %s\n", finished.error().message.c_str());
    return 1;
  }
  return 0;
}
