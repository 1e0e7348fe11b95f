#pragma once
// The MPI world kopa runs in (docs/distributed.md). A process started by an MPI launcher
// (mpirun, or srun with PMI/PMIx) joins the job's ranks; any other process is a world of one and
// makes no MPI call at all, so a plain `kopa` needs no MPI runtime (no orted, no singleton init)
// and behaves exactly as a build without MPI would. The only MPI calls of kopa are in this
// folder.
#include <string>

namespace kopa::distribute {

// Whether this process was started by an MPI launcher: Open MPI's mpirun sets
// OMPI_COMM_WORLD_SIZE, PMIx launchers (Open MPI, Slurm's srun --mpi=pmix) PMIX_RANK, PMI-1/2
// launchers PMI_RANK. `lookup` reads an environment variable (std::getenv by default).
bool launched_by_mpi_launcher(const char* (*lookup)(const char*) = nullptr);

class World {
 public:
  // Joins the launcher's job (MPI_Init_thread, funneled: only the thread that created the world
  // calls MPI) when launched by one; otherwise a world of one rank, without any MPI call.
  World();
  // Leaves the job: MPI_Finalize when every rank ends together, MPI_Abort (ending every rank)
  // after abandon().
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  // More than one rank: the writer deals runs, the others compute them.
  bool distributed() const { return size_ > 1; }
  // Rank 0 owns the output file, its journal and the progress line.
  bool writer() const { return rank_ == 0; }

  // Collective: whether `mine` holds on every rank (true in a world of one when `mine` is).
  bool all_ok(bool mine) const;
  // Collective: the writer's `code` on every rank.
  int writer_decides(int code) const;
  // Collective: the writer's `text` on every rank (to check every rank loaded the same inputs).
  std::string writer_text(const std::string& text) const;

  // The other ranks may still be busy (the writer stopped early): end them with `code` when
  // this world ends instead of waiting for them.
  void abandon(int code) { abandon_code_ = code; }

 private:
  bool joined_ = false;
  int rank_ = 0;
  int size_ = 1;
  int abandon_code_ = 0;
};

}  // namespace kopa::distribute
