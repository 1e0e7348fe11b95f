// `kopa calibrate`: ABC-SMC against a targets file (docs/calibration.md). Every evaluated
// proposal goes to a journal beside the target as it finishes (sweep/journal.hpp, the same
// checksummed records as `kopa sweep`'s), and the sampler, whose every draw is a pure function of
// (seed, generation, slot), replays the journal on --resume: a calibration killed at any moment
// ends with the same posterior as one never interrupted.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>

#include <tbb/global_control.h>

#include "calibrate/abc_smc.hpp"
#include "calibrate/particle_evaluator.hpp"
#include "calibrate/posterior_adjustment.hpp"
#include "calibrate/targets.hpp"
#include "cli/exit_code.hpp"
#include "cli/interrupt.hpp"
#include "cli/options.hpp"
#include "cli/progress.hpp"
#include "cli/resources.hpp"
#include "io/posterior_file.hpp"
#include "io/temporary_target.hpp"
#include "sweep/journal.hpp"

namespace kopa {
namespace {

namespace fs = std::filesystem;
using calibrate::Evaluation;
using calibrate::Proposal;

struct CalibrateRequest {
  fs::path file;
  fs::path output;
  int threads = 1;
  bool resume = false;
  bool restart = false;
  bool force = false;
  bool quiet = false;
};

std::string quoted(const fs::path& path) {
  return "'" + path.string() + "'";
}

using Known = std::map<std::pair<std::uint32_t, std::uint32_t>, Evaluation>;

struct Journal {
  std::optional<sweep::JournalWriter> writer;
  Known known;
  std::uint64_t damaged = 0;
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
  return journal;
}

std::optional<std::string> resume_mismatch(const sweep::JournalHeader& found,
                                           const sweep::JournalHeader& wanted) {
  if (found.sweep_sha256 != wanted.sweep_sha256) {
    return std::string(
        "the targets file changed since the calibration was started; restore it, "
        "or start over with --restart");
  }
  if (found.base_sha256 != wanted.base_sha256) {
    return std::string(
        "the base scenario (or a file it extends) changed since the calibration "
        "was started; restore it, or start over with --restart");
  }
  if (found.kopa_version != wanted.kopa_version || found.git_commit != wanted.git_commit) {
    return "the calibration was started by kopa " + found.kopa_version + " (" + found.git_commit +
           "), this is kopa " + wanted.kopa_version + " (" + wanted.git_commit +
           "); a different build may give different numbers. Resume with that build, or start "
           "over with --restart";
  }
  if (!(found == wanted)) return std::string("its sizes differ; start over with --restart");
  return std::nullopt;
}

Journal open_journal(const CalibrateRequest& request, const sweep::JournalHeader& header,
                     std::ostream& err) {
  const fs::path path = sweep::journal_path_for(request.output);
  std::error_code ec;
  const bool journal_exists = fs::exists(fs::symlink_status(path, ec));
  if (request.restart || !journal_exists) {
    if (!request.restart && fs::exists(fs::symlink_status(request.output, ec)) && !request.force) {
      return failed(quoted(request.output) + " already exists; use --force to replace it");
    }
    if (request.resume && !request.quiet) {
      err << "kopa calibrate: note: nothing to resume (no journal); running the whole "
             "calibration\n";
    }
    return fresh_journal(path, header);
  }
  Known known;
  sweep::JournalProblem problem;
  auto scan = sweep::scan_journal(
      path,
      [&](const sweep::JournalRecord& record) -> Status {
        Evaluation e;
        e.distance = record.values.front();
        e.kept.assign(record.values.begin() + 1, record.values.end());
        known[{record.point, record.replicate}] = std::move(e);
        return ok();
      },
      &problem);
  if (!scan && !problem.holds_runs) return fresh_journal(path, header);
  if (!scan) {
    return failed("cannot resume from " + quoted(path) + ": " + problem.message +
                  ". Nothing was changed; --restart discards it and starts afresh");
  }
  if (!request.resume) {
    return failed(quoted(path) + " holds " + std::to_string(scan->records) +
                  " evaluated particles of an unfinished calibration; --resume continues it, "
                  "--restart discards them and starts over");
  }
  if (auto mismatch = resume_mismatch(scan->header, header)) {
    return failed("cannot resume from " + quoted(path) + ": " + *mismatch);
  }
  auto writer = sweep::JournalWriter::reopen(path, *scan);
  if (!writer) return failed(writer.error().message, writer.error().bad_input);
  Journal journal;
  journal.writer.emplace(std::move(*writer));
  journal.known = std::move(known);
  journal.damaged = scan->damaged;
  return journal;
}

std::vector<double> rounded_theta(const calibrate::Targets& t,
                                  const std::vector<calibrate::Particle>& particles) {
  std::vector<double> theta;
  for (const auto& p : particles) {
    for (std::size_t j = 0; j < p.theta.size(); ++j) {
      theta.push_back(t.priors[j].integer ? std::round(p.theta[j]) : p.theta[j]);
    }
  }
  return theta;
}

io::PosteriorContents contents_of(const calibrate::Targets& t, const calibrate::SmcResult& r,
                                  const std::vector<Evaluation>& predictive,
                                  const std::optional<calibrate::AdjustmentRecord>& adjustment) {
  io::PosteriorContents c;
  c.targets_toml = t.text;
  c.base_scenario_toml = t.base.resolved_toml;
  c.seed = t.sampler.seed;
  c.replicates = t.sampler.replicates;
  c.distance_function = std::string(calibrate::distance_name(t.sampler.distance));
  c.kernel = std::string(calibrate::kernel_name(t.sampler.kernel));
  c.adjustment = std::string(calibrate::adjustment_name(t.sampler.adjustment));
  c.status = r.stopped_early ? "stopped early" : "complete";
  for (const auto& prior : t.priors) {
    c.parameters.push_back(prior.path);
    c.prior_min.push_back(prior.min);
    c.prior_max.push_back(prior.max);
    c.prior_log.push_back(prior.log ? 1 : 0);
    c.units.emplace_back(prior.spec.unit);
  }
  c.theta = rounded_theta(t, r.particles);
  if (adjustment) {
    c.theta_unadjusted = rounded_theta(t, adjustment->sampled);
    for (const auto& p : adjustment->sampled) c.weight_unadjusted.push_back(p.weight);
    c.adjustment_slope = adjustment->slope;
  }
  for (const auto& p : r.particles) {
    c.weight.push_back(p.weight);
    c.distance.push_back(p.distance);
    c.simulated.insert(c.simulated.end(), p.kept.begin(), p.kept.end());
  }
  for (const auto& e : predictive)
    c.predictive.insert(c.predictive.end(), e.kept.begin(), e.kept.end());
  c.prior_theta = rounded_theta(t, r.prior);
  for (const auto& p : r.prior) {
    c.prior_simulated.insert(c.prior_simulated.end(), p.kept.begin(), p.kept.end());
  }
  for (const auto& target : t.targets) {
    c.targets.push_back(target.name);
    c.observed.push_back(target.observed);
    c.tolerance.push_back(target.tolerance);
    c.target_use.emplace_back(calibrate::use_name(target.use));
    c.target_source.push_back(target.source);
  }
  for (const auto& g : r.generations) {
    c.generation_tolerance.push_back(g.tolerance);
    c.generation_acceptance.push_back(g.acceptance_rate());
    c.generation_ess.push_back(g.effective_sample_size);
    c.generation_proposed.push_back(static_cast<std::int64_t>(g.proposed));
    c.generation_evaluated.push_back(static_cast<std::int64_t>(g.evaluated));
  }
  return c;
}

// The weighted 5 % and 95 % quantiles of column `target` of a [row][target] table, NaN rows left
// out; "-" when no row has a value.
std::string interval(const std::vector<double>& table, const std::vector<double>& weights,
                     std::size_t targets, std::size_t target) {
  std::vector<double> values, w;
  for (std::size_t row = 0; row < weights.size(); ++row) {
    const double v = table[row * targets + target];
    if (!std::isfinite(v)) continue;
    values.push_back(v);
    w.push_back(weights[row]);
  }
  if (values.empty()) return "-";
  char text[64];
  std::snprintf(text, sizeof text, "[%.3g, %.3g]", calibrate::weighted_quantile(values, w, 0.05),
                calibrate::weighted_quantile(values, w, 0.95));
  return text;
}

// Target by target: observed, prior predictive and posterior predictive 5-95 %, and whether the
// posterior predictive median lies inside the target's band.
std::string validation_table(const io::PosteriorContents& c) {
  const std::size_t t = c.targets.size();
  const std::vector<double> flat(c.prior_simulated.size() / std::max<std::size_t>(t, 1), 1.0);
  std::string out =
      "target\tuse\tobserved\ttolerance\tprior 5-95%\tposterior predictive 5-95%\t"
      "median inside band\n";
  for (std::size_t k = 0; k < t; ++k) {
    std::vector<double> values, w;
    for (std::size_t i = 0; i < c.particles(); ++i) {
      if (!std::isfinite(c.predictive[i * t + k])) continue;
      values.push_back(c.predictive[i * t + k]);
      w.push_back(c.weight[i]);
    }
    const double median = values.empty() ? NAN : calibrate::weighted_quantile(values, w, 0.5);
    char numbers[64];
    std::snprintf(numbers, sizeof numbers, "%.4g\t%.4g", c.observed[k], c.tolerance[k]);
    out += c.targets[k] + "\t" + c.target_use[k] + "\t" + numbers + "\t" +
           interval(c.prior_simulated, flat, t, k) + "\t" + interval(c.predictive, c.weight, t, k) +
           "\t" +
           (std::isnan(median)                                   ? "no value"
            : std::abs(median - c.observed[k]) <= c.tolerance[k] ? "yes"
                                                                 : "NO") +
           "\n";
  }
  return out;
}

std::string progress_detail(const calibrate::GenerationSummary& g, int generations) {
  char text[160];
  std::snprintf(text, sizeof text, "generation %d/%d  tolerance %.4g  acceptance %.1f%%   ",
                g.generation, generations, g.tolerance, 100.0 * g.acceptance_rate());
  return text;
}

int execute(const CalibrateRequest& request, const CommandContext& context) {
  calibrate::TargetsLoad load = calibrate::load_targets(request.file);
  for (const auto& issue : load.issues) context.err << format_issue(issue) << "\n";
  if (!load.targets) return exit_bad_input;
  const calibrate::Targets& targets = *load.targets;
  if (Status writable = io::check_target(request.output, true); !writable) {
    context.err << "kopa calibrate: " << writable.error().message << "\n";
    return writable.error().bad_input ? exit_bad_input : exit_failure;
  }
  Journal journal = open_journal(request, calibrate::journal_header(targets), context.err);
  if (!journal.writer) {
    context.err << "kopa calibrate: " << journal.error->message << "\n";
    return journal.error->bad_input ? exit_bad_input : exit_failure;
  }
  if (!journal.known.empty() && !request.quiet) {
    context.err << "kopa calibrate: resuming: " << journal.known.size()
                << " evaluated particles already in the journal\n";
  }
  if (journal.damaged > 0) {
    context.err << "kopa calibrate: note: " << journal.damaged
                << " damaged journal records (bad checksum) were skipped; they are run again\n";
  }

  const Progress::Mode mode = request.quiet                ? Progress::Mode::quiet
                              : context.stderr_is_terminal ? Progress::Mode::bar
                                                           : Progress::Mode::lines;
  InterruptGuard interrupt;
  tbb::global_control cap(tbb::global_control::max_allowed_parallelism,
                          static_cast<std::size_t>(request.threads));
  calibrate::EvaluatorOptions options;
  options.threads = request.threads;
  options.stop = &interrupt.flag();
  options.known = [&](const Proposal& p) -> std::optional<Evaluation> {
    const auto found = journal.known.find({static_cast<std::uint32_t>(p.generation), p.slot});
    if (found == journal.known.end()) return std::nullopt;
    return found->second;
  };
  options.finished = [&](const Proposal& p, const Evaluation& e) -> Status {
    std::vector<double> values{e.distance};
    values.insert(values.end(), e.kept.begin(), e.kept.end());
    return journal.writer->append(static_cast<std::uint32_t>(p.generation), p.slot, values);
  };
  const auto particles = static_cast<std::size_t>(targets.sampler.particles);
  std::optional<Progress> progress;
  int shown_generation = -1;
  auto observe = [&](const calibrate::GenerationSummary& g, bool done) {
    if (g.generation != shown_generation) {
      if (progress) progress->finish();
      progress.emplace(context.err, mode, particles, "particles");
      shown_generation = g.generation;
    }
    progress->set_detail(progress_detail(g, targets.sampler.generations));
    progress->advance(g.accepted);
    if (done) {
      progress->finish();
      progress.reset();
    }
  };
  auto result = calibrate::run_abc_smc(
      [&] {
        std::vector<calibrate::PriorRange> ranges;
        for (const auto& p : targets.priors) ranges.push_back({p.min, p.max, p.log});
        return ranges;
      }(),
      calibrate::smc_settings(targets), calibrate::model_evaluator(targets, options), observe,
      [&] { return interrupt.requested(); });
  if (progress) progress->finish();
  std::optional<calibrate::AdjustmentRecord> adjustment;
  if (result && !interrupt.requested()) {
    auto adjusted = calibrate::adjust_last_generation(targets, *result);
    if (!adjusted) {
      result = adjusted.error();
    } else {
      adjustment = std::move(*adjusted);
    }
  }
  // The posterior predictive: every particle (adjusted, when the file asks for it) once more
  // under seeds the sampler never used (generation `generations + 1`), journaled like the rest.
  std::vector<Evaluation> predictive;
  if (result && !interrupt.requested()) {
    std::vector<Proposal> proposals;
    for (std::size_t i = 0; i < result->particles.size(); ++i) {
      proposals.push_back({targets.sampler.generations + 1, static_cast<std::uint32_t>(i),
                           result->particles[i].theta});
    }
    auto evaluated = calibrate::model_evaluator(targets, options)(proposals);
    if (!evaluated) {
      result = evaluated.error();
    } else {
      predictive = std::move(*evaluated);
    }
  }
  Status synced = journal.writer->sync();
  journal.writer.reset();
  if (interrupt.requested()) {
    context.err << "kopa calibrate: interrupted; the evaluated particles are kept in "
                << sweep::journal_path_for(request.output).string() << "; continue with --resume\n";
    return exit_interrupted;
  }
  if (!result) {
    context.err << "kopa calibrate: " << result.error().message
                << (result.error().bad_input ? ""
                                             : " (evaluated particles are kept in the journal; "
                                               "fix the cause and --resume)")
                << "\n";
    return result.error().bad_input ? exit_bad_input : exit_failure;
  }
  if (!synced) {
    context.err << "kopa calibrate: " << synced.error().message << "\n";
    return exit_failure;
  }
  const io::RootInfo root{command_line("calibrate", context), request.threads};
  const io::PosteriorContents contents = contents_of(targets, *result, predictive, adjustment);
  if (Status written = io::write_posterior(request.output, true, root, contents); !written) {
    context.err << "kopa calibrate: " << written.error().message << "\n";
    return exit_failure;
  }
  std::error_code ignored;
  fs::remove(sweep::journal_path_for(request.output), ignored);
  context.out << validation_table(contents);
  if (!request.quiet) {
    const auto& last = result->generations.back();
    context.err << "kopa calibrate: " << result->particles.size() << " particles of generation "
                << last.generation << " (tolerance " << last.tolerance << ") written to "
                << request.output.string() << "\n";
    if (result->stopped_early) {
      context.err << "kopa calibrate: note: stopped before generation "
                  << targets.sampler.generations
                  << ": the next generation's acceptance fell below min_acceptance\n";
    }
  }
  return exit_ok;
}

}  // namespace

CommandSpec calibrate_spec() {
  CommandSpec spec{
      "calibrate",
      "kopa calibrate TARGETS.toml [-o posterior.h5] [-t THREADS] [--resume | --restart | "
      "--force] [--quiet]",
      "Calibrates the parameters that the targets file gives priors by approximate Bayesian\n"
      "computation (ABC-SMC with an adaptive tolerance, docs/calibration.md) against its\n"
      "fitted targets, and writes the last generation's weighted particles (moved by the\n"
      "regression adjustment when the file sets adjustment = \"local_linear\"), their\n"
      "distances and simulated target values, and the targets file itself (group\n"
      "/calibration).\n"
      "Deterministic for the file's seed on any thread count. Every evaluated particle is\n"
      "appended to a journal beside the output (.<output>.journal); after a crash or kill,\n"
      "--resume replays it and gives the same posterior as an uninterrupted run. Ctrl-C or\n"
      "SIGTERM keeps the journal (exit 130).",
      {"options"},
      {}};
  spec.options.add_options()("targets", po::value<std::string>(), "targets file")(
      "output,o", po::value<std::string>()->default_value("posterior.h5"), "posterior file")(
      "threads,t", po::value<int>()->default_value(0),
      "threads (0: every hardware thread; at most 4 per hardware thread)")(
      "resume", "continue the calibration from its journal (the targets file must be unchanged)")(
      "restart", "start over: discard the journal's evaluated particles")(
      "force", "replace an existing output file")("quiet", "no progress output");
  spec.positional.add("targets", 1);
  return spec;
}

int command_calibrate(const CommandContext& context) {
  const CommandSpec spec = calibrate_spec();
  po::variables_map values;
  if (auto code = parse_command(spec, context, values)) return *code;
  CalibrateRequest request;
  if (!values.count("targets")) {
    context.err << "kopa calibrate: name a targets file (see 'kopa calibrate --help')\n";
    return exit_bad_input;
  }
  request.file = values["targets"].as<std::string>();
  request.output = values["output"].as<std::string>();
  const auto threads = resolve_threads(values["threads"].as<int>());
  if (!threads) {
    context.err << "kopa calibrate: " << threads.error().message << "\n";
    return exit_bad_input;
  }
  request.threads = *threads;
  request.resume = values.count("resume") > 0;
  request.restart = values.count("restart") > 0;
  request.force = values.count("force") > 0;
  request.quiet = values.count("quiet") > 0;
  if (request.resume + request.restart + request.force > 1) {
    context.err << "kopa calibrate: --resume, --restart and --force contradict each other; "
                   "choose one\n";
    return exit_bad_input;
  }
  return execute(request, context);
}

}  // namespace kopa
