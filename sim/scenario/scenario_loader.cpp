// Scenario loading: one file at a time (its keys checked against the parameter table), then the
// files it extends, the region presets it names and the --set overrides, then the checks that
// span several keys. Every problem becomes a ScenarioIssue; loading goes on after each one so that
// a file's problems are all reported in one go.
#include <toml++/toml.h>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <system_error>
#include <utility>

#include "model/founders.hpp"
#include "model/lever_unit.hpp"
#include "model/model.hpp"
#include "model/population.hpp"
#include "scenario/key_tree.hpp"
#include "scenario/parameter_table.hpp"
#include "scenario/region_access.hpp"
#include "scenario/scenario.hpp"
#include "scenario/toml_value.hpp"
#include "util/joined.hpp"
#include "util/suggest.hpp"
#include "util/text_file.hpp"
#include "util/year_month.hpp"

namespace kopa {
namespace {

namespace fs = std::filesystem;

// Extends chains longer than this are surely a mistake (and bound the recursion).
constexpr std::size_t max_extends_depth = 32;
// Shares summing to 1 "within" this.
constexpr double share_tolerance = 1e-6;

struct Place {
  std::string file;
  int line = 0;
  int column = 0;
};

Place place_of(const std::string& file, const toml::source_region& source) {
  return {file, static_cast<int>(source.begin.line), static_cast<int>(source.begin.column)};
}

struct Assigned {
  double value = 0.0;
  Place place;
  std::optional<YearMonth> date;  // a month stated as "YYYY-MM": value follows from the start
};

struct PlacedMonth {
  YearMonth month = 0;
  Place place;
};

struct PlacedRegion {
  Region region;
  Place place;      // where the region's table is (or the --set that changed it last)
  std::string key;  // "region[2]" in that file, "regions.<name>" after a --set
};

// A lever's targeting list as stated: levers.<lever>.regions or .groups.
struct PlacedNames {
  std::vector<std::string> names;
  Place place;
};

// What a file (with its parents) states: parameter values, targeting lists and, perhaps, the
// region list.
struct Layer {
  std::map<std::string, Assigned> values;
  std::map<std::string, PlacedNames> targets;
  std::optional<PlacedMonth> start;  // simulation.start
  std::optional<std::vector<PlacedRegion>> regions;
  // Something went wrong before the whole chain could be read (a syntax error, an unreadable
  // parent, a cycle) or a stated region list had errors: "no regions" would then be noise.
  bool incomplete = false;

  // This layer on top of `parent`: values stated here win; regions stated here replace.
  void inherit(Layer parent) {
    for (auto& [path, assigned] : parent.values) values.try_emplace(path, std::move(assigned));
    for (auto& [path, names] : parent.targets) targets.try_emplace(path, std::move(names));
    if (!start) start = parent.start;
    if (!regions) regions = std::move(parent.regions);
    incomplete = incomplete || parent.incomplete;
  }
};

struct StringKey {
  std::string value;
  Place place;
};

// The top-level keys that are about the scenario itself, not parameters.
struct FileMeta {
  std::optional<StringKey> name;
  std::optional<StringKey> description;
  std::optional<StringKey> extends;
};

struct ChainLink {
  fs::path canonical;
  std::string label;
};

// The whole file, or why it cannot be read (util/text_file.hpp: regular files of at most 1 MiB).
Expected<std::string> read_text_file(const fs::path& file) {
  return read_input_file(file);
}

std::string join_path(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

std::string indexed(std::string_view key, std::size_t index) {
  return std::string(key) + "[" + std::to_string(index + 1) + "]";
}

const RegionFieldSpec* find_region_field(std::string_view name) {
  for (const auto& field : parameter_table().region_fields()) {
    if (field.name == name) return &field;
  }
  return nullptr;
}

// A key that regions no longer have, and what replaced it.
std::optional<std::string> retired_region_field(std::string_view name) {
  if (name == "weight") {
    return "'weight' was replaced by 'population', the region's working-age residents (people); "
           "state population = <people> and population_source = \"<office, table, year>\"";
  }
  return std::nullopt;
}

std::vector<std::string> region_field_names() {
  std::vector<std::string> names;
  for (const auto& field : parameter_table().region_fields()) names.push_back(field.name);
  return names;
}

std::vector<std::string> group_name_list() {
  return {group_names.begin(), group_names.end()};
}

// "levers.<lever>.regions" or "levers.<lever>.groups": the lever and whether it lists groups.
struct TargetingKey {
  Lever lever;
  bool groups;
};
std::optional<TargetingKey> targeting_key(std::string_view path) {
  for (std::size_t l = 0; l < lever_count; ++l) {
    const std::string lever = "levers." + std::string(lever_names[l]) + ".";
    if (!path.starts_with(lever)) continue;
    const std::string_view rest = path.substr(lever.size());
    if (rest == "regions" || rest == "groups")
      return TargetingKey{static_cast<Lever>(l), rest == "groups"};
  }
  return std::nullopt;
}

// Parameters that hold a month of the run (or, call_month, of the year): they take a date too.
bool is_month_parameter(std::string_view path) {
  for (const char* suffix : {".start_month", ".end_month", ".project_end_month", ".call_month"}) {
    if (path.ends_with(suffix)) return true;
  }
  return false;
}

constexpr const char* date_hint = "expected a date \"YYYY-MM\" (e.g. \"2026-01\")";

// The names of a targeting list: an array of strings (or, from --set, one bare name).
Expected<std::vector<std::string>> read_names(const toml::node& node, bool one_name = false) {
  std::vector<std::string> names;
  if (const auto* one = node.as_string(); one && one_name) {
    names.push_back(one->get());
    return names;
  }
  const auto* array = node.as_array();
  if (!array) return Error{"expected a list of names, got " + describe_node(node)};
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto* name = array->get(i)->as_string();
    if (!name) return Error{"expected a list of names, got " + describe_node(*array->get(i))};
    names.push_back(name->get());
  }
  return names;
}

const ParameterSpec& group_share_spec(std::size_t group) {
  return *parameter_table().find("groups." + std::string(group_names[group]) + ".share");
}

class Loader {
 public:
  explicit Loader(FileAccess access) : access_(access) {}

