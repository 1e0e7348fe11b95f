#pragma once
#include <string>
#include <string_view>

#include "model/parameters.hpp"
#include "scenario/parameter_table.hpp"

// The link between the table's region field descriptions (parameter_table().region_fields()) and
// the members of Region. Regions are lists, so their fields have no path accessor in the table.
namespace kopa {

// At most one pointer is set; none for an unknown name and for "group_shares" (a table).
struct RegionField {
  std::string* text = nullptr;  // name, country
  double* real = nullptr;
  bool* boolean = nullptr;
};
RegionField region_field(Region& region, std::string_view name);

// The table declares the free-text fields (name, country) as choices without choices.
bool is_text_field(const RegionFieldSpec& field);

// A ParameterSpec with the field's type and range, to check and format values like parameters.
ParameterSpec as_parameter_spec(const RegionFieldSpec& field, std::string path);

}  // namespace kopa
