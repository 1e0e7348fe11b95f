#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace kopa {

// What every subcommand gets: its own arguments (after the subcommand name) and the streams it
// prints to. Tests drive the CLI through this without spawning processes.
struct CommandContext {
  std::vector<std::string> args;
  std::ostream& out;
  std::ostream& err;
  bool stderr_is_terminal = false;
};

// The whole command line, argv[0] excluded. Returns the process exit code.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
            bool stderr_is_terminal = false);

int command_run(const CommandContext& context);
int command_compare(const CommandContext& context);
int command_report(const CommandContext& context);
int command_export(const CommandContext& context);
int command_sweep(const CommandContext& context);
int command_calibrate(const CommandContext& context);
int command_analyse(const CommandContext& context);
int command_validate(const CommandContext& context);
int command_describe(const CommandContext& context);
int command_complete(const CommandContext& context);  // for the shell's completion; not in help

}  // namespace kopa