  std::vector<ScenarioIssue>& issues() { return issues_; }

  void report(const Place& place, std::string key, std::string message) {
    issues_.push_back({place.file, place.line, place.column, std::move(key), std::move(message)});
  }

  // One scenario file and, through `extends`, its parents, merged.
  Layer load_file(std::string_view text, const std::string& label, std::vector<ChainLink>& chain,
                  FileMeta& meta) {
    Layer layer;
    const auto root = parse(text, label);
    if (!root) {
      layer.incomplete = true;
      return layer;
    }
    const std::size_t issues_before = issues_.size();
    walk_root(*root, label, layer, meta);
    // Region problems are reported where they are; an empty list after them is no news.
    if (layer.regions && layer.regions->empty() && issues_.size() != issues_before) {
      layer.incomplete = true;
    }
    if (meta.extends) layer.inherit(load_parent(*meta.extends, label, chain));
    return layer;
  }

  void apply_override(const std::string& raw, Layer& layer);

  // A month stated as a date becomes a month of the run (months since simulation.start) or, for
  // call_month, the month of the year. A problem is reported and leaves the default in place.
  void resolve_date(const std::string& path, Assigned& assigned,
                    const std::optional<PlacedMonth>& start) {
    const ParameterSpec& spec = *parameter_table().find(path);
    const YearMonth date = *assigned.date;
    double month = 0.0;
    if (path.ends_with(".call_month")) {
      month = static_cast<double>(date % 12);
    } else if (!start) {
      report(assigned.place, path,
             "the date " + format_year_month(date) +
                 " needs simulation.start (e.g. start = \"2026-01\" in [simulation]), or state "
                 "a month number");
      assigned.value = spec.default_value;
      return;
    } else {
      month = static_cast<double>(date - start->month);
      if (month < 0.0) {
        report(assigned.place, path,
               format_year_month(date) + " is before simulation.start " +
                   format_year_month(start->month));
        assigned.value = spec.default_value;
        return;
      }
    }
    if (auto problem = spec.check(month)) {
      report(assigned.place, path, format_year_month(date) + ": " + *problem);
      assigned.value = spec.default_value;
      return;
    }
    assigned.value = month;
  }

 private:
  std::optional<toml::table> parse(std::string_view text, const std::string& label) {
    try {
      return toml::parse(text, std::string_view(label));
    } catch (const toml::parse_error& error) {
      report(place_of(label, error.source()),
             key_on_line(text, static_cast<int>(error.source().begin.line)),
             "syntax error: " + std::string(error.description()));
      return std::nullopt;
    }
  }

  fs::path folder_of(const std::string& label) const { return fs::path(label).parent_path(); }

  std::optional<StringKey> string_key(const toml::node& node, const std::string& label,
                                      const std::string& key) {
    if (const auto* text = node.as_string()) {
      return StringKey{text->get(), place_of(label, node.source())};
    }
    report(place_of(label, node.source()), key, "expected a string, got " + describe_node(node));
    return std::nullopt;
  }

  void walk_root(const toml::table& root, const std::string& label, Layer& layer, FileMeta& meta) {
    const toml::node* presets = nullptr;
    const toml::node* inline_regions = nullptr;
    for (auto&& [key, node] : root) {
      const std::string name(key.str());
      if (name == "name") {
        meta.name = string_key(node, label, name);
      } else if (name == "description") {
        meta.description = string_key(node, label, name);
      } else if (name == "extends") {
        meta.extends = string_key(node, label, name);
      } else if (name == "regions") {
        presets = &node;
      } else if (name == "region") {
        inline_regions = &node;
      } else {
        walk_entry("", key, node, label, layer);
      }
    }
    // Presets first, then this file's own [[region]] tables; a name used twice is reported where
    // both stand (CrossChecks::regions).
    if (presets) layer.regions = preset_regions(*presets, label);
    if (inline_regions) {
      auto own = region_array(*inline_regions, label);
      if (!layer.regions) layer.regions.emplace();
      for (auto& placed : own) layer.regions->push_back(std::move(placed));
    }
  }

