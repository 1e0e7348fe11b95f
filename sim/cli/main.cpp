#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/exit_code.hpp"
#include "distribute/world.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // Joins the MPI job only when mpirun (or srun) started this process; a plain kopa makes no
  // MPI call (docs/distributed.md).
  kopa::distribute::World world;
  int code = kopa::run_cli(args, std::cout, std::cerr, isatty(STDERR_FILENO) != 0, &world);
  // std::cout writes through stdio: its last bytes can sit in stdout's buffer until here, and a
  // full disk only shows when they are flushed.
  errno = 0;
  if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
    std::fprintf(stderr, "kopa: cannot write the output: %s\n",
                 errno != 0 ? std::strerror(errno) : "write error");
    if (code == kopa::exit_ok) code = kopa::exit_failure;
  }
  return code;
}
