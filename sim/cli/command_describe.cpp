// kopa describe [PREFIX] [--format table|markdown|json]: the parameter table for people. The
// markdown form is also the ODD's parameter section (docs/ODD.md,
// scripts/update-odd-parameters.sh).
#include <algorithm>
#include <ostream>
#include <sstream>

#include "cli/exit_code.hpp"
#include "cli/options.hpp"
#include "cli/scenario_folder.hpp"
#include "model/lever_unit.hpp"
#include "scenario/key_tree.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/region_access.hpp"
#include "scenario/scenario.hpp"
#include "scenario/toml_value.hpp"
#include "util/quoted.hpp"
#include "util/suggest.hpp"

namespace kopa {
namespace {

// One parameter or region field, as text.
struct Row {
  std::string name;
  std::string section;  // the first path segment; "region" for region fields
  std::string type;
  std::string default_value;
  std::string range;
  std::string workshop;  // the workshop page's slider (kopa serve); "-" for region fields
  std::string unit;
  std::string meaning;
  std::string source;
  // For json: the raw values.
  const ParameterSpec* spec = nullptr;
  const RegionFieldSpec* field = nullptr;
};

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    text += (i > 0 ? std::string(separator) : std::string()) + items[i];
  }
  return text;
}

std::string range_text(ParameterType type, double min, double max,
                       const std::vector<std::string>& choices) {
  switch (type) {
    case ParameterType::boolean:
      return "true, false";
    case ParameterType::choice:
      return join(choices, ", ");
    case ParameterType::real:
    case ParameterType::integer:
      break;
  }
  return "[" + display_number(min) + ", " + display_number(max) + "]";
}

// "0 to 1000000 by 10000", "switch", "choice"; a star marks the sliders a workshop opens with.
std::string workshop_text(const ParameterSpec& spec) {
  const WorkshopRange& range = spec.workshop;
  std::string text = spec.type == ParameterType::boolean ? "switch"
                     : spec.type == ParameterType::choice
                         ? "choice"
                         : display_number(range.min) + " to " + display_number(range.max) + " by " +
                               display_number(range.step);
  return range.featured ? text + " *" : text;
}

Row parameter_row(const ParameterSpec& spec) {
  Row row;
  row.name = spec.path;
  row.section = spec.path.substr(0, spec.path.find('.'));
  row.type = std::string(type_name(spec.type));
  row.default_value = spec.format(spec.default_value);
  row.range = range_text(spec.type, spec.min, spec.max, spec.choices);
  row.workshop = workshop_text(spec);
  row.unit = std::string(spec.unit);
  row.meaning = std::string(spec.meaning);
  row.source = std::string(spec.source);
  row.spec = &spec;
  return row;
}

Row region_row(const RegionFieldSpec& field) {
  Row row;
  row.name = field.name;
  row.section = "region";
  row.workshop = "-";
  row.unit = std::string(field.unit);
  row.meaning = std::string(field.meaning);
  row.source = std::string(field.source);
  row.field = &field;
  Region defaults;
  const RegionField value = region_field(defaults, field.name);
  const ParameterSpec spec = as_parameter_spec(field, field.name);
  if (value.text) {
    row.type = "string";
    row.range = "-";
  } else if (!value.real && !value.boolean) {
    row.type = "table";
    row.range = "each [0, 1], sum 1";
    row.default_value = "groups.*.share";
  } else {
    row.type = std::string(type_name(field.type));
    row.range = range_text(field.type, field.min, field.max, {});
    row.default_value = spec.format(value.real ? *value.real : (*value.boolean ? 1.0 : 0.0));
  }
  if (field.required) row.default_value = "required";
  return row;
}

std::string markdown_cell(const std::string& text);

// One region of a shipped preset (scenarios/regions/), with the figure its population comes from.
struct PresetRow {
  std::string preset;
  std::string name;
  std::string country;
  std::string population;
  std::string source;
};

// The shipped presets' regions, presets in file-name order; none if the folder is not found.
std::vector<PresetRow> preset_rows() {
  namespace fs = std::filesystem;
  const fs::path folder = default_scenario_dir();
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder / "regions", ec)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<PresetRow> rows;
  for (const auto& file : files) {
    const std::string preset = file.stem().string();
    const ScenarioLoad load =
        load_scenario_text("regions = [\"" + preset + "\"]\n", (folder / "presets.toml").string());
    if (!load.scenario) continue;
    for (const Region& region : load.scenario->parameters.regions) {
      rows.push_back({preset, region.name, region.country, display_number(region.population),
                      region.population_source});
    }
  }
  return rows;
}

