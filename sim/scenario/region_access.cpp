#include "scenario/region_access.hpp"

#include <utility>

namespace kopa {

RegionField region_field(Region& region, std::string_view name) {
  if (name == "name") return {.text = &region.name};
  if (name == "country") return {.text = &region.country};
  if (name == "population") return {.real = &region.population};
  if (name == "population_source") return {.text = &region.population_source};
  if (name == "remoteness_minutes") return {.real = &region.remoteness_minutes};
  if (name == "local_demand") return {.real = &region.local_demand};
  if (name == "authority_attitude") return {.real = &region.authority_attitude};
  if (name == "has_incubator") return {.boolean = &region.has_incubator};
  if (name == "has_len") return {.boolean = &region.has_len};
  if (name == "x_km") return {.real = &region.x_km};
  if (name == "y_km") return {.real = &region.y_km};
  return {};
}

bool is_text_field(const RegionFieldSpec& field) {
  return field.type == ParameterType::choice && field.max <= field.min;
}

ParameterSpec as_parameter_spec(const RegionFieldSpec& field, std::string path) {
  ParameterSpec spec;
  spec.path = std::move(path);
  spec.type = field.type;
  spec.min = field.min;
  spec.max = field.max;
  spec.unit = field.unit;
  spec.meaning = field.meaning;
  spec.source = field.source;
  return spec;
}

}  // namespace kopa