  void walk_entry(const std::string& prefix, const toml::key& key, const toml::node& node,
                  const std::string& label, Layer& layer) {
    const std::string path = join_path(prefix, key.str());
    const KeyTree& tree = key_tree();
    if (path == "simulation.start") {
      const Place place = place_of(label, node.source());
      const auto* text = node.as_string();
      const auto month = text ? parse_year_month(text->get()) : std::nullopt;
      if (month) {
        layer.start = PlacedMonth{*month, place};
      } else {
        report(place, path, std::string(date_hint) + ", got " + describe_node(node));
      }
    } else if (const auto* text = node.as_string(); text && is_month_parameter(path)) {
      const Place place = place_of(label, node.source());
      if (const auto month = parse_year_month(text->get())) {
        layer.values[path] = {0.0, place, *month};
      } else {
        report(place, path,
               "expected a month number or " + std::string(date_hint).substr(9) + ", got " +
                   describe_node(node));
      }
    } else if (targeting_key(path)) {
      const Place place = place_of(label, node.source());
      auto names = read_names(node);
      if (names) {
        layer.targets[path] = {std::move(*names), place};
      } else {
        report(place, path, names.error().message);
      }
    } else if (const ParameterSpec* spec = parameter_table().find(path)) {
      const Place place = place_of(label, node.source());
      auto value = read_parameter_value(*spec, node);
      if (value) {
        layer.values[path] = {*value, place, std::nullopt};
      } else {
        report(place, path, value.error().message);
      }
    } else if (tree.is_section(path)) {
      const auto* table = node.as_table();
      if (!table) {
        report(place_of(label, node.source()), path,
               "expected a table of parameters, got " + describe_node(node));
        return;
      }
      for (auto&& [child_key, child] : *table) walk_entry(path, child_key, child, label, layer);
    } else {
      report(place_of(label, key.source()), path,
             "unknown key" + tree.suggestion(prefix, key.str()));
    }
  }

  std::vector<PlacedRegion> region_array(const toml::node& node, const std::string& label) {
    std::vector<PlacedRegion> regions;
    const auto* array = node.as_array();
    if (!array) {
      report(place_of(label, node.source()), "region",
             "expected [[region]] tables, got " + describe_node(node));
      return regions;
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& element = *array->get(i);
      const std::string key = indexed("region", i);
      const auto* table = element.as_table();
      if (!table) {
        report(place_of(label, element.source()), key,
               "expected a table of region fields, got " + describe_node(element));
        continue;
      }
      if (auto region = read_region(*table, label, key)) {
        regions.push_back({std::move(*region), place_of(label, table->source()), key});
      }
    }
    return regions;
  }

  std::optional<Region> read_region(const toml::table& table, const std::string& label,
                                    const std::string& key) {
    Region region;
    const std::size_t issues_before = issues_.size();
    std::set<std::string> stated;
    for (auto&& [field_key, node] : table) {
      const std::string name(field_key.str());
      const std::string path = key + "." + name;
      stated.insert(name);
      if (name == "group_shares") {
        read_group_shares(node, label, path, region);
        continue;
      }
      const RegionFieldSpec* field = find_region_field(name);
      if (!field) {
        const auto retired = retired_region_field(name);
        report(place_of(label, field_key.source()), path,
               retired ? *retired : "unknown key" + did_you_mean(name, region_field_names()));
        continue;
      }
      if (auto problem = set_region_field(region, *field, node)) {
        report(place_of(label, node.source()), path, *problem);
      }
    }
    for (const auto& field : parameter_table().region_fields()) {
      if (field.required && !stated.contains(field.name)) {
        report(place_of(label, table.source()), key, "missing required field '" + field.name + "'");
      }
    }
    if (issues_.size() != issues_before) return std::nullopt;
    return region;
  }

  void read_group_shares(const toml::node& node, const std::string& label, const std::string& path,
                         Region& region) {
    const auto* table = node.as_table();
    if (!table) {
      report(place_of(label, node.source()), path,
             "expected a table of the eight groups' shares, got " + describe_node(node));
      return;
    }
    std::array<bool, group_count> seen{};
    for (auto&& [group_key, value] : *table) {
      const std::string name(group_key.str());
      const auto at = std::find(group_names.begin(), group_names.end(), name);
      if (at == group_names.end()) {
        report(place_of(label, group_key.source()), path + "." + name,
               "unknown group" + did_you_mean(name, group_name_list()));
        continue;
      }
      const auto group = static_cast<std::size_t>(at - group_names.begin());
      auto share = read_parameter_value(group_share_spec(group), value);
      if (!share) {
        report(place_of(label, value.source()), path + "." + name, share.error().message);
        continue;
      }
      region.group_shares[group] = *share;
      seen[group] = true;
    }
    std::vector<std::string> missing;
    for (std::size_t g = 0; g < group_count; ++g) {
      if (!seen[g] && !table->contains(group_names[g])) {
        missing.push_back("'" + std::string(group_names[g]) + "'");
      }
    }
    if (!missing.empty()) {
      report(place_of(label, node.source()), path,
             "missing " + joined(missing) + " (state the shares of all eight groups)");
    }
    region.has_group_shares = true;
  }

