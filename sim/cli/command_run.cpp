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
#include "engine/ensemble.hpp"
#include "io/results_writer.hpp"
#include "io/temporary_target.hpp"
#include "model/random.hpp"
#include "model/resolution.hpp"
#include "scenario/scenario.hpp"

namespace kopa {
namespace {

// The main job's scenarios, when `kopa run` is given none.
constexpr std::array default_scenarios{"baseline", "seed_funding", "one_roof", "knowledge_exchange",
                                       "combined"};

struct RunRequest {
  std::vector<std::filesystem::path> files;
  std::vector<std::string> overrides;
  int replicates;
  std::filesystem::path output;
  int threads;
  std::optional<std::filesystem::path> posterior;
  bool force;
  bool quiet;
};

// Loads and validates every scenario before anything runs: all problems of all files are
// printed, and nothing is created, when one is bad.
std::optional<std::vector<Scenario>> load_all(const RunRequest& request, std::ostream& err) {
  std::vector<Scenario> scenarios;
  bool bad = false;
  for (const auto& file : request.files) {
    ScenarioLoad load = load_scenario(file, request.overrides);
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

std::string command_line_of(const CommandContext& context) {
  std::string line = "kopa run";
  for (const auto& arg : context.args) line += " " + arg;
  return line;
}

int execute(const RunRequest& request, const CommandContext& context) {
  // Before the first line kopa prints (a resolution warning may come before any progress): a
  // reader that leaves early must interrupt the run, never kill it.
  InterruptGuard interrupt;
  auto scenarios = load_all(request, context.err);
  if (!scenarios) return exit_bad_input;
  if (scenarios->empty()) {
    context.err << "kopa run: no scenario to run\n";
    return exit_bad_input;
  }
  // Common random numbers: one base seed for every scenario of the run.
  const auto base_seed = static_cast<std::uint64_t>(scenarios->front().parameters.simulation.seed);

  std::optional<PosteriorDraws> draws;
  if (request.posterior) {
    auto drawn = draw_posterior(*request.posterior, base_seed, request.replicates);
    if (!drawn) {
      context.err << "kopa run: " << drawn.error().message << "\n";
      return exit_bad_input;
    }
    draws = std::move(*drawn);
  }

  // One model per scenario; with a posterior, one per scenario and particle drawn, and
  // model_of[s][r] is the model replicate r of scenario s runs.
  std::vector<std::unique_ptr<Model>> models;
  std::vector<const Model*> model_views;
  std::vector<std::size_t> scenario_of;  // index: model
  std::vector<std::vector<std::size_t>> model_of(scenarios->size());
  for (std::size_t s = 0; s < scenarios->size(); ++s) {
    const Scenario& scenario = (*scenarios)[s];
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
          context.err << "kopa run: " << drawn.error().message << "\n";
          return exit_bad_input;
        }
        parameters = std::move(*drawn);
      }
      models.push_back(std::make_unique<Model>(std::move(parameters)));
      model_views.push_back(models.back().get());
      scenario_of.push_back(s);
      by_particle[particle] = models.size() - 1;
      model_of[s].push_back(models.size() - 1);
    }
  }
  std::vector<io::ScenarioHeader> headers;
  for (std::size_t s = 0; s < scenarios->size(); ++s) {
    const Scenario& scenario = (*scenarios)[s];
    const Model& model = *models[model_of[s].front()];
    const std::string coarse = resolution_warning(scenario.name, model);
    if (!coarse.empty()) context.err << "kopa run: " << coarse << "\n";
    io::ScenarioHeader header;
    header.name = scenario.name;
    header.description = scenario.description;
    header.scenario_toml = scenario.resolved_toml;
    header.base_seed = base_seed;
    header.replicates = request.replicates;
    header.months = model.months();
    header.people_per_agent = model.people_per_agent_overall();
    header.labels = model.labels();
    for (int r = 0; r < request.replicates; ++r) {
      header.replicate_seeds.push_back(replicate_seed(base_seed, static_cast<std::uint64_t>(r)));
    }
    if (draws) {
      header.posterior_particle = draws->particle;
      header.posterior = draws->description;
    }
    headers.push_back(std::move(header));
  }

