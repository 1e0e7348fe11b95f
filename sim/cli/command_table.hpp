#pragma once
// kopa's commands, in the order `kopa --help` lists them: the one table that dispatch, the help,
// `kopa complete` (and through it the bash completion and the man page) read, so a new command
// is added in one place.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/options.hpp"

namespace kopa {

struct Subcommand {
  std::string_view name;
  std::string_view summary;
  int (*handler)(const CommandContext&);
  CommandSpec (*spec)();  // its options and positional arguments
};

std::span<const Subcommand> command_table();

// The commands' names, in table order.
std::vector<std::string> command_names();

// The command called `name`, or nullptr.
const Subcommand* find_command(std::string_view name);

}  // namespace kopa
