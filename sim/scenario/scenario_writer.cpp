// The resolved scenario as TOML, and issues as text.
#include <algorithm>
#include <map>
#include <sstream>

#include "scenario/parameter_table.hpp"
#include "scenario/region_access.hpp"
#include "scenario/scenario.hpp"
#include "scenario/toml_value.hpp"
#include "util/year_month.hpp"

namespace kopa {

std::string format_issue(const ScenarioIssue& issue) {
  std::ostringstream text;
  text << issue.file;
  if (issue.line > 0) text << ':' << issue.line << ':' << issue.column;
  text << ": error: ";
  if (!issue.key.empty()) text << issue.key << ": ";
  text << issue.message;
  return text.str();
}

namespace {

void write_names(std::ostringstream& out, std::string_view key,
                 const std::vector<std::string>& names) {
  if (names.empty()) return;
  out << key << " = [";
  for (std::size_t i = 0; i < names.size(); ++i) out << (i ? ", " : "") << toml_quote(names[i]);
  out << "]\n";
}

// A lever's targeting lists, in its section (nothing when it acts everywhere).
void write_targeting(std::ostringstream& out, const std::string& section,
                     const std::array<LeverTargeting, lever_count>& targeting) {
  for (std::size_t l = 0; l < lever_count; ++l) {
    if (section != "levers." + std::string(lever_names[l])) continue;
    write_names(out, "regions", targeting[l].regions);
    write_names(out, "groups", targeting[l].groups);
  }
}

}  // namespace

std::string write_resolved_toml(std::string_view name, std::string_view description,
                                const ModelParameters& parameters) {
  std::ostringstream out;
  out << "# Resolved scenario: every parameter and every region, as kopa read them.\n"
      << "name = " << toml_quote(name) << "\n"
      << "description = " << toml_quote(description) << "\n";

  // Parameters by section, sections in the order the table first names them.
  std::vector<std::string> sections;
  std::map<std::string, std::vector<const ParameterSpec*>> members;
  for (const auto& spec : parameter_table().specs()) {
    const auto dot = spec.path.rfind('.');
    const std::string section = dot == std::string::npos ? "" : spec.path.substr(0, dot);
    auto [at, inserted] = members.try_emplace(section);
    if (inserted) sections.push_back(section);
    at->second.push_back(&spec);
  }
  // Top-level parameters (no section) must come before the first table header.
  std::stable_partition(sections.begin(), sections.end(),
                        [](const std::string& section) { return section.empty(); });
  for (const auto& section : sections) {
    if (!section.empty()) out << "\n[" << section << "]\n";
    for (const ParameterSpec* spec : members[section]) {
      const auto dot = spec->path.rfind('.');
      out << spec->path.substr(dot == std::string::npos ? 0 : dot + 1) << " = "
          << spec->format(spec->get(parameters)) << "\n";
    }
    if (section == "simulation" && parameters.start) {
      out << "start = " << toml_quote(format_year_month(*parameters.start)) << "\n";
    }
    write_targeting(out, section, parameters.targeting);
  }

  for (const Region& original : parameters.regions) {
    Region region = original;
    out << "\n[[region]]\n";
    for (const auto& field : parameter_table().region_fields()) {
      const RegionField value = region_field(region, field.name);
      if (value.text) out << field.name << " = " << toml_quote(*value.text) << "\n";
      if (value.real) {
        out << field.name << " = " << as_parameter_spec(field, field.name).format(*value.real)
            << "\n";
      }
      if (value.boolean) out << field.name << " = " << (*value.boolean ? "true" : "false") << "\n";
    }
    if (region.has_group_shares) {
      out << "[region.group_shares]\n";
      for (std::size_t g = 0; g < group_count; ++g) {
        out << group_names[g] << " = "
            << parameter_table()
                   .find("groups." + std::string(group_names[g]) + ".share")
                   ->format(region.group_shares[g])
            << "\n";
      }
    }
  }
  return out.str();
}

}  // namespace kopa
