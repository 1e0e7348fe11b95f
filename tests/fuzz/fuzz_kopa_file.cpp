// libFuzzer target: any bytes, saved as a file, given to what reads kopa files (the format check,
// the results and sweep readers with every metric, and `kopa compare`) give an error message or
// a result, never a crash, a hang or a leak. Seeds: write_fuzz_seeds (run-fuzz.sh).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/cli.hpp"
#include "io/kopa_file.hpp"
#include "io/results_format.hpp"
#include "io/results_reader.hpp"
#include "io/sweep_reader.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path& scratch_file() {
  static const fs::path path =
      (fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path()) /
      ("kopa-fuzz-" + std::to_string(::getpid()) + ".h5");
  return path;
}

void read_results(const fs::path& path) {
  auto reader = kopa::io::ResultsReader::open(path);
  if (!reader) return;
  const auto& file = reader->contents();
  for (std::size_t s = 0; s < file.scenarios.size(); ++s) {
    for (const auto& metric : file.scenarios[s].metrics) {
      static_cast<void>(reader->read_metric(s, metric));
    }
  }
}

void read_sweep(const fs::path& path) {
  auto reader = kopa::io::SweepReader::open(path);
  if (!reader) return;
  for (const auto& metric : reader->contents().metrics) {
    static_cast<void>(reader->read_metric(metric));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const fs::path& path = scratch_file();
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  const auto format = kopa::io::read_file_format(path);
  if (format && *format == kopa::io::sweep_format_name) {
    read_sweep(path);
  } else if (format) {
    read_results(path);
  }
  std::ostringstream out, err;
  static_cast<void>(kopa::run_cli({"compare", path.string()}, out, err));
  return 0;
}