  // Sets one field from a TOML value; returns the problem, if any.
  static std::optional<std::string> set_region_field(Region& region, const RegionFieldSpec& field,
                                                     const toml::node& node) {
    const RegionField target = region_field(region, field.name);
    if (target.text) {
      const auto* text = node.as_string();
      if (!text) return "expected a string, got " + describe_node(node);
      if (field.name == "name" && !is_valid_name(text->get())) {
        return "region name " + toml_quote(text->get()) +
               " must be letters, digits, '_' and '-' only";
      }
      if (field.required && text->get().empty()) return "must not be empty";
      *target.text = text->get();
      return std::nullopt;
    }
    auto value = read_parameter_value(as_parameter_spec(field, field.name), node);
    if (!value) return value.error().message;
    if (target.real) *target.real = *value;
    if (target.boolean) *target.boolean = *value != 0.0;
    if (!target.real && !target.boolean) return "this field cannot be set";
    return std::nullopt;
  }

  std::vector<PlacedRegion> preset_regions(const toml::node& node, const std::string& label) {
    std::vector<PlacedRegion> regions;
    const auto* array = node.as_array();
    if (!array) {
      report(place_of(label, node.source()), "regions",
             "expected a list of preset names, got " + describe_node(node));
      return regions;
    }
    std::map<std::string, std::string> listed;  // entry -> the key that listed it first
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& element = *array->get(i);
      const std::string key = indexed("regions", i);
      const Place place = place_of(label, element.source());
      const auto* text = element.as_string();
      if (!text) {
        report(place, key, "expected a preset name (a string), got " + describe_node(element));
        continue;
      }
      if (const auto [first, inserted] = listed.emplace(text->get(), key); !inserted) {
        report(place, key,
               toml_quote(text->get()) + " is listed twice (also " + first->second + ")");
        continue;
      }
      auto chosen = preset(text->get(), label, place, key);
      // A preset's regions belong to this entry: a clash between two entries is reported here,
      // at the entry, not in the preset file.
      for (auto& region : chosen) {
        region.place = place;
        region.key = key;
        regions.push_back(std::move(region));
      }
    }
    return regions;
  }

  // The regions of "<preset>" or the one region of "<preset>/<region>".
  std::vector<PlacedRegion> preset(const std::string& entry, const std::string& label,
                                   const Place& place, const std::string& key) {
    const auto slash = entry.find('/');
    const std::string name = entry.substr(0, slash);
    const std::string selected = slash == std::string::npos ? "" : entry.substr(slash + 1);
    if (!is_valid_name(name) || (slash != std::string::npos && !is_valid_name(selected))) {
      report(place, key,
             "expected \"PRESET\" or \"PRESET/REGION\" (letters, digits, '_' and '-'), got " +
                 toml_quote(entry));
      return {};
    }
    if (access_ == FileAccess::denied) {
      report(place, key, "region presets cannot be read here (file access is disabled)");
      return {};
    }
    const fs::path folder = folder_of(label) / "regions";
    const std::string preset_label = (folder / (name + ".toml")).lexically_normal().string();
    auto text = read_text_file(preset_label);
    if (!text) {
      std::error_code ec;
      if (fs::exists(preset_label, ec)) {
        report(place, key, "cannot read preset '" + preset_label + "': " + text.error().message);
      } else {
        report(place, key, unknown_preset_message(name, folder));
      }
      return {};
    }
    auto regions = read_preset(*text, preset_label);
    if (selected.empty()) return regions;
    std::vector<std::string> names;
    for (auto& region : regions) {
      if (region.region.name == selected) return {std::move(region)};
      names.push_back(region.region.name);
    }
    report(place, key,
           "preset '" + name + "' has no region '" + selected + "'" +
               did_you_mean(selected, names) + "; its regions: " + joined(names));
    return {};
  }

  static std::string unknown_preset_message(const std::string& name, const fs::path& folder) {
    std::vector<std::string> available;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".toml") available.push_back(it->path().stem().string());
    }
    std::sort(available.begin(), available.end());
    const std::string where = folder.lexically_normal().string();
    if (available.empty()) return "unknown preset '" + name + "'; no presets in " + where;
    return "unknown preset '" + name + "'" + did_you_mean(name, available) +
           "; available presets in " + where + ": " + joined(available);
  }

  std::vector<PlacedRegion> read_preset(std::string_view text, const std::string& label) {
    const auto root = parse(text, label);
    if (!root) return {};
    std::vector<PlacedRegion> regions;
    bool stated = false;
    for (auto&& [key, node] : *root) {
      const std::string name(key.str());
      if (name == "description") {
        string_key(node, label, name);
      } else if (name == "region") {
        regions = region_array(node, label);
        stated = true;
      } else {
        const std::vector<std::string> valid{"description", "region"};
        report(place_of(label, key.source()), name, "unknown key" + did_you_mean(name, valid));
      }
    }
    if (!stated) report(Place{label}, "region", "a preset needs at least one [[region]] table");
    return regions;
  }

  Layer load_parent(const StringKey& extends, const std::string& label,
                    std::vector<ChainLink>& chain) {
    Layer unread;
    unread.incomplete = true;
    if (access_ == FileAccess::denied) {
      report(extends.place, "extends",
             "other scenarios cannot be read here (file access is "
             "disabled)");
      return unread;
    }
    const std::string parent_label = (folder_of(label) / extends.value).lexically_normal().string();
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(parent_label, ec);
    if (ec) canonical = fs::absolute(parent_label, ec).lexically_normal();
    for (const auto& link : chain) {
      if (link.canonical == canonical) {
        std::string cycle;
        for (const auto& step : chain) cycle += step.label + " -> ";
        report(extends.place, "extends", "cycle: " + cycle + parent_label);
        return unread;
      }
    }
    if (chain.size() >= max_extends_depth) {
      report(extends.place, "extends",
             "extends chain longer than " + std::to_string(max_extends_depth) + " files");
      return unread;
    }
    auto text = read_text_file(parent_label);
    if (!text) {
      report(extends.place, "extends",
             "cannot read '" + parent_label + "': " + text.error().message);
      return unread;
    }
    chain.push_back({canonical, parent_label});
    FileMeta parent_meta;
    Layer parent = load_file(*text, parent_label, chain, parent_meta);
    chain.pop_back();
    return parent;
  }

  FileAccess access_;
  std::vector<ScenarioIssue> issues_;
};

