// `kopa sweep`: runs every design point of a sweep file R times. Finished runs go to a journal
// beside the target as they finish (sweep/journal.hpp), and the HDF5 file is built from the
// journal at the end, so a sweep killed at any moment resumes with --resume and ends with the
// same numbers as one never interrupted.
#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>

#include <tbb/global_control.h>

#include "cli/exit_code.hpp"
#include "cli/interrupt.hpp"
#include "cli/options.hpp"
#include "cli/posterior_draws.hpp"
#include "cli/progress.hpp"
#include "cli/resources.hpp"
#include "cli/spread_runs.hpp"
#include "engine/build_info.hpp"
#include "engine/ensemble.hpp"
#include "io/sweep_reader.hpp"
#include "io/sweep_writer.hpp"
#include "io/temporary_target.hpp"
#include "model/random.hpp"
#include "model/resolution.hpp"
#include "scenario/scenario_arguments.hpp"
#include "sweep/journal.hpp"
#include "sweep/sweep_file.hpp"
#include "util/sha256.hpp"

namespace kopa {
namespace {

namespace fs = std::filesystem;

struct SweepRequest {
  fs::path file;
  std::optional<ScenarioArgument> base;  // --base [NAME=]FILE instead of the file's sweep.base
  std::vector<std::string> overrides;    // --set [NAME:]PATH=VALUE on the base, after sweep.set
  fs::path output;
  int threads = 1;
  std::optional<fs::path> posterior;
  bool resume = false;
  bool restart = false;
  bool force = false;
  bool quiet = false;
};

std::string quoted(const fs::path& path) {
  std::string text = "'";
  text.append(path.string()).append("'");
  return text;
}

io::SweepHeader make_header(const sweep::Sweep& s, const Model& first) {
  io::SweepHeader h;
  h.sweep_toml = s.text;
  h.base_scenario_toml = s.base.resolved_toml;
  h.design = sweep::design_name(s.settings.kind);
  h.design_seed = s.settings.seed;
  h.base_seed = s.base_seed;
  h.replicates = s.replicates;
  h.months = first.months();
  if (first.parameters().start) h.start = *first.parameters().start;
  h.labels = first.labels();
  for (const auto& f : s.factors) {
    h.factors.push_back({f.factor.path, std::string(f.spec.unit),
                         f.factor.values ? "values" : (f.factor.log ? "log range" : "range")});
  }
  h.points = s.design.points;
  for (int r = 0; r < s.replicates; ++r) {
    h.replicate_seeds.push_back(replicate_seed(s.base_seed, static_cast<std::uint64_t>(r)));
  }
  h.sobol_block = s.design.sobol_block;
  h.sobol_base_samples = s.design.sobol_base_samples;
  h.morris_delta = s.design.morris_delta;
  for (const auto& step : s.design.morris_steps) {
    h.morris_trajectory.push_back(step.trajectory);
    h.morris_factor.push_back(step.factor);
    h.morris_direction.push_back(step.direction);
  }
  return h;
}

// Why a journal (or an interrupted output file) cannot be resumed by this sweep, or nothing.
std::optional<std::string> resume_mismatch(const sweep::JournalHeader& found,
                                           const sweep::JournalHeader& wanted) {
  if (found.sweep_sha256 != wanted.sweep_sha256) {
    return "the sweep file changed since the sweep was started; resuming would mix two "
           "sweeps. Restore the file, or start over with --restart";
  }
  if (found.base_sha256 != wanted.base_sha256) {
    return "the base scenario (a file it extends, --base and --set, or the --posterior file) "
           "changed since the sweep was started; restore it, or start over with --restart";
  }
  if (found.kopa_version != wanted.kopa_version || found.git_commit != wanted.git_commit) {
    return "the sweep was started by kopa " + found.kopa_version + " (" + found.git_commit +
           "), this is kopa " + wanted.kopa_version + " (" + wanted.git_commit +
           "); a different build may give different numbers. Resume with that build, or start "
           "over with --restart";
  }
  if (found.points != wanted.points || found.replicates != wanted.replicates ||
      found.values_per_run != wanted.values_per_run) {
    return std::string("its design size differs from the sweep's; start over with --restart");
  }
  return std::nullopt;
}

// The journal to append to, with the runs it already holds marked in `done`, or why not.
struct Journal {
  std::optional<sweep::JournalWriter> writer;
  std::uint64_t kept = 0;     // runs already done
  std::uint64_t damaged = 0;  // journal records skipped for a bad checksum (their runs are redone)
  bool created = false;       // a new journal: nothing in it to keep if the sweep cannot start
  std::optional<Error> error;
};

Journal failed(std::string message, bool bad_input = true) {
  Journal journal;
  journal.error = Error{std::move(message), bad_input};
  return journal;
}

Journal fresh_journal(const fs::path& path, const sweep::JournalHeader& header) {
  auto writer = sweep::JournalWriter::create(path, header);
  if (!writer) return failed(writer.error().message, writer.error().bad_input);
  Journal journal;
  journal.writer.emplace(std::move(*writer));
  journal.created = true;
  return journal;
}

// What the journal's base_sha256 holds: the base scenario's, mixed with the posterior's when
// the sweep draws parameters from one.
std::string base_fingerprint(const std::string& base_toml, const std::string& posterior) {
  const std::string base = sha256_hex(base_toml);
  return posterior.empty() ? base : sha256_hex(base + "\n" + posterior);
}

// A journal's header as an interrupted sweep file tells it, to match against this sweep.
sweep::JournalHeader header_of(const io::SweepContents& c) {
  return {c.sweep_sha256,
          base_fingerprint(c.header.base_scenario_toml, c.header.posterior),
          c.kopa_version,
          c.git_commit,
          c.points(),
          static_cast<std::uint64_t>(c.header.replicates),
          sweep::values_per_run(c.header.months, c.header.labels)};
}

// The journal is gone but an interrupted output file holds finished runs: a new journal with
// those runs, exactly as the file holds them.
Journal rebuild_journal(const SweepRequest& request, const sweep::JournalHeader& header,
                        std::vector<std::uint8_t>& done) {
  auto reader = io::SweepReader::open(request.output);
  if (!reader) {
    return failed("nothing to resume from: there is no journal beside " + quoted(request.output) +
                  ", and the file cannot be read (" + reader.error().message +
                  "); --restart runs the sweep afresh");
  }
  const io::SweepContents& c = reader->contents();
  if (c.status == io::RunStatus::complete) {
    return failed("nothing to resume: " + quoted(request.output) +
                  " is a complete sweep (status complete) and there is no journal beside it; "
                  "--force runs the sweep again");
  }
  if (auto mismatch = resume_mismatch(header_of(c), header)) {
    return failed("cannot resume from " + quoted(request.output) + ": " + *mismatch);
  }
  Journal journal = fresh_journal(sweep::journal_path_for(request.output), header);
  if (!journal.writer) return journal;
  for (std::size_t p = 0; p < c.points(); ++p) {
    for (const int r : c.done_replicates(p)) {
      auto values = reader->read_run(p, r);
      Status appended = values ? journal.writer->append(static_cast<std::uint32_t>(p),
                                                        static_cast<std::uint32_t>(r), *values)
                               : Status(values.error());
      if (!appended) {
        return failed("cannot resume from " + quoted(request.output) + ": " +
                          appended.error().message + "; --restart runs the sweep afresh",
                      false);
      }
      done[p * header.replicates + static_cast<std::size_t>(r)] = 1;
      ++journal.kept;
    }
  }
  if (Status synced = journal.writer->sync(); !synced) return failed(synced.error().message, false);
  return journal;
}

// Why the output may not be replaced without a flag: an interrupted attempt at this sweep (then
// say how to continue it) or any other file.
std::string existing_output_message(const SweepRequest& request,
                                    const sweep::JournalHeader& header) {
  auto contents = io::read_sweep(request.output);
  if (contents && contents->status == io::RunStatus::interrupted &&
      !resume_mismatch(header_of(*contents), header)) {
    std::size_t runs = 0;
    for (const auto flag : contents->done) runs += flag;
    return quoted(request.output) + " holds an interrupted run of this sweep (" +
           std::to_string(runs) + " of " + std::to_string(contents->done.size()) +
           " runs) and no journal; --resume continues it, --restart starts over";
  }
  return quoted(request.output) + " already exists; use --force to replace it";
}

Journal open_journal(const SweepRequest& request, const sweep::JournalHeader& header,
                     std::vector<std::uint8_t>& done, std::ostream& err) {
  const fs::path path = sweep::journal_path_for(request.output);
  std::error_code ec;
  const bool journal_exists = fs::exists(fs::symlink_status(path, ec));
  const bool output_exists = fs::exists(fs::symlink_status(request.output, ec));
  if (request.restart) return fresh_journal(path, header);
  if (journal_exists) {
    sweep::JournalProblem problem;
    auto scan = sweep::scan_journal(
        path,
        [&](const sweep::JournalRecord& record) -> Status {
          done[record.point * header.replicates + record.replicate] = 1;
          return ok();
        },
        &problem);
    if (!scan && !problem.holds_runs) {
      // Killed while the journal was being created: there is nothing in it to lose.
      std::fill(done.begin(), done.end(), 0);
      if (!request.quiet) err << "kopa sweep: note: " << problem.message << "; starting afresh\n";
      return fresh_journal(path, header);
    }
    if (!scan) {
      return failed("cannot resume from " + quoted(path) + ": " + problem.message +
                    ", so its runs cannot be matched to this sweep. Nothing was changed; "
                    "--restart discards them and runs the sweep afresh");
    }
    if (!request.resume) {
      return failed(quoted(path) + " holds " + std::to_string(scan->records) +
                    " finished runs of an unfinished sweep; --resume continues it, --restart "
                    "discards them and starts over");
    }
    if (auto mismatch = resume_mismatch(scan->header, header)) {
      return failed("cannot resume from " + quoted(path) + ": " + *mismatch);
    }
    auto writer = sweep::JournalWriter::reopen(path, *scan);
    if (!writer) return failed(writer.error().message, writer.error().bad_input);
    Journal journal;
    journal.writer.emplace(std::move(*writer));
    journal.kept = scan->records;
    journal.damaged = scan->damaged;
    return journal;
  }
  if (output_exists && request.resume) return rebuild_journal(request, header, done);
  if (output_exists && !request.force) return failed(existing_output_message(request, header));
  if (request.resume && !request.quiet) {
    err << "kopa sweep: note: nothing to resume (no journal, no output); running the whole "
           "sweep\n";
  }
  return fresh_journal(path, header);
}

// The HDF5 file (under its temporary name) with the runs a resumed journal already holds; the
// runs still to come are written to it as they finish, beside the journal. The target was
// checked (and may be replaced) before the journal was touched.
Expected<io::SweepWriter> start_file(const SweepRequest& request, const io::RootInfo& root,
                                     const io::SweepHeader& header, std::uint64_t kept) {
  auto writer = io::SweepWriter::create(request.output, true, root, header);
  if (!writer || kept == 0) return writer;
  auto scan = sweep::scan_journal(
      sweep::journal_path_for(request.output), [&](const sweep::JournalRecord& record) {
        return writer->write_run(record.point, static_cast<int>(record.replicate), record.values);
      });
  if (!scan) return scan.error();
  return writer;
}

std::size_t done_size(const sweep::Sweep& s) {
  return s.point_count() * static_cast<std::size_t>(s.replicates);
}

// The sweep and its models as every rank builds them: one model per point; with a posterior,
// one per point and particle drawn, replicate r of point p running model_of[p][r] (the same
// particle at every point: paired) and point_of[m] the point of model m.
struct LoadedSweep {
  std::optional<sweep::Sweep> sweep;
  std::optional<PosteriorDraws> draws;
  std::vector<std::unique_ptr<Model>> models;
  std::vector<const Model*> views;
  std::vector<std::size_t> point_of;               // index: model
  std::vector<std::vector<std::size_t>> model_of;  // index: point, replicate
};

// The posterior's particles, one per replicate; refused when a calibrated parameter is also a
// factor (the particle would override it).
int draw_for_sweep(const SweepRequest& request, std::ostream& err, LoadedSweep& loaded) {
  const sweep::Sweep& s = *loaded.sweep;
  auto drawn = draw_posterior(*request.posterior, s.base_seed, s.replicates);
  if (!drawn) {
    err << "kopa sweep: " << drawn.error().message << "\n";
    return exit_bad_input;
  }
  loaded.draws = std::move(*drawn);
  for (const auto& path : loaded.draws->posterior.parameters) {
    for (const auto& factor : s.factors) {
      if (factor.factor.path == path) {
        err << "kopa sweep: '" << path
            << "' is both a factor and a calibrated parameter of the posterior; a particle would "
               "override the factor\n";
        return exit_bad_input;
      }
    }
  }
  return exit_ok;
}

int load(const SweepRequest& request, std::ostream& err, LoadedSweep& loaded) {
  sweep::SweepLoadOptions options;
  options.base = request.base;
  options.overrides = request.overrides;
  sweep::SweepLoad load = sweep::load_sweep(request.file, options);
  for (const auto& issue : load.issues) err << format_issue(issue) << "\n";
  if (!load.sweep) return exit_bad_input;
  loaded.sweep = std::move(load.sweep);
  const sweep::Sweep& s = *loaded.sweep;
  for (const auto& note : s.design.notes) err << "kopa sweep: note: " << note << "\n";
  if (request.posterior) {
    if (const int drawn = draw_for_sweep(request, err, loaded); drawn != exit_ok) return drawn;
  }
  const auto& draws = loaded.draws;
  loaded.model_of.resize(s.point_count());
  for (std::size_t p = 0; p < s.point_count(); ++p) {
    std::map<std::int32_t, std::size_t> by_particle;
    for (int r = 0; r < s.replicates; ++r) {
      const std::int32_t particle = draws ? draws->particle[static_cast<std::size_t>(r)] : -1;
      if (auto found = by_particle.find(particle); found != by_particle.end()) {
        loaded.model_of[p].push_back(found->second);
        continue;
      }
      ModelParameters parameters = s.points[p];
      if (draws) {
        auto drawn =
            with_particle(s.base, draws->posterior, particle, sweep::point_overrides(s, p));
        if (!drawn) {
          err << "kopa sweep: design point " << p << ": " << drawn.error().message << "\n";
          return exit_bad_input;
        }
        parameters = std::move(*drawn);
      }
      loaded.models.push_back(std::make_unique<Model>(std::move(parameters)));
      loaded.views.push_back(loaded.models.back().get());
      loaded.point_of.push_back(p);
      by_particle[particle] = loaded.models.size() - 1;
      loaded.model_of[p].push_back(loaded.models.size() - 1);
    }
    const Model& point = *loaded.models.back();
    const Model& first = *loaded.models.front();
    if (point.months() != first.months() || point.parameters().start != first.parameters().start ||
        !(point.labels().labels == first.labels().labels)) {
      err << "kopa sweep: design point " << p
          << " has other months, start or labels than point 0; a sweep's points must share "
             "them\n";
      return exit_bad_input;
    }
  }
  if (Status fits = check_memory(loaded.views, done_size(s), request.threads,
                                 EnsembleOptions{}.queue_capacity);
      !fits) {
    err << "kopa sweep: " << fits.error().message << "\n";
    return exit_bad_input;
  }
  return exit_ok;
}

int execute(const SweepRequest& request, const CommandContext& context) {
  // Before the first line kopa prints (notes and a resolution warning come before any progress):
  // a reader that leaves early must interrupt the sweep, never kill it.
  InterruptGuard interrupt;
  // Under mpirun every rank loads the sweep; only the writer rank (0) prints and writes.
  const Role role = role_of(context);
  LoadedSweep loaded;
  if (const int agreed = load_on_every_rank(
          context, "sweep", [&](std::ostream& err) { return load(request, err, loaded); },
          [&] { return loaded.sweep->sha256 + loaded.sweep->base.resolved_toml; });
      agreed != exit_ok) {
    return agreed;
  }
  const sweep::Sweep& s = *loaded.sweep;
  const std::vector<const Model*>& views = loaded.views;
  if (role == Role::computer) {
    EnsembleOptions options;
    options.threads = request.threads;
    options.base_seed = s.base_seed;
    return compute_runs(context, views, options);
  }
  // The writer's refusal reaches every rank (alone: simply the code).
  auto refuse = [&](int code) { return writer_decides(context, code); };
  // Agents too coarse for the capacities at the first point (the base with the design's first
  // values): the same warning as kopa run's.
  if (const std::string coarse = resolution_warning("sweep point 0", *views.front());
      !coarse.empty() && !request.quiet) {
    context.err << "kopa sweep: " << coarse << "\n";
  }
  io::SweepHeader header = make_header(s, *views.front());
  for (std::size_t p = 0; p < s.point_count(); ++p) {
    header.people_per_agent.push_back(
        loaded.models[loaded.model_of[p].front()]->people_per_agent_overall());
  }
  sweep::JournalHeader journal_header = sweep::journal_header_for(s, header.months, header.labels);
  if (loaded.draws) {
    header.posterior_particle = loaded.draws->particle;
    header.posterior = loaded.draws->description;
    journal_header.base_sha256 = base_fingerprint(s.base.resolved_toml, loaded.draws->description);
  }

  // The output must be a file kopa may write (never a folder, a device or a link) before the
  // journal beside it is touched.
  if (Status writable = io::check_target(request.output, true); !writable) {
    context.err << "kopa sweep: " << writable.error().message << "\n";
    return refuse(writable.error().bad_input ? exit_bad_input : exit_failure);
  }
  const auto replicates = static_cast<std::size_t>(s.replicates);
  std::vector<std::uint8_t> done(done_size(s), 0);
  Journal journal = open_journal(request, journal_header, done, context.err);
  if (!journal.writer) {
    context.err << "kopa sweep: " << journal.error->message << "\n";
    return refuse(journal.error->bad_input ? exit_bad_input : exit_failure);
  }

  // Replicate-major: a sweep stopped early holds every point with a few replicates, which
  // already shows the response surface.
  std::vector<RunJob> jobs;
  for (std::size_t r = 0; r < replicates; ++r) {
    for (std::size_t p = 0; p < s.point_count(); ++p) {
      if (done[p * replicates + r] == 0)
        jobs.push_back({loaded.model_of[p][r], static_cast<int>(r)});
    }
  }
  const std::size_t total = done.size();
  std::size_t finished = total - jobs.size();
  if (journal.kept > 0 && !request.quiet) {
    context.err << "kopa sweep: resuming: " << finished << " of " << total
                << " runs already in the journal\n";
  }
  if (journal.damaged > 0) {
    context.err << "kopa sweep: note: " << journal.damaged
                << " damaged journal records (bad checksum) were skipped; their runs are run "
                   "again\n";
  }
  const Progress::Mode mode = request.quiet                ? Progress::Mode::quiet
                              : context.stderr_is_terminal ? Progress::Mode::bar
                                                           : Progress::Mode::lines;
  // The file is written as runs finish, overlapping the simulation; the journal is what survives
  // a crash (a kill mid-write can corrupt an HDF5 file, never the journal's valid prefix).
  const io::RootInfo root{command_line("sweep", context), request.threads};
  auto file = start_file(request, root, header, journal.kept);
  if (!file) {
    context.err << "kopa sweep: " << file.error().message << "\n";
    if (journal.created && journal.kept == 0) {
      journal.writer.reset();
      std::error_code ignored;
      fs::remove(sweep::journal_path_for(request.output), ignored);
    }
    return refuse(file.error().bad_input ? exit_bad_input : exit_failure);
  }
  refuse(exit_ok);  // every rank goes on
  Progress progress(context.err, mode, total, "runs");
  tbb::global_control cap(tbb::global_control::max_allowed_parallelism,
                          static_cast<std::size_t>(request.threads));
  EnsembleOptions options;
  options.threads = request.threads;
  options.base_seed = s.base_seed;  // common random numbers across points
  options.stop = &interrupt.flag();
  Status status = run_jobs(context, "sweep", views, jobs, options, request.quiet,
                           [&](const RunJob& job, RunSeries&& series) -> Status {
                             const std::vector<double> values = sweep::flatten(series);
                             const std::size_t point = loaded.point_of[job.model];
                             Status appended = journal.writer->append(
                                 static_cast<std::uint32_t>(point),
                                 static_cast<std::uint32_t>(job.replicate), values);
                             if (!appended) return appended;
                             Status written = file->write_run(point, job.replicate, values);
                             progress.advance(++finished);
                             return written;
                           });
  progress.finish();
  if (status) status = journal.writer->sync();
  journal.writer.reset();
  if (!status) {
    context.err << "kopa sweep: " << status.error().message
                << " (finished runs are kept in the journal; fix the cause and --resume)\n";
    return exit_failure;
  }

  const bool complete = finished == total;
  if (Status built = file->finish(complete ? io::RunStatus::complete : io::RunStatus::interrupted);
      !built) {
    context.err << "kopa sweep: " << built.error().message << "\n";
    return exit_failure;
  }
  if (!complete) {
    context.err << "kopa sweep: interrupted; " << finished << " of " << total << " runs kept in "
                << request.output.string() << " (status interrupted); continue with --resume\n";
    return exit_interrupted;
  }
  std::error_code ignored;
  fs::remove(sweep::journal_path_for(request.output), ignored);
  if (!request.quiet) {
    context.err << "kopa sweep: " << total << " runs of " << s.point_count()
                << " design points written to " << request.output.string() << "\n";
  }
  return exit_ok;
}

}  // namespace

CommandSpec sweep_spec() {
  CommandSpec spec{
      "sweep",
      "kopa sweep SWEEP.toml [--base [NAME=]FILE] [--set [NAME:]PATH=VALUE]... [-o sweep.h5] "
      "[-t THREADS] [--posterior FILE] [--resume | --restart | --force] [--quiet]",
      "Runs a parameter sweep: every point of the sweep file's design (grid, lhs, sobol or\n"
      "morris) is the base scenario plus sweep.set plus the point's factor values, run\n"
      "`replicates` times. Replicate r uses the same random numbers at every point (common\n"
      "random numbers). --base [NAME=]FILE takes another base scenario than the file's\n"
      "sweep.base; --set PATH=VALUE changes the base after sweep.set, NAME:PATH=VALUE only\n"
      "when the base answers to NAME (its NAME=, `name` or file name), as in kopa run:\n"
      "  kopa sweep sobol_levers.toml --base what_if=seed_funding.toml \\\n"
      "      --set what_if:levers.one_roof.enabled=true\n"
      "Finished runs are appended to a journal beside the output (.<output>.journal) and\n"
      "written to the HDF5 file (group /sweep) as they finish; the file is renamed into place\n"
      "at the end. After a crash or kill, --resume (with the same --base and --set) keeps\n"
      "the journal's runs (or, when the journal is gone, those of an interrupted output file)\n"
      "and runs the rest; the result is bit-identical to an uninterrupted sweep. Ctrl-C,\n"
      "SIGTERM, SIGHUP or a closed output pipe writes the file with status interrupted (exit\n"
      "130) and keeps the journal for --resume. Finished runs are never discarded without\n"
      "--restart. With --posterior, replicate r runs with a particle of a calibration's\n"
      "posterior, the same at every point (dataset posterior_particle). Under mpirun every\n"
      "rank loads the sweep, rank 0 deals the runs to the others as they ask and writes the\n"
      "file and the journal (same datasets as without MPI; -t is per rank); a rank that dies\n"
      "ends the job, --resume (with or without mpirun) completes it. See docs/sweeps.md,\n"
      "docs/calibration.md and docs/distributed.md.",
      {"options"},
      {}};
  spec.options.add_options()("sweep", po::value<std::string>(), "sweep file")(
      "base", po::value<std::string>(),
      "base scenario, FILE or NAME=FILE, instead of the sweep file's sweep.base")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "PATH=VALUE (or NAME:PATH=VALUE) override of the base scenario, after sweep.set; "
      "repeatable")("output,o", po::value<std::string>()->default_value("sweep.h5"),
                    "sweep results file")(
      "threads,t", po::value<int>()->default_value(0),
      "threads (0: every hardware thread; at most 4 per hardware thread)")(
      "resume", "continue the sweep from its journal (the sweep file must be unchanged)")(
      "restart", "start over: discard the journal's finished runs and replace the output file")(
      "force", "replace an existing output file (never a journal's runs: see --restart)")(
      "posterior", po::value<std::string>(),
      "posterior file (kopa calibrate): replicate r runs with a particle drawn by weight, the "
      "same at every point")("quiet", "no progress output");
  spec.positional.add("sweep", 1);
  return spec;
}