void print_presets(const std::vector<PresetRow>& rows, const std::string& format,
                   std::ostream& out) {
  if (rows.empty()) return;
  if (format == "markdown") {
    out << "### Region presets (`scenarios/regions/`)\n\n"
        << "| preset | region | country | population | population source |\n"
        << "|---|---|---|---|---|\n";
    for (const auto& row : rows) {
      out << "| " << row.preset << " | `" << row.name << "` | " << row.country << " | "
          << row.population << " | " << markdown_cell(row.source) << " |\n";
    }
    out << "\n";
    return;
  }
  out << "\nRegion presets (scenarios/regions/; population: working-age residents):\n";
  std::size_t width = 6;
  for (const auto& row : rows) width = std::max(width, row.preset.size() + row.name.size() + 1);
  for (const auto& row : rows) {
    const std::string key = row.preset + "/" + row.name;
    const std::size_t digits = std::min<std::size_t>(row.population.size(), 9);
    out << key << std::string(width - key.size() + 2 + 9 - digits, ' ') << row.population << "  "
        << row.source << "\n";
  }
}

bool under(const std::string& path, const std::string& prefix) {
  return prefix.empty() || path == prefix ||
         (path.starts_with(prefix) && path.size() > prefix.size() && path[prefix.size()] == '.');
}

// A scenario key that is not a number in the table.
Row key_row(std::string name, std::string type, std::string default_value, std::string range,
            std::string meaning) {
  Row row;
  row.section = name.substr(0, name.find('.'));
  row.name = std::move(name);
  row.type = std::move(type);
  row.default_value = std::move(default_value);
  row.range = std::move(range);
  row.unit = "-";
  row.meaning = std::move(meaning);
  row.source = "-";
  return row;
}

// The start date and the levers' targeting lists (docs/scenarios.md, "Dates" and "Targeting").
std::vector<Row> scenario_key_rows() {
  std::vector<Row> rows{key_row(
      "simulation.start", "date", "unset", "\"YYYY-MM\"",
      "calendar month of month 0; unset, months count from 0 only. With it, lever calendars, "
      "call months and project ends take \"YYYY-MM\" dates too")};
  for (std::size_t l = 0; l < lever_count; ++l) {
    const std::string lever = "levers." + std::string(lever_names[l]);
    rows.push_back(key_row(lever + ".regions", "names", "all regions", "region names",
                           "the regions the lever acts in (its costs follow)"));
    if (lever_unit(static_cast<Lever>(l)).takes_groups) {
      rows.push_back(key_row(lever + ".groups", "names", "disadvantaged groups", "group names",
                             "the groups the lever is for"));
    }
  }
  return rows;
}

std::vector<Row> rows_under(const std::string& prefix) {
  std::vector<Row> rows;
  for (const auto& spec : parameter_table().specs()) {
    if (under(spec.path, prefix)) rows.push_back(parameter_row(spec));
  }
  // Each after the last row of its section, so that a section stays one table.
  for (auto& row : scenario_key_rows()) {
    if (!under(row.name, prefix)) continue;
    auto last = std::find_if(rows.rbegin(), rows.rend(),
                             [&](const Row& other) { return other.section == row.section; });
    rows.insert(last == rows.rend() ? rows.end() : last.base(), std::move(row));
  }
  if (prefix.empty() || prefix == "region" || prefix == "regions") {
    for (const auto& field : parameter_table().region_fields()) rows.push_back(region_row(field));
  }
  return rows;
}

