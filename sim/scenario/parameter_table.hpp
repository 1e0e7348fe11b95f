#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/parameters.hpp"

namespace kopa {

enum class ParameterType { real, integer, boolean, choice };
std::string_view type_name(ParameterType type);  // "real", "integer", "boolean", "choice"

// The slider a workshop page (kopa serve) offers for a parameter: bounds a room can sensibly
// explore and a step. Narrower than the validation bounds (a budget slider must not run to
// 10^10) and always holding the default. `featured` parameters (the levers' switches and sizes,
// the population and horizon) are shown first; the rest sit in the page's "all parameters" part.
struct WorkshopRange {
  double min = 0.0;
  double max = 0.0;
  double step = 0.0;
  bool featured = false;
};

// One model parameter, declared once: how to find it, what it means, what values it takes.
// The accessor returns the field inside a ModelParameters; `index` picks the kind (group,
// funder, advocate) for the per-kind families.
struct ParameterSpec {
  std::string path;  // "levers.seed_funding.budget_per_year"
  ParameterType type = ParameterType::real;
  double default_value = 0.0;  // choice: index into choices; boolean: 0 or 1
  double min = 0.0;            // inclusive
  double max = 0.0;            // inclusive
  std::vector<std::string> choices;
  std::string_view unit;
  std::string_view meaning;
  std::string_view source;  // a calibration figure, or "assumption: ..."
  WorkshopRange workshop;   // declared for the featured ones, derived for the rest

  double& (*real_field)(ModelParameters&, std::size_t) = nullptr;
  Integer& (*integer_field)(ModelParameters&, std::size_t) = nullptr;  // integer and choice
  bool& (*boolean_field)(ModelParameters&, std::size_t) = nullptr;
  std::size_t index = 0;

  // Reads the field as a double (booleans 0/1, choices their index).
  double get(const ModelParameters& parameters) const;
  // Writes a value already checked against type and range.
  void set(ModelParameters& parameters, double value) const;
  // "0.3", "true", "\"stable\"": the value as TOML would spell it.
  std::string format(double value) const;
  // Checks type and range; returns an error message ("expected ..., got ...") or nullopt.
  std::optional<std::string> check(double value) const;
};

// A field of a [[region]] table (regions are lists, so they are not addressed by one path).
struct RegionFieldSpec {
  std::string name;  // "remoteness_minutes"
  ParameterType type = ParameterType::real;
  double min = 0.0;
  double max = 0.0;
  bool required = false;
  std::string_view unit;
  std::string_view meaning;
  std::string_view source;
};

class ParameterTable {
 public:
  ParameterTable();

  std::span<const ParameterSpec> specs() const { return specs_; }
  std::span<const RegionFieldSpec> region_fields() const { return region_fields_; }
  const ParameterSpec* find(std::string_view path) const;
  std::vector<std::string> paths() const;

  // Every declared parameter at its default; regions empty.
  ModelParameters defaults() const;

 private:
  std::vector<ParameterSpec> specs_;
  std::vector<RegionFieldSpec> region_fields_;
  std::unordered_map<std::string_view, std::size_t> index_;  // path -> specs_ index, for find
};

// The model's table. Built once on first use; immutable afterwards.
const ParameterTable& parameter_table();

}  // namespace kopa
