// Temporary: the subcommands whose bodies land in later commits. Each parses its options for real
// so that `--help` and argument errors already behave as documented.
#include <ostream>

#include "cli/exit_code.hpp"
#include "cli/options.hpp"

namespace kopa {
namespace {

int not_yet(const CommandSpec& spec, const CommandContext& context) {
  po::variables_map values;
  if (auto code = parse_command(spec, context, values)) return *code;
  context.err << "kopa " << spec.name << ": not implemented yet\n";
  return exit_failure;
}

CommandSpec simple_spec(std::string name, std::string usage, std::string summary) {
  CommandSpec spec{std::move(name), std::move(usage), std::move(summary), {"options"}, {}};
  spec.options.add_options()("input", po::value<std::vector<std::string>>(), "input files");
  spec.positional.add("input", -1);
  return spec;
}

}  // namespace

int command_compare(const CommandContext& context) {
  return not_yet(simple_spec("compare", "kopa compare RESULTS.h5 [options]", "Compare."), context);
}
}  // namespace kopa