// A --set value as a TOML node: the text as TOML if it is a TOML value, else (for choices and
// names) the bare word as a string.
std::optional<toml::table> parse_override_value(std::string_view text, bool bare_words) {
  try {
    toml::table table = toml::parse("value = " + std::string(text) + "\n");
    if (table.size() == 1 && table.contains("value")) return table;
  } catch (const toml::parse_error&) {
  }
  if (!bare_words) return std::nullopt;
  std::string word(text);
  const auto first = word.find_first_not_of(" \t");
  const auto last = word.find_last_not_of(" \t");
  word = first == std::string::npos ? "" : word.substr(first, last - first + 1);
  toml::table table;
  table.insert("value", word);
  return table;
}

std::string expected_text(ParameterType type) {
  switch (type) {
    case ParameterType::real:
      return "expected a real number";
    case ParameterType::integer:
      return "expected an integer";
    case ParameterType::boolean:
      return "expected true or false";
    case ParameterType::choice:
      break;
  }
  return "expected a name";
}

void Loader::apply_override(const std::string& raw, Layer& layer) {
  const Place place{"--set " + raw};
  const auto equals = raw.find('=');
  if (equals == std::string::npos) {
    report(place, "", "expected PATH=VALUE");
    return;
  }
  const std::string path = raw.substr(0, equals);
  const std::string text = raw.substr(equals + 1);

  if (path.starts_with("regions.")) {
    // regions.<region>.<field> or regions.<region>.group_shares.<group>
    const std::string rest = path.substr(8);
    const auto dot = rest.find('.');
    const std::string region_name = rest.substr(0, dot);
    const std::string field_path = dot == std::string::npos ? "" : rest.substr(dot + 1);
    if (!layer.regions || layer.regions->empty()) {
      report(place, path, "the scenario has no regions to change");
      return;
    }
    std::vector<std::string> names;
    PlacedRegion* target = nullptr;
    for (auto& placed : *layer.regions) {
      names.push_back(placed.region.name);
      if (placed.region.name == region_name) target = &placed;
    }
    if (!target) {
      report(place, path,
             "unknown region '" + region_name + "'" + did_you_mean(region_name, names) +
                 "; regions: " + joined(names));
      return;
    }
    Region& region = target->region;
    if (field_path.starts_with("group_shares.")) {
      const std::string group = field_path.substr(13);
      const auto at = std::find(group_names.begin(), group_names.end(), group);
      if (at == group_names.end()) {
        report(place, path, "unknown group" + did_you_mean(group, group_name_list()));
        return;
      }
      const auto value_table = parse_override_value(text, false);
      const auto g = static_cast<std::size_t>(at - group_names.begin());
      auto share = value_table
                       ? read_parameter_value(group_share_spec(g), *value_table->get("value"))
                       : Expected<double>(Error{"expected a real number, got '" + text + "'"});
      if (!share) {
        report(place, path, share.error().message);
        return;
      }
      if (!region.has_group_shares) {
        // Start from the group shares in effect, so that one --set changes one group.
        for (std::size_t i = 0; i < group_count; ++i) {
          const auto stated = layer.values.find(group_share_spec(i).path);
          region.group_shares[i] = stated != layer.values.end() ? stated->second.value
                                                                : group_share_spec(i).default_value;
        }
        region.has_group_shares = true;
      }
      region.group_shares[g] = *share;
    } else {
      const RegionFieldSpec* field = find_region_field(field_path);
      if (field_path == "group_shares") {
        report(place, path, "name one group: regions.<region>.group_shares.<group>=VALUE");
        return;
      }
      if (!field) {
        const auto retired = retired_region_field(field_path);
        report(place, path,
               retired ? *retired
                       : "unknown region field" + did_you_mean(field_path, region_field_names()));
        return;
      }
      const auto value_table = parse_override_value(text, is_text_field(*field));
      if (!value_table) {
        report(place, path, expected_text(field->type) + ", got '" + text + "'");
        return;
      }
      if (auto problem = set_region_field(region, *field, *value_table->get("value"))) {
        report(place, path, *problem);
        return;
      }
    }
    target->place = place;
    target->key = "regions." + region.name;
    return;
  }

  std::string unquoted = text;
  if (unquoted.size() >= 2 && unquoted.front() == '"' && unquoted.back() == '"') {
    unquoted = unquoted.substr(1, unquoted.size() - 2);
  }
  if (path == "simulation.start") {
    if (const auto month = parse_year_month(unquoted)) {
      layer.start = PlacedMonth{*month, place};
    } else {
      report(place, path, std::string(date_hint) + ", got '" + text + "'");
    }
    return;
  }
  if (is_month_parameter(path) && parameter_table().find(path)) {
    if (const auto month = parse_year_month(unquoted)) {
      layer.values[path] = {0.0, place, *month};
      return;
    }
  }
  if (targeting_key(path)) {
    const auto value_table = parse_override_value(text, true);
    auto names = value_table ? read_names(*value_table->get("value"), true)
                             : Expected<std::vector<std::string>>(
                                   Error{"expected a list of names, got '" + text + "'"});
    if (!names) {
      report(place, path, names.error().message);
      return;
    }
    layer.targets[path] = {std::move(*names), place};
    return;
  }
  const ParameterSpec* spec = parameter_table().find(path);
  if (!spec) {
    const auto paths = parameter_table().paths();
    report(place, path, "unknown parameter" + did_you_mean(path, paths));
    return;
  }
  const auto value_table = parse_override_value(text, spec->type == ParameterType::choice);
  if (!value_table) {
    report(place, path, expected_text(spec->type) + ", got '" + text + "'");
    return;
  }
  auto value = read_parameter_value(*spec, *value_table->get("value"));
  if (!value) {
    report(place, path, value.error().message);
    return;
  }
  layer.values[path] = {*value, place, std::nullopt};
}

