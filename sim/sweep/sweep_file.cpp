// Sweep file loading: the file's own keys first (all problems at once, with their places), then
// the base scenario with sweep.set, then the design, then every design point through the
// scenario loader. Later stages run only when the earlier ones found nothing wrong, so that one
// typo does not cascade into a screenful of follow-on errors.
#include "sweep/sweep_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "scenario/region_access.hpp"
#include "scenario/toml_value.hpp"
#include "sweep/file_reader.hpp"
#include "util/sha256.hpp"
#include "util/suggest.hpp"
#include "util/system_memory.hpp"
#include "util/text_file.hpp"

namespace kopa::sweep {
namespace {

namespace fs = std::filesystem;

// Point errors beyond this many are counted, not listed: one bad factor range can break
// thousands of points for the same reason.
constexpr std::size_t max_point_issues = 10;
// The most replicates, samples, trajectories or levels a sweep file may ask for: as many as a
// design may have points (design.hpp).
constexpr std::int64_t max_design_setting = static_cast<std::int64_t>(max_design_points);
// Design points checked between two progress reports.
constexpr std::size_t progress_every = 4096;

const std::vector<std::string> top_keys{"description", "sweep", "factor"};
const std::vector<std::string> sweep_keys{"base",         "replicates", "design", "samples",
                                          "trajectories", "levels",     "seed",   "set"};
const std::vector<std::string> factor_keys{"path", "values", "min", "max", "log", "levels"};
const std::vector<std::string> design_names{"grid", "lhs", "sobol", "morris"};

// The [sweep] keys each design takes, beyond base, replicates, design and set.
std::vector<std::string> design_keys(DesignKind kind) {
  switch (kind) {
    case DesignKind::grid:
      return {};
    case DesignKind::lhs:
      return {"samples", "seed"};
    case DesignKind::sobol:
      return {"samples"};
    case DesignKind::morris:
      return {"trajectories", "levels", "seed"};
  }
  return {};
}

// The node's value as TOML text, for a PATH=VALUE override.
std::string toml_text(const toml::node& node) {
  std::ostringstream out;
  node.visit([&](const auto& value) { out << value; });
  return out.str();
}

// Where each sweep.set override sits in the file, to place the base loader's complaints.
struct SetEntry {
  std::string override_text;  // "PATH=VALUE"
  const toml::node* node;
  std::string key;
};

void collect_set(const toml::table& table, const std::string& prefix, std::vector<SetEntry>& out,
                 FileReader& reader) {
  for (const auto& [key, node] : table) {
    const std::string path =
        prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
    if (const auto* sub = node.as_table()) {
      collect_set(*sub, path, out, reader);
    } else if (node.is_array()) {
      reader.report(&node, "sweep.set." + path, "expected a single value, got an array");
    } else {
      out.push_back({path + "=" + toml_text(node), &node, "sweep.set." + path});
    }
  }
}

struct RawFactor {
  const toml::table* table;
  std::string key;  // "factor[2]"
  std::string path;
};

// Reads one [[factor]] against its parameter; nullopt (with issues reported) when it is wrong.
std::optional<SweepFactor> read_factor(const RawFactor& raw, const Scenario& base, DesignKind kind,
                                       FileReader& reader) {
  const toml::table& t = *raw.table;
  std::string problem;
  auto spec = parameter_spec_for(raw.path, base, problem);
  if (!spec) {
    reader.report(t.get("path"), raw.key + ".path", problem);
    return std::nullopt;
  }
  SweepFactor out;
  out.factor.path = raw.path;
  out.spec = *spec;
  bool bad = false;
  const bool numeric = spec->type == ParameterType::real || spec->type == ParameterType::integer;
  if (const toml::node* node = t.get("values")) {
    const auto* array = node->as_array();
    if (!array) {
      reader.report(node, raw.key + ".values", "expected an array, got " + describe_node(*node));
      return std::nullopt;
    }
    if (array->empty()) {
      reader.report(node, raw.key + ".values", "is empty; give at least one value");
      return std::nullopt;
    }
    for (const toml::node& element : *array) {
      auto value = read_parameter_value(*spec, element);
      if (!value) {
        reader.report(&element, raw.key + ".values", value.error().message);
        bad = true;
        continue;
      }
      if (!out.factor.values) out.factor.values.emplace();
      out.factor.values->push_back(*value);
    }
    for (const char* key : {"min", "max", "log", "levels"}) {
      if (t.contains(key)) {
        reader.report(t.get(key), raw.key + "." + key,
                      "give either values or a range (min, max), not both");
        bad = true;
      }
    }
    return bad ? std::nullopt : std::optional<SweepFactor>(out);
  }
  const auto min = reader.get_number(t, raw.key, "min");
  const auto max = reader.get_number(t, raw.key, "max");
  const auto log = reader.get<bool>(t, raw.key, "log", "true or false");
  const auto levels = reader.get<std::int64_t>(t, raw.key, "levels", "an integer");
  if (!t.contains("min") || !t.contains("max")) {
    reader.report(&t, raw.key, "needs either values = [...] or both min and max");
    return std::nullopt;
  }
  if (!min || !max) return std::nullopt;
  if (!numeric) {
    reader.report(t.get("min"), raw.key + ".min",
                  "'" + raw.path + "' is a " + std::string(type_name(spec->type)) +
                      " parameter: a range needs a real or integer one; list its values instead");
    return std::nullopt;
  }
  if (*min < spec->min || *min > spec->max) {
    reader.report(t.get("min"), raw.key + ".min",
                  "min " + display_number(*min) + " is outside the parameter's allowed range [" +
                      spec->format(spec->min) + ", " + spec->format(spec->max) + "]");
    bad = true;
  }
  if (*max < spec->min || *max > spec->max) {
    reader.report(t.get("max"), raw.key + ".max",
                  "max " + display_number(*max) + " is outside the parameter's allowed range [" +
                      spec->format(spec->min) + ", " + spec->format(spec->max) + "]");
    bad = true;
  }
  if (!bad && *min >= *max) {
    reader.report(t.get("max"), raw.key + ".max",
                  "max (" + display_number(*max) + ") must be greater than min (" +
                      display_number(*min) + ")");
    bad = true;
  }
  if (log && *log && *min <= 0) {
    reader.report(t.get("log"), raw.key + ".log",
                  "a log range needs min > 0 (got " + display_number(*min) + ")");
    bad = true;
  }
  if (levels && kind != DesignKind::grid) {
    reader.report(t.get("levels"), raw.key + ".levels",
                  "only grid designs take levels per factor; a " + design_name(kind) +
                      " design samples the whole range");
    bad = true;
  } else if (kind == DesignKind::grid && (!levels || *levels < 2 || *levels > 100000)) {
    reader.report(levels ? t.get("levels") : &t, raw.key + (levels ? ".levels" : ""),
                  levels ? "expected levels >= 2 (evenly spaced values from min to max)"
                         : "a range in a grid design needs levels (>= 2), or give values");
    bad = true;
  }
  if (bad) return std::nullopt;
  out.factor.min = *min;
  out.factor.max = *max;
  out.factor.log = log.value_or(false);
  out.factor.levels = levels ? static_cast<int>(*levels) : 0;
  out.rounded = spec->type == ParameterType::integer;
  return out;
}

std::optional<DesignKind> parse_design(const std::string& name) {
  for (std::size_t i = 0; i < design_names.size(); ++i) {
    if (design_names[i] == name) return static_cast<DesignKind>(i);
  }
  return std::nullopt;
}

class SweepLoader {
 public:
  SweepLoader(std::string_view text, const fs::path& label, const SweepLoadOptions& options)
      : reader_(label.string()), options_(options) {
    sweep_.file = label;
    sweep_.text = std::string(text);
    sweep_.sha256 = sha256_hex(text);
  }