int command_sweep(const CommandContext& context) {
  const CommandSpec spec = sweep_spec();
  po::variables_map values;
  if (auto code = parse_command(spec, context, values)) return *code;
  SweepRequest request;
  if (!values.count("sweep")) {
    context.err << "kopa sweep: name a sweep file (see 'kopa sweep --help')\n";
    return exit_bad_input;
  }
  request.file = values["sweep"].as<std::string>();
  if (values.count("base"))
    request.base = parse_scenario_argument(values["base"].as<std::string>());
  if (values.count("set")) request.overrides = values["set"].as<std::vector<std::string>>();
  request.output = values["output"].as<std::string>();
  const auto threads = resolve_threads(values["threads"].as<int>());
  if (!threads) {
    context.err << "kopa sweep: " << threads.error().message << "\n";
    return exit_bad_input;
  }
  request.threads = *threads;
  if (values.count("posterior")) request.posterior = values["posterior"].as<std::string>();
  request.resume = values.count("resume") > 0;
  request.restart = values.count("restart") > 0;
  request.force = values.count("force") > 0;
  request.quiet = values.count("quiet") > 0;
  if (request.resume + request.restart + request.force > 1) {
    context.err << "kopa sweep: --resume, --restart and --force contradict each other; choose "
                   "one\n";
    return exit_bad_input;
  }
  return execute(request, context);
}

}  // namespace kopa
