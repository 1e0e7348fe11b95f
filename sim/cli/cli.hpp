#pragma once
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace kopa {

namespace distribute {
class World;
}

// What every subcommand gets: its own arguments (after the subcommand name) and the streams it
// prints to. Tests drive the CLI through this without spawning processes.
struct CommandContext {
  std::vector<std::string> args;
  std::ostream& out;
  std::ostream& err;
  bool stderr_is_terminal = false;
  // The MPI ranks this process is one of (docs/distributed.md); null: a process of its own.
  distribute::World* world = nullptr;
};

// "kopa COMMAND ARGS...": the command line as the results' provenance records it.
std::string command_line(std::string_view command, const CommandContext& context);

// The whole command line, argv[0] excluded. Returns the process exit code.
// Under mpirun (`world` distributed) only `run` and `sweep` spread over the ranks; every other
// command is refused there, as each rank would do it again.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
            bool stderr_is_terminal = false, distribute::World* world = nullptr);

int command_run(const CommandContext& context);
int command_compare(const CommandContext& context);
int command_report(const CommandContext& context);
int command_export(const CommandContext& context);
int command_sweep(const CommandContext& context);
int command_calibrate(const CommandContext& context);
int command_analyse(const CommandContext& context);
int command_validate(const CommandContext& context);
int command_describe(const CommandContext& context);
int command_serve(const CommandContext& context);
int command_complete(const CommandContext& context);  // for the shell's completion; not in help

}  // namespace kopa
