// The performance suite (docs/performance.md): engine throughput, the what-if ensemble, the
// national-scale run, sweep throughput with output, HDF5 write speed and memory per founder.
// Run it with `make bench`; medians over repetitions are what the targets are judged on.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "cli/cli.hpp"
#include "engine/ensemble.hpp"
#include "engine/run.hpp"
#include "io/results_writer.hpp"
#include "model/model.hpp"
#include "model/state.hpp"
#include "scenario/scenario.hpp"
#include "serve/workshop_api.hpp"
#include "sweep/design.hpp"
#include "sweep/sweep_file.hpp"

namespace kopa::bench {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t base_seed = 20240601;

// Months per throughput run: long enough for start-ups, grants and ties to build up (the costly
// later months), short enough that 10^6 founders on one thread fits the suite's time.
constexpr std::int64_t throughput_months = 60;

// Engine throughput: founder-months per second of one run. Args: founders, policy, threads.
void BM_EngineThroughput(benchmark::State& state) {
  const auto founders = state.range(0);
  const auto policy = static_cast<Policy>(state.range(1));
  const int threads = state.range(2) == 0 ? all_threads() : static_cast<int>(state.range(2));
  const Model model(bench_parameters(founders, throughput_months, policy));
  int replicate = 0;
  for (auto _ : state) {
    with_threads(threads,
                 [&] { benchmark::DoNotOptimize(run_replicate(model, base_seed, replicate++)); });
  }
  state.SetItemsProcessed(state.iterations() * founders * throughput_months);
  state.counters["threads"] = threads;
  state.SetLabel(to_string(policy) + ", " + std::to_string(threads) + " thread(s)");
}
// threads 0: all threads.
BENCHMARK(BM_EngineThroughput)
    ->ArgNames({"founders", "combined", "threads"})
    ->ArgsProduct({{10'000, 100'000, 1'000'000}, {0, 1}, {1, 0}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime();

// What-if ensemble: baseline plus one policy (seed funding), 20 replicates each, 10,000
// founders, 120 months, all threads; the wall time of the whole ensemble.
void BM_WhatIfEnsemble(benchmark::State& state) {
  constexpr int replicates = 20;
  constexpr std::int64_t founders = 10'000;
  constexpr std::int64_t months = 120;
  ModelParameters policy = bench_parameters(founders, months);
  enable_lever(policy, Lever::seed_funding);
  const std::vector<Model> models{Model(bench_parameters(founders, months)), Model(policy)};
  std::vector<RunSeries> results(models.size() * replicates);
  for (auto _ : state) {
    with_threads(all_threads(), [&] {
      tbb::parallel_for(std::size_t{0}, results.size(), [&](std::size_t run) {
        results[run] =
            run_replicate(models[run / replicates], base_seed, static_cast<int>(run % replicates));
      });
    });
    benchmark::DoNotOptimize(results.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(results.size()) *
                          founders * months);
  state.counters["runs"] = static_cast<double>(results.size());
}
BENCHMARK(BM_WhatIfEnsemble)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Iterations(1);

// Workshop what-if (kopa serve, docs/serve.md): the answer to one slider move at workshop size
// (10 replicates x 10,000 agents x 120 months, all threads): the page's default start, the
// shipped scenarios/workshop.toml, cached, the what-if run, compared and written as JSON. Each
// iteration moves the seed budget to a new value (nothing cached); counters give the median and
// 95th percentile latency over the iterations.
void BM_WorkshopWhatIf(benchmark::State& state) {
  auto library = serve::ScenarioLibrary::load(fs::path(KOPA_SOURCE_DIR) / "scenarios");
  if (!library) {
    state.SkipWithError(library.error().message.c_str());
    return;
  }
  serve::WorkshopApi api(std::move(*library), {}, all_threads());
  tbb::global_control cap(tbb::global_control::max_allowed_parallelism,
                          static_cast<std::size_t>(all_threads()));
  const auto body = [](int budget) {
    return R"({"replicates": 10, "set": {"levers.seed_funding.enabled": true,
               "levers.seed_funding.budget_per_year": )" +
           std::to_string(budget) + "}}";
  };
  if (api.whatif(body(200000)).status != 200) state.SkipWithError("the first what-if failed");
  std::vector<double> seconds;
  int budget = 200000;
  for (auto _ : state) {
    budget += 10000;
    const auto start = std::chrono::steady_clock::now();
    const serve::ApiResponse answer = api.whatif(body(budget));
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    if (answer.status != 200) state.SkipWithError(answer.body.c_str());
    seconds.push_back(took.count());
    state.SetIterationTime(took.count());
  }
  std::sort(seconds.begin(), seconds.end());
  const auto at = [&](double q) {
    return seconds[static_cast<std::size_t>(q * static_cast<double>(seconds.size() - 1) + 0.5)];
  };
  state.counters["median_s"] = at(0.5);
  state.counters["p95_s"] = at(0.95);
}
BENCHMARK(BM_WorkshopWhatIf)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(20);

// National scale: 1,000,000 founders, 120 months, combined, one run on all threads; wall time
// and the process's peak resident memory.
void BM_NationalScale(benchmark::State& state) {
  constexpr std::int64_t founders = 1'000'000;
  constexpr std::int64_t months = 120;
  const Model model(bench_parameters(founders, months, Policy::combined));
  for (auto _ : state) {
    with_threads(all_threads(),
                 [&] { benchmark::DoNotOptimize(run_replicate(model, base_seed, 0)); });
  }
  state.SetItemsProcessed(state.iterations() * founders * months);
  state.counters["peak_rss_MB"] = peak_rss_bytes() / 1e6;
}
BENCHMARK(BM_NationalScale)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->MeasureProcessCPUTime()
    ->Iterations(1);

// A results file in the temporary folder, unique to this process, removed when done.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& name)
      : path_(fs::temp_directory_path() /
              ("kopa_bench_" + std::to_string(::getpid()) + "_" + name + ".h5")) {}
  ~ScratchFile() {
    std::error_code ignored;
    fs::remove(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

io::ScenarioHeader header_for(const Model& model, std::string name, int replicates) {
  return io::scenario_header(std::move(name), "benchmark", "", model, base_seed, replicates);
}

// Bytes of metric values in one run's series (what write_run puts on disk, before HDF5's own).
double series_bytes(const RunSeries& series) {
  double bytes = 0;
  for (const auto& values : series.values) bytes += static_cast<double>(values.size()) * 8.0;
  return bytes;
}

// Fails the benchmark (rather than the process) on a writer error.
bool check(benchmark::State& state, const Status& status) {
  if (!status) state.SkipWithError(status.error().message.c_str());
  return static_cast<bool>(status);
}

// Sweep throughput with output: the real `kopa sweep` (journal, then the HDF5 file) on a
// 200-point Latin hypercube over the seed fund's budget and largest grant, one replicate per
// point, 10,000 founders, 120 months, all threads. The same 200 runs are also timed with no
// output at all, so the output's share of the wall time is measured, not guessed.
void BM_SweepWithOutput(benchmark::State& state) {
  const ScratchFile sweep_file("sweep-toml");
  {
    std::ofstream out(sweep_file.path());
    out << "[sweep]\nbase = \""
        << (fs::path(KOPA_SOURCE_DIR) / "scenarios/seed_funding.toml").string()
        << "\"\nreplicates = 1\ndesign = \"lhs\"\nsamples = 200\nseed = 1\n"
           "[sweep.set]\n\"simulation.founders\" = 10000\n"
           "[[factor]]\npath = \"levers.seed_funding.budget_per_year\"\nmin = 100000.0\n"
           "max = 2000000.0\n"
           "[[factor]]\npath = \"levers.seed_funding.grant_max\"\nmin = 5000.0\nmax = 30000.0\n";
  }
  double plain_seconds = 0, sweep_seconds = 0;
  std::size_t runs = 0;
  for (auto _ : state) {
    // Without output: the same sweep loaded (every point through the scenario loader) and run.
    const auto begin = std::chrono::steady_clock::now();
    const sweep::SweepLoad load = sweep::load_sweep(sweep_file.path());
    if (!load.sweep) {
      state.SkipWithError(load.issues.empty() ? "cannot load the sweep"
                                              : format_issue(load.issues.front()).c_str());
      break;
    }
    std::vector<Model> models;
    models.reserve(load.sweep->points.size());
    for (const auto& point : load.sweep->points) models.emplace_back(point);
    std::vector<const Model*> views;
    std::vector<RunJob> jobs;
    for (std::size_t i = 0; i < models.size(); ++i) {
      views.push_back(&models[i]);
      jobs.push_back({i, 0});
    }
    runs = jobs.size();
    EnsembleOptions options;
    options.threads = all_threads();
    options.base_seed = load.sweep->base_seed;
    const Status plain = run_ensemble(views, jobs, options,
                                      [](const RunJob&, RunSeries&&) -> Status { return ok(); });
    const auto middle = std::chrono::steady_clock::now();
    const ScratchFile output("sweep-h5");
    std::ostringstream out, err;
    const int code = run_cli(
        {"sweep", sweep_file.path().string(), "-o", output.path().string(), "--force", "--quiet"},
        out, err);
    const auto end = std::chrono::steady_clock::now();
    if (!plain || code != 0) {
      state.SkipWithError(("kopa sweep failed: " + err.str()).c_str());
      break;
    }
    plain_seconds += std::chrono::duration<double>(middle - begin).count();
    sweep_seconds += std::chrono::duration<double>(end - middle).count();
  }
  state.SetIterationTime(sweep_seconds / static_cast<double>(state.iterations()));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(runs));
  state.counters["runs_per_s_no_output"] =
      static_cast<double>(runs * state.iterations()) / plain_seconds;
  // Target: output costs at most 10 % of the wall time.
  state.counters["output_share"] = sweep_seconds > 0 ? 1.0 - plain_seconds / sweep_seconds : 0.0;
}
BENCHMARK(BM_SweepWithOutput)->Unit(benchmark::kSecond)->UseManualTime()->Iterations(1);

// HDF5 write throughput: one scenario of 100 replicates of a 10,000-founder, 120-month combined
// series (simulated once, outside the timing), written and finished; MB/s of metric values.
void BM_Hdf5Write(benchmark::State& state) {
  constexpr int replicates = 100;
  const Model model(bench_parameters(10'000, 120, Policy::combined));
  const RunSeries series = run_replicate(model, base_seed, 0);
  const std::vector<io::ScenarioHeader> headers{header_for(model, "combined", replicates)};
  for (auto _ : state) {
    const ScratchFile file("write");
    auto writer = io::ResultsWriter::create(file.path(), true, {"kopa_bench write", 1}, headers);
    if (!writer) {
      state.SkipWithError(writer.error().message.c_str());
      break;
    }
    for (int r = 0; r < replicates; ++r) {
      if (!check(state, writer->write_run(0, r, series))) break;
    }
    if (!check(state, writer->finish(io::RunStatus::complete))) break;
  }
  const double bytes = series_bytes(series) * replicates;
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
  state.counters["MB_per_s"] = benchmark::Counter(
      bytes / 1e6 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Hdf5Write)->Unit(benchmark::kMillisecond)->UseRealTime();

// Memory per founder: the founders' state (Founders::bytes_per_founder) plus the founder-founder
// ties a combined run (knowledge exchange on) holds at its end, per founder. Counters only.
void BM_MemoryPerFounder(benchmark::State& state) {
  constexpr std::int64_t founders = 100'000;
  constexpr std::int64_t months = 120;
  const Model model(bench_parameters(founders, months, Policy::combined));
  double tie_bytes = 0;
  for (auto _ : state) {
    RunState run = initial_state(model, replicate_seed(base_seed, 0));
    RunSeries series(model.months(), model.labels());
    with_threads(all_threads(), [&] { run_to_end(model, run, series); });
    tie_bytes = static_cast<double>(run.ties.capacity() * sizeof(Tie)) / founders;
  }
  state.counters["founder_bytes"] = static_cast<double>(Founders::bytes_per_founder);
  state.counters["tie_bytes"] = tie_bytes;
  state.counters["bytes_per_founder"] =
      static_cast<double>(Founders::bytes_per_founder) + tie_bytes;
}
BENCHMARK(BM_MemoryPerFounder)->Unit(benchmark::kSecond)->UseRealTime()->Iterations(1);

// Scenario load time: every shipped scenario (extends chains and region presets included),
// parsed and validated as `kopa run` does before anything runs.
void BM_ScenarioLoad(benchmark::State& state) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(KOPA_SOURCE_DIR) / "scenarios")) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  for (auto _ : state) {
    for (const auto& file : files) {
      ScenarioLoad load = load_scenario(file);
      if (!load.scenario) state.SkipWithError(("cannot load " + file.string()).c_str());
      benchmark::DoNotOptimize(load);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(files.size()));
  state.counters["ms_per_scenario"] = benchmark::Counter(
      static_cast<double>(files.size()) * static_cast<double>(state.iterations()) / 1e3,
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ScenarioLoad)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kopa::bench

BENCHMARK_MAIN();
