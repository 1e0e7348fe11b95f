#include "cli/spread_runs.hpp"

#include <tbb/global_control.h>

#include <cstdio>
#include <ostream>
#include <sstream>

#include "cli/exit_code.hpp"
#include "cli/interrupt.hpp"
#include "distribute/dealer.hpp"
#include "distribute/world.hpp"
#include "engine/run.hpp"
#include "sweep/journal.hpp"

namespace kopa {

Role role_of(const CommandContext& context) {
  if (context.world == nullptr || !context.world->distributed()) return Role::alone;
  return context.world->writer() ? Role::writer : Role::computer;
}

int load_on_every_rank(const CommandContext& context, const std::string& command,
                       const std::function<int(std::ostream&)>& load,
                       const std::function<std::string()>& fingerprint) {
  const Role role = role_of(context);
  if (role == Role::alone) return load(context.err);
  std::ostringstream held;  // a computer's own messages
  const int load_code = load(role == Role::computer ? held : context.err);
  const std::string messages = held.str();
  distribute::World& world = *context.world;
  const bool writer_loaded = world.writer_decides(load_code) == exit_ok;
  if (!world.all_ok(load_code == exit_ok)) {
    if (role == Role::computer && load_code != exit_ok && writer_loaded) {
      context.err << "kopa " << command << " (rank " << world.rank() << "): " << messages;
    }
    if (role == Role::writer && writer_loaded) {
      context.err << "kopa " << command << ": another rank could not load the inputs (its "
                  << "messages above); every rank must see the same files\n";
    }
    return exit_bad_input;
  }
  const std::string mine = fingerprint();
  if (!world.all_ok(world.writer_text(mine) == mine)) {
    if (role == Role::writer) {
      context.err << "kopa " << command << ": the ranks loaded different inputs (the files "
                  << "differ between nodes); every rank must see the same files\n";
    }
    return exit_bad_input;
  }
  return exit_ok;
}

int writer_decides(const CommandContext& context, int code) {
  if (role_of(context) == Role::alone) return code;
  return context.world->writer_decides(code);
}

namespace {

void report_dealing(const CommandContext& context, const std::string& command,
                    const distribute::DealReport& report) {
  const double runs = static_cast<double>(std::max<std::uint64_t>(1, report.runs));
  char line[256];
  std::snprintf(
      line, sizeof line,
      "kopa %s: %d ranks; the writer received %llu runs (%.1f kB each), spent %.2f ms "
      "writing each (%.2f ms of it computing), %llu messages\n",
      command.c_str(), context.world->size(), static_cast<unsigned long long>(report.runs),
      static_cast<double>(report.result_bytes) / runs / 1e3, report.deliver_seconds / runs * 1e3,
      report.deliver_cpu_seconds / runs * 1e3, static_cast<unsigned long long>(report.messages));
  context.err << line;
}

}  // namespace

Status run_jobs(const CommandContext& context, const std::string& command,
                const std::vector<const Model*>& models, const std::vector<RunJob>& jobs,
                const EnsembleOptions& options, bool quiet, const DeliverRun& deliver) {
  if (role_of(context) == Role::alone) return run_ensemble(models, jobs, options, deliver);
  distribute::World& world = *context.world;
  distribute::DealReport report;
  Status status = distribute::deal(
      world, jobs, options.stop,
      [&](const RunJob& job, std::vector<double>&& values) -> Status {
        const Model* model = job.model < models.size() ? models[job.model] : nullptr;
        if (model == nullptr ||
            values.size() != sweep::values_per_run(model->months(), model->labels())) {
          return Error{"a rank sent a run that does not fit model " + std::to_string(job.model) +
                       " (was it built from other sources?)"};
        }
        return deliver(job, sweep::unflatten(values, model->months(), model->labels()));
      },
      &report);
  if (!status) {
    world.abandon(exit_failure);
  } else if (report.stopped) {
    world.abandon(exit_interrupted);
    context.err << "kopa " << command
                << ": stopped dealing runs: a signal reached a rank (mpirun sends one to every "
                   "rank when a rank dies); ending every rank\n";
  } else if (!quiet) {
    report_dealing(context, command, report);
  }
  return status;
}

int compute_runs(const CommandContext& context, const std::vector<const Model*>& models,
                 const EnsembleOptions& options) {
  if (const int go = writer_decides(context, exit_ok); go != exit_ok) return go;
  InterruptGuard interrupt;
  // The arena's threads all compute; the thread that talks to the writer comes on top.
  tbb::global_control cap(tbb::global_control::max_allowed_parallelism,
                          static_cast<std::size_t>(options.threads) + 1);
  Status status =
      distribute::serve(*context.world, options.threads, &interrupt.flag(), [&](const RunJob& job) {
        return sweep::flatten(run_replicate(*models[job.model], options.base_seed, job.replicate,
                                            Parallelism::serial));
      });
  if (status) return exit_ok;
  return interrupt.requested() ? exit_interrupted : exit_failure;
}

}  // namespace kopa