  SweepLoad load() {
    toml::table root;
    try {
      root = toml::parse(sweep_.text, reader_.label());
    } catch (const toml::parse_error& error) {
      const auto& begin = error.source().begin;
      reader_.issues().push_back({reader_.label(), static_cast<int>(begin.line),
                                  static_cast<int>(begin.column),
                                  key_on_line(sweep_.text, static_cast<int>(begin.line)),
                                  std::string(error.description())});
      return finish();
    }
    read_top(root);
    if (!reader_.issues().empty()) return finish();
    load_base();
    if (!reader_.issues().empty()) return finish();
    read_factors();
    if (!reader_.issues().empty()) return finish();
    build_design();
    if (!reader_.issues().empty()) return finish();
    build_points();
    return finish();
  }

 private:
  void read_top(const toml::table& root) {
    reader_.check_keys(root, "", top_keys);
    if (const auto* node = root.get("description")) {
      if (const auto* s = node->as_string()) {
        sweep_.description = s->get();
      } else {
        reader_.report(node, "description", "expected a string, got " + describe_node(*node));
      }
    }
    const auto* table = root.get_as<toml::table>("sweep");
    if (!table) {
      reader_.report(root.get("sweep"), "sweep",
                     root.contains("sweep") ? "expected a table" : "missing [sweep] table");
    } else {
      read_sweep_table(*table);
    }
    const toml::node* factors = root.get("factor");
    const auto* array = factors ? factors->as_array() : nullptr;
    if (!factors || (array && array->empty())) {
      reader_.report(nullptr, "factor", "a sweep needs at least one [[factor]]");
    } else if (!array || !array->is_array_of_tables()) {
      reader_.report(factors, "factor", "expected [[factor]] tables");
    } else {
      for (std::size_t i = 0; i < array->size(); ++i)
        read_factor_keys(*array->get(i)->as_table(), i);
    }
  }

