#pragma once
// `kopa run` and `kopa sweep` over MPI ranks (docs/distributed.md): the same runs as on one
// machine, the writer rank (0) dealing them and writing every result, the other ranks computing.
// Without mpirun (or with one rank) everything here is the plain single-process path.
#include <functional>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "engine/ensemble.hpp"
#include "model/metrics.hpp"
#include "model/model.hpp"
#include "util/expected.hpp"

namespace kopa {

// This process's part in a command.
enum class Role {
  alone,     // no MPI job, or a job of one rank: runs here with TBB
  writer,    // rank 0 of several: checks the output, deals the runs, writes the file
  computer,  // any other rank: computes what the writer deals, prints and writes nothing
};
Role role_of(const CommandContext& context);

// Every rank runs `load` (which prints its problems to the stream it is given and returns an
// exit code) and, under mpirun, all come to one decision before anything is written: every rank
// loaded its inputs (a computer's own problems are shown only when the writer's load succeeded)
// and all loaded the same (`fingerprint`, called after a good load: e.g. the inputs' text).
// Returns exit_ok to go on, or the code every rank returns.
int load_on_every_rank(const CommandContext& context, const std::string& command,
                       const std::function<int(std::ostream&)>& load,
                       const std::function<std::string()>& fingerprint);

// The writer's go/stop to every rank (exit_ok: the output is ready, the runs start); alone,
// simply `code`.
int writer_decides(const CommandContext& context, int code);

using DeliverRun = std::function<Status(const RunJob&, RunSeries&&)>;

// Runs `jobs` of `models`, handing each finished run to `deliver` on this thread in completion
// order: alone, with run_ensemble on this process's threads; as the writer, dealt to the other
// ranks. A job's series is the same either way (it depends on model, base seed and replicate
// only). The writer that stops early (a signal, a rank signalled or dead, an error) says so and
// has the other ranks ended after it has written its file.
Status run_jobs(const CommandContext& context, const std::string& command,
                const std::vector<const Model*>& models, const std::vector<RunJob>& jobs,
                const EnsembleOptions& options, bool quiet, const DeliverRun& deliver);

// A computer's whole part once the inputs are loaded: waits for the writer's go, then computes
// the runs it deals (on `options.threads` threads) until it has no more. Returns the exit code.
int compute_runs(const CommandContext& context, const std::vector<const Model*>& models,
                 const EnsembleOptions& options);

}  // namespace kopa
