// Small command-line companion to the benchmark suite (docs/performance.md):
//
//   kopa_bench_driver run FOUNDERS MONTHS [baseline|combined] [THREADS] [events|monthly]
//       one run, for /usr/bin/time -v (peak memory at 10^7 founders) and for callgrind;
//       `monthly`: the reference scheduling of idle founders (model/idle_wait.hpp);
//   kopa_bench_driver identity write FILE | identity compare FILE [events|monthly]
//       3 replicates of 5,000 founders x 60 months with all levers on: writes every RunSeries
//       value to FILE, or compares them bit for bit with FILE. An optimisation must leave
//       `compare` silent and exiting 0.
#include <bit>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "engine/run.hpp"
#include "model/model.hpp"

namespace kopa::bench {
namespace {

constexpr std::uint64_t base_seed = 20240601;

int usage() {
  std::cerr << "usage: kopa_bench_driver run FOUNDERS MONTHS [baseline|combined] [THREADS] "
               "[events|monthly]\n"
               "       kopa_bench_driver identity write|compare FILE [events|monthly]\n";
  return 2;
}

// The scheduling named by argv[k] (events when absent), or nullopt for another word.
std::optional<Scheduling> scheduling_arg(int argc, char** argv, int k) {
  if (argc <= k) return Scheduling::events;
  const std::string word = argv[k];
  if (word == "events") return Scheduling::events;
  if (word == "monthly") return Scheduling::monthly;
  return std::nullopt;
}

int run(int argc, char** argv) {
  if (argc < 4) return usage();
  const std::int64_t founders = std::stoll(argv[2]);
  const std::int64_t months = std::stoll(argv[3]);
  const std::string policy = argc > 4 ? argv[4] : "combined";
  if (policy != "baseline" && policy != "combined") return usage();
  const int threads = argc > 5 ? std::stoi(argv[5]) : all_threads();
  const auto scheduling = scheduling_arg(argc, argv, 6);
  if (!scheduling) return usage();
  const Model model(bench_parameters(founders, months,
                                     policy == "combined" ? Policy::combined : Policy::baseline));
  const auto start = std::chrono::steady_clock::now();
  RunSeries series;
  with_threads(threads, [&] {
    series = run_replicate(model, base_seed, 0, Parallelism::blocks, *scheduling);
  });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "%lld founders x %lld months, %s, %d thread(s): %.3f s, %.1f M founder-months/s, "
      "peak RSS %.1f MB\n",
      static_cast<long long>(founders), static_cast<long long>(months), policy.c_str(), threads,
      seconds, static_cast<double>(founders * months) / seconds / 1e6, peak_rss_bytes() / 1e6);
  return 0;
}

// Every value of the three replicates' series, as raw bit patterns.
std::vector<std::uint64_t> identity_values(Scheduling scheduling) {
  const Model model(bench_parameters(5000, 60, Policy::combined));
  std::vector<std::uint64_t> bits;
  for (int replicate = 0; replicate < 3; ++replicate) {
    const RunSeries series =
        run_replicate(model, base_seed, replicate, Parallelism::blocks, scheduling);
    for (const auto& metric : series.values) {
      bits.push_back(metric.size());
      for (double value : metric) bits.push_back(std::bit_cast<std::uint64_t>(value));
    }
  }
  return bits;
}

int identity(int argc, char** argv) {
  if (argc != 4 && argc != 5) return usage();
  const std::string mode = argv[2];
  const auto scheduling = scheduling_arg(argc, argv, 4);
  if (!scheduling) return usage();
  const std::vector<std::uint64_t> bits = identity_values(*scheduling);
  if (mode == "write") {
    std::ofstream out(argv[3], std::ios::binary);
    out.write(reinterpret_cast<const char*>(bits.data()),
              static_cast<std::streamsize>(bits.size() * sizeof(std::uint64_t)));
    std::printf("wrote %zu values to %s\n", bits.size(), argv[3]);
    return out ? 0 : 1;
  }
  if (mode != "compare") return usage();
  std::ifstream in(argv[3], std::ios::binary);
  std::vector<std::uint64_t> expected(bits.size() + 1);
  in.read(reinterpret_cast<char*>(expected.data()),
          static_cast<std::streamsize>(expected.size() * sizeof(std::uint64_t)));
  const auto read = static_cast<std::size_t>(in.gcount()) / sizeof(std::uint64_t);
  expected.resize(read);
  if (expected != bits) {
    std::printf("DIFFERENT: %zu values expected, %zu computed\n", read, bits.size());
    return 1;
  }
  std::printf("identical: %zu values\n", bits.size());
  return 0;
}

}  // namespace
}  // namespace kopa::bench

int main(int argc, char** argv) {
  if (argc < 2) return kopa::bench::usage();
  const std::string command = argv[1];
  if (command == "run") return kopa::bench::run(argc, argv);
  if (command == "identity") return kopa::bench::identity(argc, argv);
  return kopa::bench::usage();
}
