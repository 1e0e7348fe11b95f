#pragma once
// Helpers shared by the scenario tests: scratch folders with scenario files, and parameter
// equality through the table (ModelParameters has no operator== on purpose: it is a plain value
// whose fields the table describes).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "scenario/parameter_table.hpp"
#include "scenario/region_access.hpp"
#include "scenario/scenario.hpp"

namespace kopa::testing {

// A fresh folder under the build tree, named after the running test.
inline std::filesystem::path scratch_folder() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const auto folder = std::filesystem::path(KOPA_BINARY_DIR) / "test-scenarios" /
                      (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

inline std::filesystem::path write_file(const std::filesystem::path& file,
                                        const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << text;
  return file;
}

inline std::vector<std::string> formatted(const ScenarioLoad& load) {
  std::vector<std::string> lines;
  for (const auto& issue : load.issues) lines.push_back(format_issue(issue));
  return lines;
}

inline void expect_same_region(Region left, Region right) {
  for (const auto& field : parameter_table().region_fields()) {
    const RegionField x = region_field(left, field.name), y = region_field(right, field.name);
    if (x.text) {
      EXPECT_EQ(*x.text, *y.text) << left.name << "." << field.name;
    }
    if (x.real) {
      EXPECT_EQ(*x.real, *y.real) << left.name << "." << field.name;
    }
    if (x.boolean) {
      EXPECT_EQ(*x.boolean, *y.boolean) << left.name << "." << field.name;
    }
  }
  EXPECT_EQ(left.has_group_shares, right.has_group_shares) << left.name;
  EXPECT_EQ(left.group_shares, right.group_shares) << left.name;
}

// Every table parameter and every region field equal.
inline void expect_same_parameters(const ModelParameters& a, const ModelParameters& b) {
  for (const auto& spec : parameter_table().specs()) {
    EXPECT_EQ(spec.get(a), spec.get(b)) << spec.path;
  }
  EXPECT_EQ(a.targeting, b.targeting);
  EXPECT_EQ(a.start, b.start);
  ASSERT_EQ(a.regions.size(), b.regions.size());
  for (std::size_t r = 0; r < a.regions.size(); ++r) {
    expect_same_region(a.regions[r], b.regions[r]);
  }
}

// A small valid scenario body: one inline region.
inline const char* one_region =
    "[[region]]\nname = \"here\"\ncountry = \"latvia\"\npopulation = 1000\n";

}  // namespace kopa::testing