void print_table(const std::vector<Row>& rows, std::ostream& out) {
  std::array<std::size_t, 6> width{9, 4, 7, 5, 8, 4};
  auto columns = [](const Row& row) {
    return std::array<const std::string*, 6>{&row.name,  &row.type,     &row.default_value,
                                             &row.range, &row.workshop, &row.unit};
  };
  for (const auto& row : rows) {
    const auto cells = columns(row);
    for (std::size_t c = 0; c < cells.size(); ++c) width[c] = std::max(width[c], cells[c]->size());
  }
  auto line = [&](const std::array<const std::string*, 6>& cells, const std::string& meaning) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      out << *cells[c] << std::string(width[c] - cells[c]->size() + 2, ' ');
    }
    out << meaning << "\n";
  };
  const std::array<std::string, 6> header{"parameter", "type",     "default",
                                          "range",     "workshop", "unit"};
  bool regions_started = false;
  line({&header[0], &header[1], &header[2], &header[3], &header[4], &header[5]}, "meaning");
  for (const auto& row : rows) {
    if (row.field && !regions_started) {
      out << "\n[[region]] fields (regions are lists; see docs/scenarios.md):\n";
      regions_started = true;
    }
    line(columns(row), row.meaning);
  }
}

std::string markdown_cell(const std::string& text) {
  std::string cell;
  for (const char c : text) {
    if (c == '|') cell += '\\';
    cell += c;
  }
  return cell;
}

void print_markdown(const std::vector<Row>& rows, std::ostream& out) {
  std::string section;
  for (const auto& row : rows) {
    if (row.section != section || (row.field && section != "region")) {
      section = row.field ? "region" : row.section;
      out << (row.field ? "### Region fields (`[[region]]`)\n\n" : "### `" + section + "`\n\n");
      out << "| " << (row.field ? "field" : "parameter")
          << " | type | default | range | workshop | unit | meaning | source |\n"
          << "|---|---|---|---|---|---|---|---|\n";
    }
    out << "| `" << row.name << "` | " << row.type << " | " << markdown_cell(row.default_value)
        << " | " << markdown_cell(row.range) << " | " << markdown_cell(row.workshop) << " | "
        << markdown_cell(row.unit) << " | " << markdown_cell(row.meaning) << " | "
        << markdown_cell(row.source) << " |\n";
    const auto next = &row + 1;
    if (next == rows.data() + rows.size() || next->section != row.section) out << "\n";
  }
}

std::string json_string(std::string_view text) {
  return quoted_escaped(text);
}

// A number as JSON: the TOML spelling, which is valid JSON for finite values.
std::string json_number(ParameterType type, double value) {
  ParameterSpec spec;
  spec.type = type == ParameterType::integer ? ParameterType::integer : ParameterType::real;
  return spec.format(value);
}

void print_json(const std::vector<Row>& rows, const std::vector<PresetRow>& presets,
                std::ostream& out) {
  std::vector<std::string> parameters, fields, keys;
  for (const auto& row : rows) {
    std::ostringstream item;
    if (row.spec) {
      const ParameterSpec& spec = *row.spec;
      item << "{\"path\": " << json_string(spec.path) << ", \"type\": " << json_string(row.type)
           << ", \"default\": ";
      if (spec.type == ParameterType::choice) {
        item << json_string(spec.choices.at(static_cast<std::size_t>(spec.default_value)));
        std::vector<std::string> quoted;
        for (const auto& choice : spec.choices) quoted.push_back(json_string(choice));
        item << ", \"choices\": [" << join(quoted, ", ") << "]";
      } else if (spec.type == ParameterType::boolean) {
        item << (spec.default_value != 0.0 ? "true" : "false");
      } else {
        item << json_number(spec.type, spec.default_value)
             << ", \"min\": " << json_number(spec.type, spec.min)
             << ", \"max\": " << json_number(spec.type, spec.max);
      }
      const WorkshopRange& workshop = spec.workshop;
      item << ", \"workshop\": {\"min\": " << json_number(spec.type, workshop.min)
           << ", \"max\": " << json_number(spec.type, workshop.max)
           << ", \"step\": " << json_number(spec.type, workshop.step)
           << ", \"featured\": " << (workshop.featured ? "true" : "false") << "}";
      item << ", \"unit\": " << json_string(row.unit)
           << ", \"meaning\": " << json_string(row.meaning)
           << ", \"source\": " << json_string(row.source) << "}";
      parameters.push_back(item.str());
    } else if (!row.field) {
      item << "{\"key\": " << json_string(row.name) << ", \"type\": " << json_string(row.type)
           << ", \"default\": " << json_string(row.default_value)
           << ", \"meaning\": " << json_string(row.meaning) << "}";
      keys.push_back(item.str());
    } else {
      const RegionFieldSpec& field = *row.field;
      item << "{\"name\": " << json_string(field.name) << ", \"type\": " << json_string(row.type)
           << ", \"required\": " << (field.required ? "true" : "false")
           << ", \"default\": " << json_string(row.default_value);
      if (row.type == "real" || row.type == "integer") {
        item << ", \"min\": " << json_number(field.type, field.min)
             << ", \"max\": " << json_number(field.type, field.max);
      }
      item << ", \"unit\": " << json_string(row.unit)
           << ", \"meaning\": " << json_string(row.meaning)
           << ", \"source\": " << json_string(row.source) << "}";
      fields.push_back(item.str());
    }
  }
  auto list = [](const std::vector<std::string>& items) {
    return items.empty() ? std::string("[]") : "[\n    " + join(items, ",\n    ") + "\n  ]";
  };
  std::vector<std::string> preset_items;
  for (const auto& row : presets) {
    preset_items.push_back(
        "{\"preset\": " + json_string(row.preset) + ", \"name\": " + json_string(row.name) +
        ", \"country\": " + json_string(row.country) + ", \"population\": " + row.population +
        ", \"population_source\": " + json_string(row.source) + "}");
  }
  out << "{\n  \"parameters\": " << list(parameters) << ",\n  \"scenario_keys\": " << list(keys)
      << ",\n  \"region_fields\": " << list(fields)
      << ",\n  \"region_presets\": " << list(preset_items) << "\n}\n";
}

}  // namespace

