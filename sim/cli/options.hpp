#pragma once
#include <boost/program_options.hpp>
#include <optional>
#include <string>

#include "cli/cli.hpp"

namespace kopa {

namespace po = boost::program_options;

// One subcommand's command line: its named options, its positional arguments and its usage line.
struct CommandSpec {
  std::string name;     // "run"
  std::string usage;    // "kopa run SCENARIO.toml... [options]"
  std::string summary;  // one line for `kopa --help`
  po::options_description options;
  po::positional_options_description positional;
};

// Parses the context's arguments against the spec. On `--help` prints the command's help and
// returns exit_ok; on a bad argument prints one line naming it plus a usage hint and returns
// exit_bad_input; otherwise fills `values` and returns nullopt (go on).
std::optional<int> parse_command(const CommandSpec& spec, const CommandContext& context,
                                 po::variables_map& values);

void print_command_help(const CommandSpec& spec, std::ostream& out);

// Each subcommand's spec, for its parsing and help, for `kopa complete` and so the man page.
CommandSpec run_spec();
CommandSpec compare_spec();
CommandSpec sweep_spec();
CommandSpec calibrate_spec();
CommandSpec validate_spec();
CommandSpec describe_spec();
CommandSpec serve_spec();
CommandSpec report_spec();
CommandSpec export_spec();
CommandSpec analyse_spec();

}  // namespace kopa