struct OrderedPair {
  const ParameterSpec* lower;
  const ParameterSpec* upper;
  std::string_view lower_name;
  std::string_view upper_name;
};

// The table's lower/upper pairs, found once: every scenario and every sweep point checks them.
const std::vector<OrderedPair>& ordered_pair_specs() {
  static const std::vector<OrderedPair> pairs = [] {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 2> names{
        {{"grant_min", "grant_max"}, {"start_month", "end_month"}}};
    std::vector<OrderedPair> found;
    for (const auto& spec : parameter_table().specs()) {
      for (const auto& [lower_name, upper_name] : names) {
        std::string suffix = ".";  // by append: GCC 12 warns falsely (-Wrestrict) on "." + ...
        suffix.append(lower_name);
        if (!spec.path.ends_with(suffix)) continue;
        const std::string prefix = spec.path.substr(0, spec.path.size() - suffix.size());
        std::string upper_path = prefix;
        upper_path.append(".").append(upper_name);
        if (const ParameterSpec* upper = parameter_table().find(upper_path)) {
          found.push_back({&spec, upper, lower_name, upper_name});
        }
      }
    }
    return found;
  }();
  return pairs;
}

// The checks that span several keys, on the merged scenario.
class CrossChecks {
 public:
  CrossChecks(const Layer& layer, const ModelParameters& parameters, std::string top_label,
              Loader& loader)
      : layer_(layer), parameters_(parameters), top_(std::move(top_label)), loader_(loader) {}

  void run() {
    regions();
    ordered_pairs();
    group_shares();
    targeting();
  }

 private:
  // Where a parameter got its value: the key that stated it, else the top file.
  Place where(const std::string& path) const {
    const auto at = layer_.values.find(path);
    return at != layer_.values.end() ? at->second.place : Place{top_};
  }
  bool stated(const std::string& path) const { return layer_.values.contains(path); }

  void regions() {
    if (!layer_.regions || layer_.regions->empty()) {
      if (layer_.incomplete) return;
      loader_.report(Place{top_}, "regions",
                     "no regions: state regions = [\"PRESET\", ...] or [[region]] tables here or "
                     "in a file this one extends");
      return;
    }
    std::map<std::string, const PlacedRegion*> seen;
    std::vector<Region> regions;
    for (const auto& placed : *layer_.regions) {
      const Region& region = placed.region;
      regions.push_back(region);
      const auto [first, inserted] = seen.emplace(region.name, &placed);
      if (!inserted) {
        const PlacedRegion& other = *first->second;
        const bool same_file = other.place.file == placed.place.file;
        loader_.report(placed.place, placed.key,
                       "region name '" + region.name + "' is used twice (also by " + other.key +
                           (same_file ? "" : " in " + other.place.file) +
                           (other.place.line > 0 && other.place.line != placed.place.line
                                ? " on line " + std::to_string(other.place.line)
                                : "") +
                           ")");
      }
      if (region.has_group_shares) {
        double sum = 0.0;
        for (const double share : region.group_shares) sum += share;
        if (std::fabs(sum - 1.0) > share_tolerance) {
          loader_.report(placed.place, placed.key + ".group_shares", sum_message(sum));
        }
      }
    }
    // Agents sample people: more agents than people, or a region without one, is an input error.
    const std::string problem = population_problem(parameters_.simulation.founders, regions);
    if (!problem.empty())
      loader_.report(where("simulation.founders"), "simulation.founders", problem);
    advocate_seats();
  }

