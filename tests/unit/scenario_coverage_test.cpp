// Every parameter the model reads is declared in the table: each plain sub-struct of
// ModelParameters must be covered, byte for byte, by the fields the table's accessors return.
//
// How: for one struct instance inside a ModelParameters, mark the bytes of every field a table
// accessor returns; any unmarked run at least as long as the struct's alignment cannot be padding
// (padding before a member is shorter than that member's alignment, tail padding shorter than the
// struct's), so it is an undeclared field.
//
// Limit of this check: an undeclared member smaller than the struct's alignment that sits next to
// padding (a bool after a bool, a bool before an Integer) can hide in a run shorter than the
// alignment and pass. The structs here are mostly doubles and Integers, where an undeclared
// member always leaves an 8-byte hole; review new bool members by hand.
#include <gtest/gtest.h>

#include <type_traits>

#include "scenario/parameter_table.hpp"
#include "scenario/region_access.hpp"

namespace kopa {
namespace {

const char* field_address(const ParameterSpec& spec, ModelParameters& model) {
  switch (spec.type) {
    case ParameterType::real:
      return reinterpret_cast<const char*>(&spec.real_field(model, spec.index));
    case ParameterType::integer:
    case ParameterType::choice:
      return reinterpret_cast<const char*>(&spec.integer_field(model, spec.index));
    case ParameterType::boolean:
      return reinterpret_cast<const char*>(&spec.boolean_field(model, spec.index));
  }
  return nullptr;
}

std::size_t field_size(const ParameterSpec& spec) {
  switch (spec.type) {
    case ParameterType::real:
      return sizeof(double);
    case ParameterType::integer:
    case ParameterType::choice:
      return sizeof(Integer);
    case ParameterType::boolean:
      return sizeof(bool);
  }
  return 0;
}

// The uncovered byte runs of `object` (inside `model`) that are too long to be padding, as text.
template <class Struct>
std::string holes(ModelParameters& model, const Struct& object) {
  static_assert(std::is_trivially_copyable_v<Struct>);
  const char* base = reinterpret_cast<const char*>(&object);
  std::vector<bool> covered(sizeof(Struct), false);
  for (const auto& spec : parameter_table().specs()) {
    const char* at = field_address(spec, model);
    if (at < base || at >= base + sizeof(Struct)) continue;
    const auto offset = static_cast<std::size_t>(at - base);
    for (std::size_t b = 0; b < field_size(spec) && offset + b < covered.size(); ++b) {
      covered[offset + b] = true;
    }
  }
  std::string found;
  for (std::size_t start = 0; start < covered.size();) {
    if (covered[start]) {
      ++start;
      continue;
    }
    std::size_t end = start;
    while (end < covered.size() && !covered[end]) ++end;
    if (end - start >= alignof(Struct)) {
      found += " bytes [" + std::to_string(start) + ", " + std::to_string(end) + ")";
    }
    start = end;
  }
  return found;
}

TEST(ParameterCoverage, EveryFieldOfEveryParameterStructIsDeclared) {
  ModelParameters model{};
  EXPECT_EQ(holes(model, model.simulation), "") << "SimulationParameters";
  for (std::size_t g = 0; g < group_count; ++g) {
    EXPECT_EQ(holes(model, model.groups[g]), "") << "GroupParameters " << group_names[g];
  }
  EXPECT_EQ(holes(model, model.founders), "") << "FounderParameters";
  EXPECT_EQ(holes(model, model.startups), "") << "StartupParameters";
  // The seed fund's entry is filled from levers.seed_funding by the model, not from the table.
  for (std::size_t f = 0; f < funder_count; ++f) {
    if (static_cast<FunderKind>(f) == FunderKind::seed_fund) continue;
    EXPECT_EQ(holes(model, model.funders[f]), "") << "FunderParameters " << funder_names[f];
  }
  for (std::size_t a = 0; a < advocate_kind_count; ++a) {
    EXPECT_EQ(holes(model, model.advocates[a]), "")
        << "AdvocateParameters " << advocate_kind_names[a];
  }
  EXPECT_EQ(holes(model, model.levers.ally), "") << "AllyLever";
  EXPECT_EQ(holes(model, model.levers.advocacy), "") << "AdvocacyLever";
  EXPECT_EQ(holes(model, model.levers.open_schemes), "") << "OpenSchemesLever";
  EXPECT_EQ(holes(model, model.levers.one_roof), "") << "OneRoofLever";
  EXPECT_EQ(holes(model, model.levers.local_training), "") << "LocalTrainingLever";
  EXPECT_EQ(holes(model, model.levers.knowledge_exchange), "") << "KnowledgeExchangeLever";
  EXPECT_EQ(holes(model, model.levers.simplification), "") << "SimplificationLever";
  EXPECT_EQ(holes(model, model.levers.seed_funding), "") << "SeedFundingLever";
  EXPECT_EQ(holes(model, model.levers.stable_funding), "") << "StableFundingLever";
  EXPECT_EQ(holes(model, model.levers), "") << "LeverParameters (a lever without its struct)";
}

// The check itself: a struct no accessor points into is one hole, and a negative control.
TEST(ParameterCoverage, AnUndeclaredDoubleLeavesAHole) {
  struct Undeclared {
    double a, b;
  } undeclared{};
  ModelParameters model{};
  EXPECT_EQ(holes(model, undeclared), " bytes [0, 16)");
}

// Region fields are checked the other way round: each field the table lists maps to a Region
// member (or is the group_shares table).
TEST(ParameterCoverage, EveryRegionFieldMapsToARegionMember) {
  for (const auto& field : parameter_table().region_fields()) {
    Region region;
    const RegionField target = region_field(region, field.name);
    const int set = (target.text ? 1 : 0) + (target.real ? 1 : 0) + (target.boolean ? 1 : 0);
    EXPECT_EQ(set, field.name == "group_shares" ? 0 : 1) << field.name;
    if (target.text) {
      EXPECT_TRUE(is_text_field(field)) << field.name;
    }
    if (target.real) {  // integer fields (population) are held as doubles too
      EXPECT_TRUE(field.type == ParameterType::real || field.type == ParameterType::integer)
          << field.name;
    }
    if (target.boolean) {
      EXPECT_EQ(field.type, ParameterType::boolean) << field.name;
    }
  }
}

}  // namespace
}  // namespace kopa
