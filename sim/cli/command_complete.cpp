// kopa complete WORD...: what may come next on the command line `kopa WORD...`, whose last WORD
// is the one being completed (possibly empty): one candidate a line, or the single line
// "__files__" where a file name goes. The bash completion script (scripts/kopa-completion.bash)
// asks this, so subcommands, options and parameter paths come from the code that parses them.
// Not listed in `kopa --help`.
#include <algorithm>
#include <array>
#include <ostream>
#include <set>
#include <string_view>

#include "cli/command_table.hpp"
#include "cli/exit_code.hpp"
#include "cli/options.hpp"
#include "model/metrics.hpp"
#include "scenario/parameter_table.hpp"

namespace kopa {
namespace {

constexpr std::string_view file_marker = "__files__";

std::optional<CommandSpec> spec_named(std::string_view name) {
  const Subcommand* command = find_command(name);
  if (!command) return std::nullopt;
  return command->spec();
}

// The names of the spec's positional arguments, which are options only to the parser.
std::set<std::string> positional_names(const CommandSpec& spec) {
  std::set<std::string> names;
  const unsigned count = std::min(spec.positional.max_total_count(), 4u);
  for (unsigned i = 0; i < count; ++i) names.insert(spec.positional.name_for_position(i));
  return names;
}

// "--output" and "-o" of every named option, with whether it takes a value.
std::vector<std::pair<std::string, bool>> option_names(const CommandSpec& spec) {
  std::vector<std::pair<std::string, bool>> names{{"--help", false}};
  const auto positional = positional_names(spec);
  for (const auto& option : spec.options.options()) {
    if (positional.contains(option->long_name())) continue;
    const bool takes_value = option->semantic()->max_tokens() > 0;
    names.emplace_back("--" + option->long_name(), takes_value);
    const std::string short_name =
        option->canonical_display_name(po::command_line_style::allow_dash_for_short);
    if (short_name.size() == 2 && short_name[0] == '-') names.emplace_back(short_name, takes_value);
  }
  return names;
}

std::vector<std::string> parameter_paths(bool with_sections) {
  std::vector<std::string> paths;
  for (const auto& spec : parameter_table().specs()) {
    if (with_sections) {
      for (auto dot = spec.path.find('.'); dot != std::string::npos;
           dot = spec.path.find('.', dot + 1)) {
        paths.push_back(spec.path.substr(0, dot));
      }
    }
    paths.push_back(spec.path);
  }
  if (with_sections) paths.emplace_back("region");
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  return paths;
}

std::vector<std::string> total_metrics() {
  std::vector<std::string> names{"money_share_disadvantaged"};
  for (const auto& spec : metric_catalog()) {
    if (spec.breakdown == Breakdown::total) names.emplace_back(spec.name);
  }
  return names;
}

// The values option `option` of subcommand `command` takes.
std::vector<std::string> option_values(std::string_view command, std::string_view option) {
  if (option == "--set") {
    std::vector<std::string> assignments;
    for (const auto& path : parameter_paths(false)) assignments.push_back(path + "=");
    return assignments;
  }
  if (option == "--format") {
    if (command == "describe") return {"table", "markdown", "json"};
    return {"table", "csv", "markdown", "json"};
  }
  if (option == "--metric") return total_metrics();
  if (option == "--output" || option == "-o") return {std::string(file_marker)};
  return {};  // numbers, names: nothing to offer
}

std::vector<std::string> candidates(const std::vector<std::string>& words) {
  const std::vector<std::string> commands = command_names();
  if (words.size() <= 1) {
    std::vector<std::string> first = commands;
    for (const char* extra : {"help", "--help", "--version"}) first.emplace_back(extra);
    return first;
  }
  const std::string& command = words.front();
  if (command == "help") return words.size() == 2 ? commands : std::vector<std::string>{};
  const auto spec = spec_named(command);
  if (!spec) return {};
  const std::string& current = words.back();
  const auto options = option_names(*spec);
  if (words.size() >= 3) {
    const std::string& previous = words[words.size() - 2];
    const auto found = std::find_if(options.begin(), options.end(),
                                    [&](const auto& option) { return option.first == previous; });
    if (found != options.end() && found->second) return option_values(command, previous);
  }
  if (current.starts_with("-")) {
    std::vector<std::string> names;
    for (const auto& [name, takes_value] : options) names.push_back(name);
    return names;
  }
  if (command == "describe") return parameter_paths(true);
  return {std::string(file_marker)};
}

}  // namespace

int command_complete(const CommandContext& context) {
  std::vector<std::string> words = context.args;
  if (words.empty()) words.emplace_back();
  const std::string& current = words.back();
  for (const std::string& candidate : candidates(words)) {
    if (candidate == file_marker || candidate.starts_with(current))
      context.out << candidate << "\n";
  }
  return exit_ok;
}

}  // namespace kopa