  // A founder names its advocate by a 16-bit index (model/founders.hpp): at most 65,535 seats.
  // Blames the stated per_region that gives the most seats (else the one that does).
  void advocate_seats() {
    const std::int64_t seats = advocate_seat_count(parameters_);
    if (seats <= max_advocate_seats) return;
    std::string blamed;
    std::int64_t most = -1;
    bool most_stated = false;
    for (std::size_t k = 0; k < advocate_kind_count; ++k) {
      const auto kind = static_cast<AdvocateKind>(k);
      std::int64_t of_kind = 0;
      for (std::size_t r = 0; r < parameters_.regions.size(); ++r) {
        of_kind += advocate_seats_in(parameters_, r, kind);
      }
      const std::string path = "advocates." + std::string(advocate_kind_names[k]) + ".per_region";
      const bool is_stated = stated(path);
      if (std::pair(is_stated, of_kind) > std::pair(most_stated, most)) {
        blamed = path;
        most = of_kind;
        most_stated = is_stated;
      }
    }
    loader_.report(where(blamed), blamed,
                   std::to_string(seats) + " advocate seats (per_region of each kind in each of " +
                       std::to_string(parameters_.regions.size()) +
                       " regions, incubators only where has_incubator) exceed the " +
                       std::to_string(max_advocate_seats) +
                       " an advocate index holds; lower per_region or use fewer regions");
  }

  static std::string sum_message(double sum) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.9g", sum);
    return std::string("group shares sum to ") + buffer + "; they must sum to 1 (within 1e-6)";
  }

  // Every lower/upper pair the table declares side by side: grant_min <= grant_max,
  // start_month <= end_month.
  void ordered_pairs() {
    for (const OrderedPair& pair : ordered_pair_specs()) {
      const ParameterSpec& lower = *pair.lower;
      const ParameterSpec& upper = *pair.upper;
      const double low = lower.get(parameters_);
      const double high = upper.get(parameters_);
      if (low <= high) continue;
      // Point at the key the author most likely got wrong: the one stated most specifically.
      const bool blame_upper = stated(upper.path) || !stated(lower.path);
      const std::string& blamed = blame_upper ? upper.path : lower.path;
      const bool months = pair.lower_name == "start_month";
      const std::string upper_text = std::string(pair.upper_name) + " " + upper.format(high);
      const std::string lower_text = std::string(pair.lower_name) + " " + lower.format(low);
      loader_.report(where(blamed), blamed,
                     blame_upper
                         ? upper_text + (months ? " is before " : " is below ") + lower_text
                         : lower_text + (months ? " is after " : " is above ") + upper_text);
    }
  }

  void group_shares() {
    double sum = 0.0;
    std::string blamed = group_share_spec(0).path;
    for (std::size_t g = 0; g < group_count; ++g) {
      const ParameterSpec& spec = group_share_spec(g);
      sum += spec.get(parameters_);
      if (stated(spec.path)) blamed = spec.path;
    }
    if (std::fabs(sum - 1.0) > share_tolerance) {
      loader_.report(where(blamed), "groups.*.share", sum_message(sum));
    }
  }

  // Every targeting list names known regions (of the merged list) and groups, each once, and
  // groups only where the lever takes them.
  void targeting() {
    std::vector<std::string> region_names;
    for (const auto& region : parameters_.regions) region_names.push_back(region.name);
    std::vector<std::string> group_takers;
    for (std::size_t l = 0; l < lever_count; ++l) {
      if (lever_unit(static_cast<Lever>(l)).takes_groups) group_takers.emplace_back(lever_names[l]);
    }
    for (const auto& [path, stated] : layer_.targets) {
      const TargetingKey key = *targeting_key(path);
      const std::string lever(lever_names[index(key.lever)]);
      if (key.groups && !lever_unit(key.lever).takes_groups) {
        loader_.report(stated.place, path,
                       lever +
                           " acts for everyone in the regions it targets; groups = [...] "
                           "applies to " +
                           joined(group_takers));
        continue;
      }
      if (stated.names.empty()) {
        loader_.report(
            stated.place, path,
            "an empty list targets nothing; leave the key out to act " +
                std::string(key.groups ? "for the lever's default groups" : "everywhere"));
        continue;
      }
      // Without regions (already reported) every name would be unknown: noise.
      if (!key.groups && region_names.empty()) continue;
      const std::vector<std::string> known = key.groups ? group_name_list() : region_names;
      std::set<std::string> seen;
      for (const auto& name : stated.names) {
        if (!seen.insert(name).second) {
          loader_.report(stated.place, path, "'" + name + "' is listed twice");
        } else if (std::find(known.begin(), known.end(), name) == known.end()) {
          loader_.report(stated.place, path,
                         std::string(key.groups ? "unknown group '" : "unknown region '") + name +
                             "'" + did_you_mean(name, known) +
                             (key.groups ? "; groups: " : "; regions: ") + joined(known));
        }
      }
    }
  }

  const Layer& layer_;
  const ModelParameters& parameters_;
  std::string top_;
  Loader& loader_;
};

// Issues in file order (files in the order they first had an issue), then by line and column.
void sort_issues(std::vector<ScenarioIssue>& issues) {
  std::map<std::string, std::size_t> rank;
  for (const auto& issue : issues) rank.try_emplace(issue.file, rank.size());
  std::stable_sort(issues.begin(), issues.end(), [&](const auto& a, const auto& b) {
    return std::tuple(rank[a.file], a.line, a.column) < std::tuple(rank[b.file], b.line, b.column);
  });
}

