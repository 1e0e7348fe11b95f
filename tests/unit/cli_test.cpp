#include <gtest/gtest.h>

#include <sstream>

#include "cli/cli.hpp"
#include "cli/exit_code.hpp"

namespace kopa {
namespace {

struct CliResult {
  int code;
  std::string out;
  std::string err;
};

CliResult run(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = run_cli(args, out, err);
  return {code, out.str(), err.str()};
}

TEST(Cli, VersionNamesVersionAndCommit) {
  const auto result = run({"--version"});
  EXPECT_EQ(result.code, exit_ok);
  EXPECT_TRUE(result.out.starts_with("kopa 0.")) << result.out;
  EXPECT_NE(result.out.find("(git "), std::string::npos) << result.out;
}

TEST(Cli, HelpListsEverySubcommand) {
  const auto result = run({"--help"});
  EXPECT_EQ(result.code, exit_ok);
  for (const char* name :
       {"run", "compare", "sweep", "calibrate", "validate", "describe", "serve"}) {
    EXPECT_NE(result.out.find(std::string("  ") + name), std::string::npos) << name;
  }
}

TEST(Cli, NoArgumentsIsUsageError) {
  const auto result = run({});
  EXPECT_EQ(result.code, exit_bad_input);
  EXPECT_NE(result.err.find("usage: kopa <command>"), std::string::npos);
}

TEST(Cli, UnknownSubcommandIsOneLineWithSuggestion) {
  const auto result = run({"rnu"});
  EXPECT_EQ(result.code, exit_bad_input);
  EXPECT_EQ(result.err, "kopa: unknown command 'rnu' (did you mean 'run'?); see 'kopa --help'\n");
}

TEST(Cli, UnknownSubcommandFarFromAnyGetsNoSuggestion) {
  const auto result = run({"xyzzyplugh"});
  EXPECT_EQ(result.code, exit_bad_input);
  EXPECT_EQ(result.err, "kopa: unknown command 'xyzzyplugh'; see 'kopa --help'\n");
}

TEST(Cli, UnknownTopLevelOption) {
  const auto result = run({"--frobnicate"});
  EXPECT_EQ(result.code, exit_bad_input);
  EXPECT_EQ(result.err, "kopa: unknown option '--frobnicate'; see 'kopa --help'\n");
}

class SubcommandTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SubcommandTest, HelpPrintsUsage) {
  const auto result = run({GetParam(), "--help"});
  EXPECT_EQ(result.code, exit_ok);
  EXPECT_TRUE(result.out.starts_with("usage: kopa " + GetParam())) << result.out;
}

TEST_P(SubcommandTest, UnknownOptionNamesItAndExitsTwo) {
  const auto result = run({GetParam(), "--no-such-option"});
  EXPECT_EQ(result.code, exit_bad_input);
  EXPECT_NE(result.err.find("kopa " + GetParam() + ": "), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("no-such-option"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("see 'kopa " + GetParam() + " --help'"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(AllSubcommands, SubcommandTest,
                         ::testing::Values("run", "compare", "sweep", "calibrate", "validate",
                                           "describe", "serve"));

}  // namespace
}  // namespace kopa