  // Replicate-major order: an interrupted run holds whole replicates of every scenario first.
  std::vector<RunJob> jobs;
  for (int r = 0; r < request.replicates; ++r) {
    for (std::size_t s = 0; s < scenarios->size(); ++s) {
      jobs.push_back({model_of[s][static_cast<std::size_t>(r)], r});
    }
  }
  EnsembleOptions options;
  options.threads = request.threads;
  options.base_seed = base_seed;
  if (Status fits = check_memory(model_views, jobs.size(), request.threads, options.queue_capacity);
      !fits) {
    context.err << "kopa run: " << fits.error().message << "\n";
    return exit_bad_input;
  }

  io::RootInfo root{command_line_of(context), request.threads};
  auto writer = io::ResultsWriter::create(request.output, request.force, root, headers);
  if (!writer) {
    context.err << "kopa run: " << writer.error().message << "\n";
    return writer.error().bad_input ? exit_bad_input : exit_failure;
  }
  const Progress::Mode mode = request.quiet                ? Progress::Mode::quiet
                              : context.stderr_is_terminal ? Progress::Mode::bar
                                                           : Progress::Mode::lines;
  Progress progress(context.err, mode, jobs.size(), "runs");
  tbb::global_control cap(tbb::global_control::max_allowed_parallelism,
                          static_cast<std::size_t>(request.threads));
  options.stop = &interrupt.flag();
  std::size_t done = 0;
  Status status = run_ensemble(
      model_views, jobs, options, [&](const RunJob& job, RunSeries&& series) -> Status {
        Status written = writer->write_run(scenario_of[job.model], job.replicate, series);
        progress.advance(++done);
        return written;
      });
  progress.finish();
  if (!status) {
    context.err << "kopa run: " << status.error().message << "\n";
    return exit_failure;  // the writer's destructor removes the temporary file
  }
  const bool interrupted = interrupt.requested() && done < jobs.size();
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
    context.err << "kopa run: " << done << " runs of " << scenarios->size()
                << " scenarios written to " << request.output.string() << "\n";
  }
  return exit_ok;
}

}  // namespace

CommandSpec run_spec() {
  CommandSpec spec{"run",
                   "kopa run [SCENARIO.toml...] [options]",
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
                   "(dataset posterior_particle[replicate]); see docs/calibration.md.",
                   {"options"},
                   {}};
  spec.options.add_options()("scenario", po::value<std::vector<std::string>>()->multitoken(),
                             "scenario files")("replicates,r", po::value<int>()->default_value(20),
                                               "runs per scenario")(
      "output,o", po::value<std::string>()->default_value("results.h5"), "results file")(
      "threads,t", po::value<int>()->default_value(0),
      "threads (0: every hardware thread; at most 4 per hardware thread)")(
      "seed", po::value<std::int64_t>(),
      "base seed for all scenarios (default: the first scenario's simulation.seed)")(
      "months", po::value<std::int64_t>(), "override simulation.months in every scenario")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "PATH=VALUE override for every scenario (repeatable); see 'kopa describe'")(
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
      request.files.emplace_back(file);
    }
  } else {
    for (const char* name : default_scenarios) {
      request.files.push_back(default_scenario_dir() / (std::string(name) + ".toml"));
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
  // write".
  if (Status writable = io::check_target(request.output, values.count("force") > 0); !writable) {
    context.err << "kopa run: " << writable.error().message << "\n";
    return writable.error().bad_input ? exit_bad_input : exit_failure;
  }
  if (values.count("posterior")) request.posterior = values["posterior"].as<std::string>();
  request.force = values.count("force") > 0;
  request.quiet = values.count("quiet") > 0;
  return execute(request, context);
}

}  // namespace kopa
