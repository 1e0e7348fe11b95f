#include "cli/cli.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <new>
#include <ostream>
#include <string_view>

#include "cli/command_table.hpp"
#include "cli/exit_code.hpp"
#include "distribute/world.hpp"
#include "engine/build_info.hpp"
#include "util/suggest.hpp"

namespace kopa {
namespace {

void print_help(std::ostream& out) {
  out << "kopa " << kopa_version()
      << " - agent-based simulator of inclusive rural social entrepreneurship\n\n"
         "usage: kopa <command> [options]\n"
         "       kopa --version | --help\n\n"
         "commands:\n";
  for (const auto& sub : command_table()) {
    out << "  " << sub.name << std::string(10 - sub.name.size(), ' ') << sub.summary << "\n";
  }
  out << "\nRun 'kopa <command> --help' or 'kopa help <command>' for a command's options.\n"
         "Exit codes: 0 ok, 1 failed (I/O, out of memory, output not written), 2 bad input,\n"
         "130 interrupted (SIGINT, SIGTERM, SIGHUP, SIGPIPE; finished runs kept).\n";
}

// `kopa help COMMAND` is `kopa COMMAND --help`.
std::vector<std::string> help_as_option(const std::vector<std::string>& args) {
  return {args[1], "--help"};
}

int dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
             bool stderr_is_terminal, distribute::World* world) {
  if (args.empty()) {
    print_help(err);
    return exit_bad_input;
  }
  const std::string& first = args.front();
  if (first == "help" && args.size() == 2 && args[1] != "help") {
    return dispatch(help_as_option(args), out, err, stderr_is_terminal, world);
  }
  if (first == "help" && args.size() > 2) {
    err << "kopa help: name one command; see 'kopa --help'\n";
    return exit_bad_input;
  }
  if (first == "--help" || first == "-h" || first == "help") {
    print_help(out);
    return exit_ok;
  }
  if (first == "--version" || first == "-V") {
    out << "kopa " << kopa_version() << " (git " << git_commit() << ")\n";
    return exit_ok;
  }
  if (first == "complete") {
    return command_complete({{args.begin() + 1, args.end()}, out, err, stderr_is_terminal});
  }
  if (world != nullptr && world->distributed() && first != "run" && first != "sweep") {
    if (world->writer()) {
      err << "kopa: only 'kopa run' and 'kopa sweep' spread over MPI ranks; run 'kopa " << first
          << "' without mpirun\n";
    }
    return exit_bad_input;
  }
  for (const auto& sub : command_table()) {
    if (first == sub.name) {
      CommandContext context{{args.begin() + 1, args.end()}, out, err, stderr_is_terminal, world};
      return sub.handler(context);
    }
  }
  const auto names = command_names();
  if (first.starts_with("-")) {
    err << "kopa: unknown option '" << first << "'; see 'kopa --help'\n";
  } else {
    err << "kopa: unknown command '" << first << "'" << did_you_mean(first, names)
        << "; see 'kopa --help'\n";
  }
  return exit_bad_input;
}

}  // namespace

std::string command_line(std::string_view command, const CommandContext& context) {
  std::string line = "kopa " + std::string(command);
  for (const auto& arg : context.args) line += " " + arg;
  return line;
}

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
            bool stderr_is_terminal, distribute::World* world) {
  int code = exit_failure;
  try {
    code = dispatch(args, out, err, stderr_is_terminal, world);
  } catch (const std::bad_alloc&) {
    // Every writer deletes its temporary file as the stack unwinds to here.
    err << "kopa: out of memory; nothing was written (use fewer founders, replicates or threads)\n";
    return exit_failure;
  }
  // Output that never arrived is a failure, not a success: a full disk, a closed pipe.
  errno = 0;
  out.flush();
  if (!out) {
    const int error = errno;
    err << "kopa: cannot write the output"
        << (error != 0 ? ": " + std::string(std::strerror(error)) : "") << "\n";
    if (code == exit_ok) code = exit_failure;
  }
  return code;
}

}  // namespace kopa