  void read_sweep_table(const toml::table& t) {
    sweep_table_ = &t;
    reader_.check_keys(t, "sweep", sweep_keys);
    if (auto base = reader_.get<std::string>(t, "sweep", "base", "a file name")) {
      sweep_.base_file = fs::path(reader_.label()).parent_path() / *base;
    } else if (!t.contains("base")) {
      reader_.report(&t, "sweep.base",
                     "missing: name the base scenario file (relative to this file)");
    }
    if (auto r = reader_.get<std::int64_t>(t, "sweep", "replicates", "an integer")) {
      if (*r < 1 || *r > max_design_setting) {
        reader_.report(t.get("replicates"), "sweep.replicates",
                       "expected an integer in [1, " + std::to_string(max_design_setting) +
                           "], got " + std::to_string(*r));
      } else {
        sweep_.replicates = static_cast<int>(*r);
      }
    } else if (!t.contains("replicates")) {
      reader_.report(&t, "sweep.replicates", "missing: how many runs per design point");
    }
    auto design = reader_.get<std::string>(t, "sweep", "design", "a string");
    if (!design) {
      if (!t.contains("design")) {
        reader_.report(&t, "sweep.design", "missing: one of " + listing(design_names));
      }
      return;
    }
    auto kind = parse_design(*design);
    if (!kind) {
      reader_.report(t.get("design"), "sweep.design",
                     "unknown design '" + *design + "'" + did_you_mean(*design, design_names) +
                         "; expected one of " + listing(design_names));
      return;
    }
    sweep_.settings.kind = *kind;
    const auto allowed = design_keys(*kind);
    for (const char* key : {"samples", "trajectories", "levels", "seed"}) {
      if (!t.contains(key)) continue;
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        reader_.report(t.get(key), std::string("sweep.") + key,
                       "not used by a " + *design + " design; it takes: " + listing(allowed));
        continue;
      }
      auto value = reader_.get<std::int64_t>(t, "sweep", key, "an integer");
      if (!value) continue;
      const std::string name = key;
      const std::int64_t low = name == "seed" ? 0 : (name == "levels" ? 2 : 1);
      const std::int64_t high = name == "seed" ? INT64_MAX : max_design_setting;
      if (*value < low || *value > high) {
        reader_.report(t.get(key), "sweep." + name,
                       "expected an integer " +
                           (name == "seed" ? ">= " + std::to_string(low)
                                           : "in [" + std::to_string(low) + ", " +
                                                 std::to_string(high) + "]") +
                           ", got " + std::to_string(*value));
        continue;
      }
      if (name == "samples") sweep_.settings.samples = static_cast<int>(*value);
      if (name == "trajectories") sweep_.settings.trajectories = static_cast<int>(*value);
      if (name == "levels") sweep_.settings.levels = static_cast<int>(*value);
      if (name == "seed") sweep_.settings.seed = static_cast<std::uint64_t>(*value);
    }
    const char* required = *kind == DesignKind::lhs || *kind == DesignKind::sobol ? "samples"
                           : *kind == DesignKind::morris                          ? "trajectories"
                                                                                  : nullptr;
    if (required && !t.contains(required)) {
      reader_.report(&t, std::string("sweep.") + required,
                     "missing: a " + *design + " design needs " + required);
    }
    if (const toml::node* set = t.get("set")) {
      if (const auto* set_table = set->as_table()) {
        collect_set(*set_table, "", set_entries_, reader_);
      } else {
        reader_.report(set, "sweep.set", "expected a table of PATH = VALUE");
      }
    }
  }

