// A plain kopa makes no MPI call (docs/distributed.md): it joins an MPI job only when a launcher
// started it, which it tells from the launcher's environment variables.
#include <mpi.h>

#include <map>
#include <string>

#include <gtest/gtest.h>

#include "distribute/world.hpp"

namespace kopa::distribute {
namespace {

std::map<std::string, std::string>& fake_environment() {
  static std::map<std::string, std::string> variables;
  return variables;
}

const char* lookup(const char* name) {
  const auto found = fake_environment().find(name);
  return found == fake_environment().end() ? nullptr : found->second.c_str();
}

TEST(DistributeWorld, LauncherTellsItselfByItsEnvironment) {
  fake_environment().clear();
  EXPECT_FALSE(launched_by_mpi_launcher(lookup));
  fake_environment().emplace("OMPI_COMM_WORLD_SIZE", "");
  EXPECT_FALSE(launched_by_mpi_launcher(lookup)) << "an empty variable is no launcher";
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"}) {
    fake_environment().clear();
    fake_environment().emplace(name, "3");
    EXPECT_TRUE(launched_by_mpi_launcher(lookup)) << name;
  }
  fake_environment().clear();
  fake_environment().emplace("OMPI_MCA_btl", "self");  // MPI settings alone are no launcher
  EXPECT_FALSE(launched_by_mpi_launcher(lookup));
}

TEST(DistributeWorld, WithoutLauncherAWorldOfOneThatNeverCallsMpi) {
  ASSERT_FALSE(launched_by_mpi_launcher()) << "the unit tests are not run under mpirun";
  World world;
  EXPECT_EQ(world.size(), 1);
  EXPECT_EQ(world.rank(), 0);
  EXPECT_FALSE(world.distributed());
  EXPECT_TRUE(world.writer());
  EXPECT_TRUE(world.all_ok(true));
  EXPECT_FALSE(world.all_ok(false));
  EXPECT_EQ(world.writer_decides(7), 7);
  EXPECT_EQ(world.writer_text("inputs"), "inputs");
  int initialized = 1;
  MPI_Initialized(&initialized);  // callable before MPI_Init
  EXPECT_EQ(initialized, 0) << "a world of one must not start MPI";
}

}  // namespace
}  // namespace kopa::distribute
