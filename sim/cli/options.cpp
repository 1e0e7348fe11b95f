#include "cli/options.hpp"

#include <ostream>

#include "cli/exit_code.hpp"

namespace kopa {

void print_command_help(const CommandSpec& spec, std::ostream& out) {
  out << "usage: " << spec.usage << "\n\n" << spec.summary << "\n\n" << spec.options << "\n";
}

std::optional<int> parse_command(const CommandSpec& spec, const CommandContext& context,
                                 po::variables_map& values) {
  po::options_description all = spec.options;
  all.add_options()("help,h", "show this help");
  try {
    po::store(
        po::command_line_parser(context.args)
            .options(all)
            .positional(spec.positional)
            .style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
            .run(),
        values);
    if (values.count("help")) {
      print_command_help(spec, context.out);
      return exit_ok;
    }
    po::notify(values);
  } catch (const po::error& e) {
    context.err << "kopa " << spec.name << ": " << e.what() << "\n"
                << "usage: " << spec.usage << " (see 'kopa " << spec.name << " --help')\n";
    return exit_bad_input;
  }
  return std::nullopt;
}

}  // namespace kopa