  void read_factor_keys(const toml::table& t, std::size_t i) {
    const std::string key = "factor[" + std::to_string(i + 1) + "]";
    reader_.check_keys(t, key, factor_keys);
    if (const auto* values = t.get_as<toml::array>("values"); values && values->empty()) {
      reader_.report(values, key + ".values", "is empty; give at least one value");
    }
    auto path = reader_.get<std::string>(t, key, "path", "a parameter path");
    if (!path) {
      if (!t.contains("path")) reader_.report(&t, key + ".path", "missing: the parameter to vary");
      return;
    }
    if (*path == "simulation.months" || *path == "simulation.seed") {
      reader_.report(
          t.get("path"), key + ".path",
          "'" + *path +
              "' cannot be a factor: every point shares the months and the "
              "base seed (common random numbers); set it in sweep.set or the base scenario");
      return;
    }
    for (const auto& other : raw_factors_) {
      if (other.path == *path) {
        reader_.report(t.get("path"), key + ".path",
                       "'" + *path + "' is already " + other.key + "; vary a parameter once");
        return;
      }
    }
    for (const auto& entry : set_entries_) {
      if (entry.key == "sweep.set." + *path) {
        reader_.report(t.get("path"), key + ".path",
                       "'" + *path +
                           "' is also fixed in sweep.set; a factor overrides it, so "
                           "remove one of the two");
      }
    }
    raw_factors_.push_back({&t, key, *path});
  }

  void load_base() {
    for (const auto& entry : set_entries_) sweep_.set.push_back(entry.override_text);
    // The command line's base replaces sweep.base; its --set overrides come after sweep.set.
    const ScenarioArgument argument =
        options_.base.value_or(ScenarioArgument{"", sweep_.base_file});
    sweep_.base_file = argument.file;
    std::set<std::string> own_answers;
    std::set<std::string>& answered = options_.answered ? *options_.answered : own_answers;
    std::vector<std::string> from_command_line;
    ScenarioLoad base = load_scenario_argument(
        argument, options_.overrides,
        [&](const std::vector<std::string>& chosen) {
          from_command_line = chosen;
          std::vector<std::string> all = sweep_.set;
          all.insert(all.end(), chosen.begin(), chosen.end());
          return load_scenario(argument.file, all);
        },
        answered);
    for (auto issue : base.issues) {
      // A complaint about a sweep.set entry belongs at that entry in the sweep file.
      for (const auto& entry : set_entries_) {
        if (issue.file == "--set " + entry.override_text) {
          issue.file = reader_.label();
          issue.line = static_cast<int>(entry.node->source().begin.line);
          issue.column = static_cast<int>(entry.node->source().begin.column);
          issue.key = entry.key;
        }
      }
      reader_.issues().push_back(std::move(issue));
    }
    refuse_overridden_factors(from_command_line);
    if (!options_.answered) {
      for (auto& issue : unmatched_qualifiers(options_.overrides, answered)) {
        reader_.issues().push_back(std::move(issue));
      }
    }
    if (base.scenario) {
      sweep_.base = std::move(*base.scenario);
      sweep_.base_seed = static_cast<std::uint64_t>(sweep_.base.parameters.simulation.seed);
    }
  }

