#pragma once
// An empty folder of its own for each test, named after the test and the process, removed
// afterwards.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace kopa::testing {

class TestFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "kopa_" + std::string(test->test_suite_name()) + "_" + test->name() + "_" +
                       std::to_string(::getpid());
    for (char& c : name) c = c == '/' ? '_' : c;  // parameterised tests are "Suite/Test/0"
    folder_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(folder_, ignored);
  }

  std::filesystem::path folder_;
};

}  // namespace kopa::testing
