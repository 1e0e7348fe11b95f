#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli/exit_code.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  int code = kopa::run_cli(args, std::cout, std::cerr, isatty(STDERR_FILENO) != 0);
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