  // A --set on a factor's path would be overridden at every point: say so, as for sweep.set.
  void refuse_overridden_factors(const std::vector<std::string>& overrides) {
    for (const auto& override : overrides) {
      const std::string path = override.substr(0, override.find('='));
      for (const auto& raw : raw_factors_) {
        if (raw.path != path) continue;
        reader_.issues().push_back(
            {"--set " + override, 0, 0, "",
             "'" + path + "' is " + raw.key +
                 " of the sweep, which sets it at every point; drop the --set or the factor"});
      }
    }
  }

  void read_factors() {
    for (const auto& raw : raw_factors_) {
      if (auto factor = read_factor(raw, sweep_.base, sweep_.settings.kind, reader_)) {
        sweep_.factors.push_back(std::move(*factor));
      }
    }
  }

  void build_design() {
    std::vector<Factor> factors;
    for (const auto& f : sweep_.factors) factors.push_back(f.factor);
    auto design = make_design(factors, sweep_.settings);
    if (!design) {
      reader_.report(sweep_table_, "sweep.design", design.error().message);
      return;
    }
    sweep_.design = std::move(*design);
    // Integer parameters take whole values: a range's samples are rounded to the nearest one.
    for (auto& point : sweep_.design.points) {
      for (std::size_t j = 0; j < point.size(); ++j) {
        if (sweep_.factors[j].rounded) point[j] = std::round(point[j]);
      }
    }
  }

  // What holding every point's parameters (and, when the sweep runs, its model) takes, checked
  // before any is built: a design of a million points must be refused, not grow until killed.
  bool points_fit() {
    const std::size_t regions = sweep_.base.parameters.regions.size();
    const std::uint64_t per_point =
        2 * (sizeof(ModelParameters) + regions * sizeof(Region)) + regions * regions * 8 + 4096;
    const std::uint64_t needed = per_point * sweep_.point_count();
    const MemoryLimits limits = memory_limits();
    const std::uint64_t room = std::min(limits.available.value_or(UINT64_MAX),
                                        limits.address_space_left.value_or(UINT64_MAX));
    if (needed <= room) return true;
    char text[160];
    std::snprintf(text, sizeof text,
                  "the design's %zu points need about %.2f GiB to hold, and only %.2f GiB is "
                  "available; use fewer samples or factor levels",
                  sweep_.point_count(), static_cast<double>(needed) / (1u << 30),
                  static_cast<double>(room) / (1u << 30));
    reader_.report(sweep_table_, "sweep.design", text);
    return false;
  }

