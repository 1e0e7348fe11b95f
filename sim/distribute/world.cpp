#include "distribute/world.hpp"

#include <mpi.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace kopa::distribute {

bool launched_by_mpi_launcher(const char* (*lookup)(const char*)) {
  auto read = [&](const char* name) -> const char* {
    return lookup != nullptr ? lookup(name) : std::getenv(name);
  };
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"}) {
    const char* value = read(name);
    if (value != nullptr && *value != '\0') return true;
  }
  return false;
}

World::World() {
  if (!launched_by_mpi_launcher()) return;
  int provided = MPI_THREAD_SINGLE;
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  joined_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  if (provided < MPI_THREAD_FUNNELED) {
    // TBB threads compute while the main thread talks; an MPI without threads cannot host that.
    if (rank_ == 0) {
      std::fprintf(stderr, "kopa: this MPI library gives no thread support (funneled needed)\n");
    }
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
}

World::~World() {
  if (!joined_) return;
  if (abandon_code_ != 0 && size_ > 1) MPI_Abort(MPI_COMM_WORLD, abandon_code_);
  MPI_Finalize();
}

bool World::all_ok(bool mine) const {
  if (!joined_) return mine;
  int local = mine ? 1 : 0;
  int every = 0;
  MPI_Allreduce(&local, &every, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
  return every != 0;
}

int World::writer_decides(int code) const {
  if (!joined_) return code;
  MPI_Bcast(&code, 1, MPI_INT, 0, MPI_COMM_WORLD);
  return code;
}

std::string World::writer_text(const std::string& text) const {
  if (!joined_) return text;
  auto length = static_cast<unsigned long long>(text.size());
  MPI_Bcast(&length, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
  std::vector<char> bytes(text.begin(), text.end());
  bytes.resize(static_cast<std::size_t>(length));
  MPI_Bcast(bytes.data(), static_cast<int>(length), MPI_CHAR, 0, MPI_COMM_WORLD);
  return {bytes.begin(), bytes.end()};
}

}  // namespace kopa::distribute
