#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <sstream>

#include <tbb/global_control.h>

#include "cli/exit_code.hpp"
#include "cli/interrupt.hpp"
#include "cli/options.hpp"
#include "cli/posterior_draws.hpp"
#include "cli/progress.hpp"
#include "cli/resources.hpp"
#include "cli/scenario_folder.hpp"
#include "cli/spread_runs.hpp"
#include "engine/ensemble.hpp"
#include "io/results_writer.hpp"
#include "io/temporary_target.hpp"
#include "model/resolution.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_arguments.hpp"

namespace kopa {
namespace {

// The main job's scenarios, when `kopa run` is given none.
constexpr std::array default_scenarios{"baseline", "seed_funding", "one_roof", "knowledge_exchange",
                                       "combined"};

struct RunRequest {
  std::vector<ScenarioArgument> files;
  std::vector<std::string> overrides;
  int replicates;
  std::filesystem::path output;
  int threads;
  std::optional<std::filesystem::path> posterior;
  bool force;
  bool quiet;
  int target_code = 0;  // the writer found the output unusable (it said why): every rank stops
};

// Loads and validates every scenario before anything runs: all problems of all files are
// printed, and nothing is created, when one is bad.
std::optional<std::vector<Scenario>> load_all(const RunRequest& request, std::ostream& err) {
  std::vector<Scenario> scenarios;
  bool bad = false;
  for (ScenarioLoad& load : load_scenarios(request.files, request.overrides)) {
    for (const auto& issue : load.issues) err << format_issue(issue) << "\n";
    if (!load.scenario || !load.issues.empty()) {
      bad = true;
      continue;
    }
    scenarios.push_back(std::move(*load.scenario));
  }
  std::set<std::string> names;
  for (const auto& scenario : scenarios) {
    if (!names.insert(scenario.name).second) {
      err << "kopa run: two scenarios are named '" << scenario.name
          << "'; give one a different `name` in its file\n";
      bad = true;
    }
  }
  if (bad) return std::nullopt;
  return scenarios;
}

// The scenarios, their models and the header of each, as every rank builds them. Without a
// posterior one model per scenario; with one, one per scenario and particle drawn, and
// scenario_of[m] is the scenario model m belongs to (every rank draws the same particles).
struct LoadedRun {
  std::vector<Scenario> scenarios;
  std::vector<std::unique_ptr<Model>> models;
  std::vector<const Model*> views;
  std::vector<std::size_t> scenario_of;  // index: model
  std::vector<io::ScenarioHeader> headers;
  std::vector<RunJob> jobs;
  std::uint64_t base_seed = 0;
};

int load(const RunRequest& request, std::ostream& err, LoadedRun& loaded) {
  auto scenarios = load_all(request, err);
  if (!scenarios) return exit_bad_input;
  if (scenarios->empty()) {
    err << "kopa run: no scenario to run\n";
    return exit_bad_input;
  }
  loaded.scenarios = std::move(*scenarios);
  // Common random numbers: one base seed for every scenario of the run.
  const auto base_seed =
      static_cast<std::uint64_t>(loaded.scenarios.front().parameters.simulation.seed);
  loaded.base_seed = base_seed;

  std::optional<PosteriorDraws> draws;
  if (request.posterior) {
    auto drawn = draw_posterior(*request.posterior, base_seed, request.replicates);
    if (!drawn) {
      err << "kopa run: " << drawn.error().message << "\n";
      return exit_bad_input;
    }
    draws = std::move(*drawn);
  }

  // model_of[s][r]: the model replicate r of scenario s runs.
  std::vector<std::vector<std::size_t>> model_of(loaded.scenarios.size());
  for (std::size_t s = 0; s < loaded.scenarios.size(); ++s) {
    const Scenario& scenario = loaded.scenarios[s];
    std::map<std::int32_t, std::size_t> by_particle;
    for (int r = 0; r < request.replicates; ++r) {
      const std::int32_t particle = draws ? draws->particle[static_cast<std::size_t>(r)] : -1;
      if (auto found = by_particle.find(particle); found != by_particle.end()) {
        model_of[s].push_back(found->second);
        continue;
      }
      ModelParameters parameters = scenario.parameters;
      if (draws) {
        auto drawn = with_particle(scenario, draws->posterior, particle);
        if (!drawn) {
          err << "kopa run: " << drawn.error().message << "\n";
          return exit_bad_input;
        }
        parameters = std::move(*drawn);
      }
      loaded.models.push_back(std::make_unique<Model>(std::move(parameters)));
      loaded.views.push_back(loaded.models.back().get());
      loaded.scenario_of.push_back(s);
      by_particle[particle] = loaded.models.size() - 1;
      model_of[s].push_back(loaded.models.size() - 1);
    }
  }
  for (std::size_t s = 0; s < loaded.scenarios.size(); ++s) {
    const Scenario& scenario = loaded.scenarios[s];
    const Model& model = *loaded.models[model_of[s].front()];
    const std::string coarse = resolution_warning(scenario.name, model);
    if (!coarse.empty()) err << "kopa run: " << coarse << "\n";
    io::ScenarioHeader header =
        io::scenario_header(scenario.name, scenario.description, scenario.resolved_toml, model,
                            base_seed, request.replicates);
    if (draws) {
      header.posterior_particle = draws->particle;
      header.posterior = draws->description;
    }
    loaded.headers.push_back(std::move(header));
  }
  // Replicate-major order: an interrupted run holds whole replicates of every scenario first.
  for (int r = 0; r < request.replicates; ++r) {
    for (std::size_t s = 0; s < loaded.scenarios.size(); ++s) {
      loaded.jobs.push_back({model_of[s][static_cast<std::size_t>(r)], r});
    }
  }
  if (Status fits = check_memory(loaded.views, loaded.jobs.size(), request.threads,
                                 EnsembleOptions{}.queue_capacity);
      !fits) {
    err << "kopa run: " << fits.error().message << "\n";
    return exit_bad_input;
  }
  return exit_ok;
}

int execute(const RunRequest& request, const CommandContext& context) {
  // Before the first line kopa prints (a resolution warning may come before any progress): a
  // reader that leaves early must interrupt the run, never kill it.
  InterruptGuard interrupt;
  // Under mpirun every rank loads the scenarios; only the writer rank (0) prints and writes.
  const Role role = role_of(context);
  LoadedRun loaded;
  if (const int agreed = load_on_every_rank(
          context, "run", [&](std::ostream& err) { return load(request, err, loaded); },
          [&] {
            std::string inputs;
            for (const auto& scenario : loaded.scenarios) inputs += scenario.resolved_toml;
            return inputs;
          });
      agreed != exit_ok) {
    return agreed;
  }
  const auto& model_views = loaded.views;
  const auto& jobs = loaded.jobs;
  EnsembleOptions options;
  options.threads = request.threads;
  options.base_seed = loaded.base_seed;
  if (role == Role::computer) return compute_runs(context, model_views, options);
  // The writer's refusal reaches every rank (alone: simply the code).
  auto refuse = [&](int code) { return writer_decides(context, code); };
  if (request.target_code != exit_ok) return refuse(request.target_code);

  io::RootInfo root{command_line("run", context), request.threads};
  auto writer = io::ResultsWriter::create(request.output, request.force, root, loaded.headers);
  if (!writer) {
    context.err << "kopa run: " << writer.error().message << "\n";
    return refuse(writer.error().bad_input ? exit_bad_input : exit_failure);
  }
  refuse(exit_ok);  // every rank goes on
  const Progress::Mode mode = request.quiet                ? Progress::Mode::quiet
                              : context.stderr_is_terminal ? Progress::Mode::bar
                                                           : Progress::Mode::lines;
  Progress progress(context.err, mode, jobs.size(), "runs");
  tbb::global_control cap(tbb::global_control::max_allowed_parallelism,
                          static_cast<std::size_t>(request.threads));
  options.stop = &interrupt.flag();
  std::size_t done = 0;
  Status status = run_jobs(context, "run", model_views, jobs, options, request.quiet,
                           [&](const RunJob& job, RunSeries&& series) -> Status {
                             Status written = writer->write_run(loaded.scenario_of[job.model],
                                                                job.replicate, series);
                             progress.advance(++done);
                             return written;
                           });
  progress.finish();
  if (!status) {
    context.err << "kopa run: " << status.error().message << "\n";
    return exit_failure;  // the writer's destructor removes the temporary file
  }
  // Fewer runs than jobs without an error: a signal here, or (under mpirun) on another rank.
  const bool interrupted = done < jobs.size();
  Status finished =
      writer->finish(interrupted ? io::RunStatus::interrupted : io::RunStatus::complete);
  if (!finished) {
    context.err << "kopa run: " << finished.error().message << "\n";
    return exit_failure;
  }
  if (interrupted) {
    context.err << "kopa run: interrupted; " << done << " of " << jobs.size() << " runs kept in "
                << request.output.string() << " (status interrupted)\n";
    return exit_interrupted;
  }
  if (!request.quiet) {
    context.err << "kopa run: " << done << " runs of " << loaded.scenarios.size()
                << " scenarios written to " << request.output.string() << "\n";
  }
  return exit_ok;
}

}  // namespace

CommandSpec run_spec() {
  CommandSpec spec{"run",
                   "kopa run [[NAME=]SCENARIO.toml...] [options]",
                   "Runs every scenario N times and writes their monthly time series to HDF5.\n"
                   "Replicate r uses the same random numbers in every scenario (common random\n"
                   "numbers), so scenario differences are paired. With no scenario, runs the\n"
                   "default set: baseline, seed_funding, one_roof, knowledge_exchange, combined.\n"
                   "Output is bit-identical whatever --threads is. Ctrl-C, SIGTERM, SIGHUP or a\n"
                   "closed output pipe keeps finished runs and marks the file interrupted (exit\n"
                   "130). The output must be a regular file or absent; nothing else is replaced.\n"
                   "A job that cannot fit in memory is refused before it starts (exit 2).\n"
                   "With --posterior, replicate r runs with a particle of the calibration's\n"
                   "posterior drawn by weight from replicate r's own stream, in every scenario\n"
                   "(dataset posterior_particle[replicate]); see docs/calibration.md.\n"
                   "NAME=FILE runs FILE under the name NAME (a what-if of a file without a new\n"
                   "file); --set NAME:PATH=VALUE changes one scenario only, e.g.\n"
                   "  kopa run baseline.toml what_if=baseline.toml \\\n"
                   "      --set what_if:levers.seed_funding.enabled=true\n"
                   "Under mpirun rank 0 deals the runs to the other ranks and writes the file\n"
                   "(same datasets as without MPI; -t is per rank; docs/distributed.md).",
                   {"options"},
                   {}};
  spec.options.add_options()("scenario", po::value<std::vector<std::string>>()->multitoken(),
                             "scenario files, each FILE or NAME=FILE")(
      "replicates,r", po::value<int>()->default_value(20), "runs per scenario")(
      "output,o", po::value<std::string>()->default_value("results.h5"), "results file")(
      "threads,t", po::value<int>()->default_value(0),
      "threads (0: every hardware thread; at most 4 per hardware thread)")(
      "seed", po::value<std::int64_t>(),
      "base seed for all scenarios (default: the first scenario's simulation.seed)")(
      "months", po::value<std::int64_t>(), "override simulation.months in every scenario")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "PATH=VALUE override for every scenario, NAME:PATH=VALUE for one (repeatable); see "
      "'kopa describe'")(
      "posterior", po::value<std::string>(),
      "posterior file (kopa calibrate): each replicate runs with a particle drawn by weight, the "
      "same in every scenario; intervals then include parameter uncertainty")(
      "force", "overwrite an existing results file")("quiet", "no progress output");
  spec.positional.add("scenario", -1);
  return spec;
}