  void build_points() {
    if (options_.keep_points && !points_fit()) return;
    std::size_t bad_points = 0;
    const std::size_t total = sweep_.point_count();
    if (options_.keep_points) sweep_.points.reserve(total);
    for (std::size_t p = 0; p < total; ++p) {
      if (options_.progress && p % progress_every == 0) options_.progress(p, total);
      const auto overrides = point_overrides(sweep_, p);
      ScenarioLoad point = apply_overrides(sweep_.base, overrides);
      if (point.scenario) {
        if (options_.keep_points) sweep_.points.push_back(std::move(point.scenario->parameters));
        continue;
      }
      if (++bad_points > max_point_issues) continue;
      std::string values;
      for (const auto& o : overrides) values += (values.empty() ? "" : ", ") + o;
      for (const auto& issue : point.issues) {
        reader_.report(nullptr, "point " + std::to_string(p),
                       "(" + values + ") is not a valid scenario: " +
                           (issue.key.empty() ? "" : issue.key + ": ") + issue.message);
      }
    }
    if (options_.progress) options_.progress(total, total);
    if (bad_points > max_point_issues) {
      reader_.report(
          nullptr, "",
          "and " + std::to_string(bad_points - max_point_issues) + " more invalid design points");
    }
  }

  SweepLoad finish() {
    SweepLoad result;
    result.issues = std::move(reader_.issues());
    std::stable_sort(result.issues.begin(), result.issues.end(), [&](const auto& a, const auto& b) {
      const bool a_here = a.file == sweep_.file.string(), b_here = b.file == sweep_.file.string();
      if (a_here != b_here) return a_here;
      if (a.line == 0 || b.line == 0) return false;  // keep unplaced issues where they arose
      return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    if (result.issues.empty()) result.sweep = std::move(sweep_);
    return result;
  }

  FileReader reader_;
  const SweepLoadOptions& options_;
  Sweep sweep_;
  const toml::table* sweep_table_ = nullptr;
  std::vector<SetEntry> set_entries_;
  std::vector<RawFactor> raw_factors_;
};

}  // namespace

// The parameter a factor path names: a table parameter, or a field of one of the base
// scenario's regions ("regions.<name>.<field>").
std::optional<ParameterSpec> parameter_spec_for(const std::string& path, const Scenario& base,
                                                std::string& problem) {
  if (const ParameterSpec* spec = parameter_table().find(path)) return *spec;
  if (path.starts_with("regions.")) {
    const std::string rest = path.substr(8);
    const auto dot = rest.find('.');
    const std::string region = rest.substr(0, dot);
    const std::string field = dot == std::string::npos ? "" : rest.substr(dot + 1);
    std::vector<std::string> regions;
    for (const auto& r : base.parameters.regions) regions.push_back(r.name);
    if (std::find(regions.begin(), regions.end(), region) == regions.end()) {
      problem = "unknown region '" + region + "'" + did_you_mean(region, regions) +
                "; the base scenario's regions: " + listing(regions);
      return std::nullopt;
    }
    std::vector<std::string> fields;
    for (const auto& spec : parameter_table().region_fields()) {
      if (is_text_field(spec)) continue;
      fields.push_back(spec.name);
      if (spec.name == field) return as_parameter_spec(spec, path);
    }
    problem = "'" + field + "' is not a region field that can be swept" +
              did_you_mean(field, fields) + "; fields: " + listing(fields);
    return std::nullopt;
  }
  const auto paths = parameter_table().paths();
  problem = "unknown parameter" + did_you_mean(path, paths) + "; see 'kopa describe'";
  return std::nullopt;
}

SweepLoad load_sweep_text(std::string_view text, const fs::path& file_label,
                          const SweepLoadOptions& options) {
  return SweepLoader(text, file_label, options).load();
}

SweepLoad load_sweep(const fs::path& file, const SweepLoadOptions& options) {
  auto text = read_input_file(file);
  if (!text) {
    SweepLoad result;
    result.issues.push_back({file.string(), 0, 0, "", "cannot read file: " + text.error().message});
    return result;
  }
  return load_sweep_text(*text, file, options);
}

std::vector<std::string> point_overrides(const Sweep& sweep, std::size_t point) {
  std::vector<std::string> overrides;
  const auto& values = sweep.design.points.at(point);
  for (std::size_t j = 0; j < sweep.factors.size(); ++j) {
    const auto& factor = sweep.factors[j];
    overrides.push_back(factor.factor.path + "=" + factor.spec.format(values[j]));
  }
  return overrides;
}

}  // namespace kopa::sweep
