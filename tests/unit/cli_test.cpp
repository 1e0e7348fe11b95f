#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "cli/cli.hpp"
#include "cli/command_table.hpp"
#include "cli/exit_code.hpp"
#include "cli_outcome.hpp"

namespace kopa {
namespace {

using testing::kopa;

TEST(Cli, VersionNamesVersionAndCommit) {
  const auto result = kopa({"--version"});
  EXPECT_EQ(result.code, exit_ok);
  EXPECT_TRUE(result.out.starts_with("kopa 0.")) << result.out;
  EXPECT_NE(result.out.find("(git "), std::string::npos) << result.out;
}

TEST(Cli, HelpListsEverySubcommand) {
  const auto result = kopa({"--help"});
  EXPECT_EQ(result.code, exit_ok);
  for (const char* name : {"run", "compare", "report", "export", "sweep", "calibrate", "analyse",
                           "validate", "describe", "serve"}) {
    EXPECT_NE(result.out.find(std::string("  ") + name), std::string::npos) << name;
  }
}

TEST(Cli, NoArgumentsIsUsageError) {
  const auto result = kopa({});
  EXPECT_EQ(result.code, exit_bad_input);
  EXPECT_NE(result.err.find("usage: kopa <command>"), std::string::npos);
}

TEST(Cli, UnknownSubcommandIsOneLineWithSuggestion) {
  const auto result = kopa({"rnu"});
  EXPECT_EQ(result.code, exit_bad_input);
  EXPECT_EQ(result.err, "kopa: unknown command 'rnu' (did you mean 'run'?); see 'kopa --help'\n");
}

TEST(Cli, UnknownSubcommandFarFromAnyGetsNoSuggestion) {
  const auto result = kopa({"xyzzyplugh"});
  EXPECT_EQ(result.code, exit_bad_input);
  EXPECT_EQ(result.err, "kopa: unknown command 'xyzzyplugh'; see 'kopa --help'\n");
}

TEST(Cli, UnknownTopLevelOption) {
  const auto result = kopa({"--frobnicate"});
  EXPECT_EQ(result.code, exit_bad_input);
  EXPECT_EQ(result.err, "kopa: unknown option '--frobnicate'; see 'kopa --help'\n");
}

class SubcommandTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SubcommandTest, HelpPrintsUsage) {
  const auto result = kopa({GetParam(), "--help"});
  EXPECT_EQ(result.code, exit_ok);
  EXPECT_TRUE(result.out.starts_with("usage: kopa " + GetParam())) << result.out;
}

TEST_P(SubcommandTest, UnknownOptionNamesItAndExitsTwo) {
  const auto result = kopa({GetParam(), "--no-such-option"});
  EXPECT_EQ(result.code, exit_bad_input);
  EXPECT_NE(result.err.find("kopa " + GetParam() + ": "), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("no-such-option"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("see 'kopa " + GetParam() + " --help'"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(AllSubcommands, SubcommandTest, ::testing::ValuesIn(command_names()));

// The commands `kopa --help` lists: the lines of its "commands:" block.
std::vector<std::string> help_commands() {
  const auto result = kopa({"--help"});
  std::vector<std::string> names;
  std::istringstream in(result.out.substr(result.out.find("commands:\n") + 10));
  for (std::string line; std::getline(in, line) && line.starts_with("  ");) {
    names.push_back(line.substr(2, line.find(' ', 2) - 2));
  }
  return names;
}

std::set<std::string> completions(const std::vector<std::string>& words) {
  std::vector<std::string> args{"complete"};
  args.insert(args.end(), words.begin(), words.end());
  const auto result = kopa(args);
  EXPECT_EQ(result.code, exit_ok);
  std::set<std::string> lines;
  std::istringstream in(result.out);
  for (std::string line; std::getline(in, line);) lines.insert(line);
  return lines;
}

// The shell completion (and through `kopa complete help` the man page) offers every command the
// help lists, and every option each command's help lists: a command or option left out of
// either fails here.
TEST(Cli, CompletionOffersEveryCommandAndOption) {
  const auto commands = help_commands();
  ASSERT_GE(commands.size(), 10u);
  const auto first = completions({""});
  const auto after_help = completions({"help", ""});
  for (const std::string& command : commands) {
    EXPECT_TRUE(first.contains(command)) << command;
    EXPECT_TRUE(after_help.contains(command)) << command;
    const auto options = completions({command, "--"});
    // Positional arguments are options only to the parser: the help lists them, the shell
    // completes file names there instead.
    const CommandSpec spec = find_command(command)->spec();
    std::set<std::string> positional;
    for (unsigned i = 0; i < std::min(spec.positional.max_total_count(), 4u); ++i) {
      positional.insert("--" + spec.positional.name_for_position(i));
    }
    const auto help = kopa({command, "--help"});
    std::istringstream in(help.out);
    int listed = 0;
    for (std::string line; std::getline(in, line);) {
      const auto dash = line.find("--");
      if (!line.starts_with("  ") || dash == std::string::npos || dash > 8) continue;
      const std::string option = line.substr(dash, line.find_first_of(" [=", dash) - dash);
      if (positional.contains(option)) continue;
      EXPECT_TRUE(options.contains(option)) << command << " " << option;
      ++listed;
    }
    EXPECT_GT(listed, 0) << command;
  }
}

}  // namespace
}  // namespace kopa