int command_run(const CommandContext& context) {
  const CommandSpec spec = run_spec();
  po::variables_map values;
  if (auto code = parse_command(spec, context, values)) return *code;

  RunRequest request;
  if (values.count("scenario")) {
    for (const auto& file : values["scenario"].as<std::vector<std::string>>()) {
      request.files.push_back(parse_scenario_argument(file));
    }
  } else {
    for (const char* name : default_scenarios) {
      request.files.push_back({"", default_scenario_dir() / (std::string(name) + ".toml")});
    }
  }
  if (values.count("set")) request.overrides = values["set"].as<std::vector<std::string>>();
  if (values.count("seed")) {
    request.overrides.push_back("simulation.seed=" +
                                std::to_string(values["seed"].as<std::int64_t>()));
  }
  if (values.count("months")) {
    request.overrides.push_back("simulation.months=" +
                                std::to_string(values["months"].as<std::int64_t>()));
  }
  request.replicates = values["replicates"].as<int>();
  if (request.replicates < 1) {
    context.err << "kopa run: --replicates must be at least 1, got " << request.replicates << "\n";
    return exit_bad_input;
  }
  const auto threads = resolve_threads(values["threads"].as<int>());
  if (!threads) {
    context.err << "kopa run: " << threads.error().message << "\n";
    return exit_bad_input;
  }
  request.threads = *threads;
  request.output = values["output"].as<std::string>();
  // The output is checked before anything is loaded or run: a run must not end in "cannot
  // write". Under mpirun only the writer rank checks it, and tells the others after loading.
  if (role_of(context) != Role::computer) {
    if (Status writable = io::check_target(request.output, values.count("force") > 0); !writable) {
      context.err << "kopa run: " << writable.error().message << "\n";
      request.target_code = writable.error().bad_input ? exit_bad_input : exit_failure;
      if (role_of(context) == Role::alone) return request.target_code;
    }
  }
  if (values.count("posterior")) request.posterior = values["posterior"].as<std::string>();
  request.force = values.count("force") > 0;
  request.quiet = values.count("quiet") > 0;
  return execute(request, context);
}

}  // namespace kopa