CommandSpec describe_spec() {
  CommandSpec spec{
      "describe",
      "kopa describe [PREFIX] [--format table|markdown|json]",
      "List the model's parameters (all, or those under PREFIX, e.g. "
      "levers.seed_funding; 'region' for the [[region]] fields; 'presets' for the shipped "
      "region presets with their populations and sources) with type, default, range, "
      "workshop slider (kopa serve; * marks those it opens with), unit and meaning; markdown "
      "and json add the source.",
      {"options"},
      {}};
  spec.options.add_options()("format", po::value<std::string>()->default_value("table"),
                             "table, markdown or json")(
      "prefix", po::value<std::vector<std::string>>(), "parameter path or prefix");
  spec.positional.add("prefix", -1);
  return spec;
}

int command_describe(const CommandContext& context) {
  const CommandSpec spec = describe_spec();
  po::variables_map values;
  if (auto code = parse_command(spec, context, values)) return *code;
  const auto prefixes = values.count("prefix") ? values["prefix"].as<std::vector<std::string>>()
                                               : std::vector<std::string>{};
  if (prefixes.size() > 1) {
    context.err << "kopa describe: give at most one PREFIX\n"
                << "usage: " << spec.usage << " (see 'kopa describe --help')\n";
    return exit_bad_input;
  }
  const std::string format = values["format"].as<std::string>();
  if (format != "table" && format != "markdown" && format != "json") {
    const std::vector<std::string> formats{"table", "markdown", "json"};
    context.err << "kopa describe: unknown format '" << format << "'"
                << did_you_mean(format, formats) << "; expected table, markdown or json\n";
    return exit_bad_input;
  }
  const std::string prefix = prefixes.empty() ? "" : prefixes.front();
  const bool presets = prefix.empty() || prefix == "presets";
  const auto preset_list = presets ? preset_rows() : std::vector<PresetRow>{};
  const auto rows = prefix == "presets" ? std::vector<Row>{} : rows_under(prefix);
  if (rows.empty() && !presets) {
    std::vector<std::string> known{"region", "presets"};
    for (const auto& path : parameter_table().paths()) {
      for (auto dot = path.find('.'); dot != std::string::npos; dot = path.find('.', dot + 1)) {
        known.push_back(path.substr(0, dot));
      }
      known.push_back(path);
    }
    context.err << "kopa describe: unknown parameter or prefix '" << prefix << "'"
                << did_you_mean(prefix, known) << "; see 'kopa describe' for all\n";
    return exit_bad_input;
  }
  if (format == "table" && !rows.empty()) print_table(rows, context.out);
  if (format == "markdown") print_markdown(rows, context.out);
  if (format == "json") print_json(rows, preset_list, context.out);
  if (format != "json") print_presets(preset_list, format, context.out);
  return exit_ok;
}

}  // namespace kopa