// Exactly one of the two: the loader's issues, sorted, or the scenario.
ScenarioLoad finished(Loader& loader, Scenario scenario) {
  ScenarioLoad result;
  result.issues = std::move(loader.issues());
  if (!result.issues.empty()) {
    sort_issues(result.issues);
    return result;
  }
  result.scenario = std::move(scenario);
  return result;
}

}  // namespace

bool is_valid_name(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

ScenarioLoad load_scenario_text(std::string_view toml, std::string_view file_label,
                                const std::vector<std::string>& overrides, FileAccess access) {
  Loader loader(access);
  const std::string label(file_label);
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(label, ec);
  if (ec) canonical = fs::path(label);
  std::vector<ChainLink> chain{{canonical, label}};
  FileMeta meta;
  Layer layer = loader.load_file(toml, label, chain, meta);
  for (const auto& raw : overrides) loader.apply_override(raw, layer);

  ModelParameters parameters = parameter_table().defaults();
  if (layer.start) parameters.start = layer.start->month;
  for (auto& [path, assigned] : layer.values) {
    if (assigned.date) loader.resolve_date(path, assigned, layer.start);
    parameter_table().find(path)->set(parameters, assigned.value);
  }
  if (layer.regions) {
    for (const auto& placed : *layer.regions) parameters.regions.push_back(placed.region);
  }
  for (const auto& [path, stated] : layer.targets) {
    const TargetingKey key = *targeting_key(path);
    LeverTargeting& targeting = parameters.targeting[index(key.lever)];
    (key.groups ? targeting.groups : targeting.regions) = stated.names;
  }
  CrossChecks(layer, parameters, label, loader).run();

  std::string name = meta.name ? meta.name->value : fs::path(label).stem().string();
  if (!is_valid_name(name)) {
    const Place place = meta.name ? meta.name->place : Place{label};
    loader.report(place, "name",
                  "scenario name " + toml_quote(name) +
                      " must be letters, digits, '_' and '-' only" +
                      (meta.name ? "" : " (it comes from the file name; state name = \"...\")"));
  }

  Scenario scenario;
  scenario.name = std::move(name);
  scenario.description = meta.description ? meta.description->value : "";
  scenario.file = label;
  scenario.parameters = std::move(parameters);
  ScenarioLoad result = finished(loader, std::move(scenario));
  if (result.scenario) {
    Scenario& loaded = *result.scenario;
    loaded.resolved_toml = write_resolved_toml(loaded.name, loaded.description, loaded.parameters);
  }
  return result;
}

bool is_targeting_path(std::string_view path) {
  return targeting_key(path).has_value();
}

bool is_date_path(std::string_view path) {
  return is_month_parameter(path) && parameter_table().find(path) != nullptr;
}

ScenarioLoad apply_overrides(const Scenario& base, const std::vector<std::string>& overrides) {
  Loader loader(FileAccess::denied);
  const std::string label = base.file.string();
  Layer layer;
  layer.regions.emplace();
  for (std::size_t i = 0; i < base.parameters.regions.size(); ++i) {
    layer.regions->push_back({base.parameters.regions[i], Place{label}, indexed("region", i)});
  }
  // The base's targeting lists stand unless an override replaces one, and are checked again
  // against the (perhaps changed) regions; dates resolve against the base's start.
  for (std::size_t l = 0; l < lever_count; ++l) {
    const LeverTargeting& targeting = base.parameters.targeting[l];
    const std::string lever = "levers." + std::string(lever_names[l]);
    if (!targeting.regions.empty())
      layer.targets[lever + ".regions"] = {targeting.regions, {label}};
    if (!targeting.groups.empty()) layer.targets[lever + ".groups"] = {targeting.groups, {label}};
  }
  if (base.parameters.start) layer.start = PlacedMonth{*base.parameters.start, Place{label}};
  for (const auto& raw : overrides) loader.apply_override(raw, layer);
  ModelParameters parameters = base.parameters;
  if (layer.start) parameters.start = layer.start->month;
  for (auto& [path, assigned] : layer.values) {
    if (assigned.date) loader.resolve_date(path, assigned, layer.start);
    parameter_table().find(path)->set(parameters, assigned.value);
  }
  parameters.regions.clear();
  for (const auto& placed : *layer.regions) parameters.regions.push_back(placed.region);
  parameters.targeting = {};
  for (const auto& [path, stated] : layer.targets) {
    const TargetingKey key = *targeting_key(path);
    LeverTargeting& targeting = parameters.targeting[index(key.lever)];
    (key.groups ? targeting.groups : targeting.regions) = stated.names;
  }
  CrossChecks(layer, parameters, label, loader).run();

  Scenario scenario;
  scenario.name = base.name;
  scenario.description = base.description;
  scenario.file = base.file;
  scenario.parameters = std::move(parameters);
  return finished(loader, std::move(scenario));
}

ScenarioLoad load_scenario(const std::filesystem::path& file,
                           const std::vector<std::string>& overrides) {
  auto text = read_text_file(file);
  if (!text) {
    ScenarioLoad result;
    result.issues.push_back({file.string(), 0, 0, "", "cannot read file: " + text.error().message});
    return result;
  }
  auto result = load_scenario_text(*text, file.string(), overrides);
  if (result.scenario) result.scenario->file = file;
  return result;
}

}  // namespace kopa
