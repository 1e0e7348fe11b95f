// Targets file loading: the file's own keys first (all problems at once, with their places), then
// the base scenario with calibration.set, then priors and targets against the parameter table,
// the metric catalog and the base scenario's labels.
#include "calibrate/targets.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "model/model.hpp"
#include "sweep/file_reader.hpp"
#include "sweep/sweep_file.hpp"
#include "util/sha256.hpp"
#include "util/text_file.hpp"

namespace kopa::calibrate {
namespace {

namespace fs = std::filesystem;
using sweep::FileReader;
using sweep::listing;

const std::vector<std::string> top_keys{"description", "calibration", "prior", "target"};
const std::vector<std::string> calibration_keys{
    "base",           "set",      "particles", "generations", "replicates", "seed", "quantile",
    "min_acceptance", "distance", "kernel",    "adjustment"};
const std::vector<std::string> prior_keys{"path", "min", "max", "log"};
const std::vector<std::string> target_keys{
    "name",          "survival", "output",    "per",    "reference_output",
    "reference_per", "observed", "tolerance", "source", "use"};
const std::vector<std::string> quantity_keys{"metric", "label", "months", "reduce"};
const std::vector<std::string> reduce_names{"sum", "mean", "last"};
const std::vector<std::string> use_names{"fit", "validation"};
// In the order of enum Distance.
const std::vector<std::string> distance_names{"rms", "max"};
// In the order of enum Kernel.
const std::vector<std::string> kernel_names{"componentwise", "olcm", "olcm_probit", "olcm_mean"};
// In the order of enum Adjustment.
const std::vector<std::string> adjustment_names{"none", "local_linear"};

// The most particles, generations or replicates a targets file may ask for.
constexpr std::int64_t max_particles = 100000;
constexpr std::int64_t max_generations = 100;
constexpr std::int64_t max_replicates = 1000;

std::string toml_text(const toml::node& node) {
  std::ostringstream out;
  node.visit([&](const auto& value) { out << value; });
  return out.str();
}

class TargetsLoader {
 public:
  TargetsLoader(std::string_view text, const fs::path& label) : reader_(label.string()) {
    targets_.file = label;
    targets_.text = std::string(text);
    targets_.sha256 = sha256_hex(text);
  }

  TargetsLoad load() {
    toml::table root;
    try {
      root = toml::parse(targets_.text, reader_.label());
    } catch (const toml::parse_error& error) {
      const auto& begin = error.source().begin;
      reader_.issues().push_back({reader_.label(), static_cast<int>(begin.line),
                                  static_cast<int>(begin.column),
                                  key_on_line(targets_.text, static_cast<int>(begin.line)),
                                  std::string(error.description())});
      return finish();
    }
    read_top(root);
    if (!reader_.issues().empty()) return finish();
    load_base();
    if (!reader_.issues().empty()) return finish();
    read_priors(root);
    read_targets(root);
    return finish();
  }

 private:
  void read_top(const toml::table& root) {
    reader_.check_keys(root, "", top_keys);
    if (const auto* node = root.get("description")) {
      if (const auto* s = node->as_string()) {
        targets_.description = s->get();
      } else {
        reader_.report(node, "description", "expected a string, got " + describe_node(*node));
      }
    }
    const auto* table = root.get_as<toml::table>("calibration");
    if (!table) {
      reader_.report(
          root.get("calibration"), "calibration",
          root.contains("calibration") ? "expected a table" : "missing [calibration] table");
    } else {
      read_settings(*table);
    }
    require_tables(root, "prior", "a calibration needs at least one [[prior]]");
    require_tables(root, "target", "a calibration needs at least one [[target]]");
  }

  void require_tables(const toml::table& root, const char* key, const char* missing) {
    const toml::node* node = root.get(key);
    const auto* array = node ? node->as_array() : nullptr;
    if (!node || (array && array->empty())) {
      reader_.report(nullptr, key, missing);
    } else if (!array || !array->is_array_of_tables()) {
      reader_.report(node, key, std::string("expected [[") + key + "]] tables");
    }
  }

  std::optional<std::int64_t> bounded_integer(const toml::table& t, const char* key,
                                              std::int64_t low, std::int64_t high) {
    auto value = reader_.get<std::int64_t>(t, "calibration", key, "an integer");
    if (!value) return std::nullopt;
    if (*value < low || *value > high) {
      reader_.report(t.get(key), std::string("calibration.") + key,
                     "expected an integer in [" + std::to_string(low) + ", " +
                         std::to_string(high) + "], got " + std::to_string(*value));
      return std::nullopt;
    }
    return value;
  }

  std::optional<double> bounded_number(const toml::table& t, const char* key, double low,
                                       double high) {
    auto value = reader_.get_number(t, "calibration", key);
    if (!value) return std::nullopt;
    if (!(*value > low && *value < high)) {
      reader_.report(t.get(key), std::string("calibration.") + key,
                     "expected a number strictly between " + display_number(low) + " and " +
                         display_number(high) + ", got " + display_number(*value));
      return std::nullopt;
    }
    return value;
  }

  void read_settings(const toml::table& t) {
    reader_.check_keys(t, "calibration", calibration_keys);
    if (auto base = reader_.get<std::string>(t, "calibration", "base", "a file name")) {
      targets_.base_file = fs::path(reader_.label()).parent_path() / *base;
    } else if (!t.contains("base")) {
      reader_.report(&t, "calibration.base",
                     "missing: name the base scenario file (relative to this file)");
    }
    SamplerSettings& s = targets_.sampler;
    if (auto v = bounded_integer(t, "particles", 2, max_particles)) s.particles = int(*v);
    if (auto v = bounded_integer(t, "generations", 0, max_generations)) s.generations = int(*v);
    if (auto v = bounded_integer(t, "replicates", 1, max_replicates)) s.replicates = int(*v);
    if (auto v = bounded_integer(t, "seed", 0, INT64_MAX)) s.seed = std::uint64_t(*v);
    if (auto v = bounded_number(t, "quantile", 0, 1)) s.quantile = *v;
    if (auto v = bounded_number(t, "min_acceptance", 0, 1)) s.min_acceptance = *v;
    read_distance(t, s);
    read_kernel(t, s);
    adjustment_node_ = t.get("adjustment");
    read_choice(t, "adjustment", adjustment_names,
                "\"none\" or \"local_linear\" (Beaumont et al. 2002's regression adjustment)",
                s.adjustment);
    // Runs are numbered slot * replicates + replicate within a generation (an int).
    const double runs = 64 * std::ceil(s.particles / s.min_acceptance) * s.replicates;
    if (runs > static_cast<double>(INT32_MAX)) {
      reader_.report(&t, "calibration",
                     "64 * particles / min_acceptance * replicates is " + display_number(runs) +
                         " runs a generation at most; keep it under 2^31");
    }
    if (const toml::node* set = t.get("set")) {
      if (const auto* set_table = set->as_table()) {
        for (const auto& [key, node] : *set_table) {
          const std::string path(key.str());
          if (node.is_table() || node.is_array()) {
            reader_.report(&node, "calibration.set." + path,
                           "expected a single value; write dotted paths as quoted keys, "
                           "\"simulation.months\" = 60");
            continue;
          }
          targets_.set.push_back(path + "=" + toml_text(node));
          set_nodes_.push_back({&node, "calibration.set." + path});
        }
      } else {
        reader_.report(set, "calibration.set", "expected a table of \"PATH\" = VALUE");
      }
    }
  }

  void read_distance(const toml::table& t, SamplerSettings& s) {
    read_choice(t, "distance", distance_names,
                "\"rms\" (root mean square) or \"max\" (largest miss)", s.distance);
  }

  void read_kernel(const toml::table& t, SamplerSettings& s) {
    read_choice(t, "kernel", kernel_names,
                "\"componentwise\" (Beaumont et al. 2009), \"olcm\" (Filippi et al. 2013's optimal "
                "local covariance), \"olcm_probit\" (the same in probit coordinates) or "
                "\"olcm_mean\" (one covariance, their weighted mean)",
                s.kernel);
  }

  // calibration.<key>: one of `names`, which list the enum's values in its order.
  template <typename Enum>
  void read_choice(const toml::table& t, const char* key, const std::vector<std::string>& names,
                   const char* expected, Enum& into) {
    auto name = reader_.get<std::string>(t, "calibration", key, expected);
    if (!name) return;
    const auto found = std::find(names.begin(), names.end(), *name);
    if (found != names.end()) {
      into = static_cast<Enum>(found - names.begin());
      return;
    }
    reader_.report(t.get(key), std::string("calibration.") + key,
                   "unknown " + std::string(key) + " '" + *name + "'" + did_you_mean(*name, names) +
                       "; expected " + expected);
  }

  void load_base() {
    ScenarioLoad base = load_scenario(targets_.base_file, targets_.set);
    for (auto issue : base.issues) {
      // A complaint about a calibration.set entry belongs at that entry in the targets file.
      for (std::size_t i = 0; i < targets_.set.size(); ++i) {
        if (issue.file == "--set " + targets_.set[i]) {
          issue.file = reader_.label();
          issue.line = static_cast<int>(set_nodes_[i].first->source().begin.line);
          issue.column = static_cast<int>(set_nodes_[i].first->source().begin.column);
          issue.key = set_nodes_[i].second;
        }
      }
      reader_.issues().push_back(std::move(issue));
    }
    if (!base.scenario) return;
    targets_.base = std::move(*base.scenario);
    const Model model(targets_.base.parameters);
    labels_ = model.labels();
    months_ = model.months();
  }

  void read_priors(const toml::table& root) {
    const auto* array = root.get_as<toml::array>("prior");
    for (std::size_t i = 0; i < array->size(); ++i) {
      const auto& t = *array->get(i)->as_table();
      const std::string key = "prior[" + std::to_string(i + 1) + "]";
      reader_.check_keys(t, key, prior_keys);
      if (auto prior = read_prior(t, key)) targets_.priors.push_back(std::move(*prior));
    }
  }

  std::optional<Prior> read_prior(const toml::table& t, const std::string& key) {
    auto path = reader_.get<std::string>(t, key, "path", "a parameter path");
    if (!path) {
      if (!t.contains("path")) reader_.report(&t, key + ".path", "missing: the parameter");
      return std::nullopt;
    }
    if (*path == "simulation.months" || *path == "simulation.seed") {
      reader_.report(t.get("path"), key + ".path",
                     "'" + *path + "' is not a model parameter to calibrate");
      return std::nullopt;
    }
    for (const auto& other : targets_.priors) {
      if (other.path == *path) {
        reader_.report(t.get("path"), key + ".path",
                       "'" + *path + "' already has a prior; give each parameter one");
        return std::nullopt;
      }
    }
    for (const auto& set : targets_.set) {
      if (set.starts_with(*path + "=")) {
        reader_.report(t.get("path"), key + ".path",
                       "'" + *path + "' is also fixed in calibration.set; remove one of the two");
        return std::nullopt;
      }
    }
    std::string problem;
    auto spec = sweep::parameter_spec_for(*path, targets_.base, problem);
    if (!spec) {
      reader_.report(t.get("path"), key + ".path", problem);
      return std::nullopt;
    }
    if (spec->type != ParameterType::real && spec->type != ParameterType::integer) {
      reader_.report(t.get("path"), key + ".path",
                     "'" + *path + "' is a " + std::string(type_name(spec->type)) +
                         " parameter; a prior needs a real or integer one");
      return std::nullopt;
    }
    const auto min = reader_.get_number(t, key, "min");
    const auto max = reader_.get_number(t, key, "max");
    const auto log = reader_.get<bool>(t, key, "log", "true or false");
    if (!t.contains("min") || !t.contains("max")) {
      reader_.report(&t, key, "needs both min and max (the prior's range)");
      return std::nullopt;
    }
    if (!min || !max) return std::nullopt;
    bool bad = false;
    for (const auto& [name, value] : {std::pair{"min", *min}, std::pair{"max", *max}}) {
      if (value < spec->min || value > spec->max) {
        reader_.report(t.get(name), key + "." + name,
                       std::string(name) + " " + display_number(value) +
                           " is outside the parameter's allowed range [" + spec->format(spec->min) +
                           ", " + spec->format(spec->max) + "]");
        bad = true;
      }
    }
    if (!bad && *min >= *max) {
      reader_.report(t.get("max"), key + ".max",
                     "max (" + display_number(*max) + ") must be greater than min (" +
                         display_number(*min) + ")");
      bad = true;
    }
    if (log && *log && *min <= 0) {
      reader_.report(t.get("log"), key + ".log",
                     "a log-uniform prior needs min > 0 (got " + display_number(*min) + ")");
      bad = true;
    }
    if (bad) return std::nullopt;
    return Prior{
        *path, *spec, *min, *max, log.value_or(false), spec->type == ParameterType::integer};
  }

  void read_targets(const toml::table& root) {
    const auto* array = root.get_as<toml::array>("target");
    std::vector<std::string> names;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const auto& t = *array->get(i)->as_table();
      const std::string key = "target[" + std::to_string(i + 1) + "]";
      reader_.check_keys(t, key, target_keys);
      auto target = read_target(t, key);
      if (!target) continue;
      if (std::find(names.begin(), names.end(), target->name) != names.end()) {
        reader_.report(t.get("name"), key + ".name",
                       "'" + target->name + "' names another target already; names must differ");
        continue;
      }
      names.push_back(target->name);
      targets_.targets.push_back(std::move(*target));
    }
    if (reader_.issues().empty() && targets_.fit_count() == 0) {
      reader_.report(nullptr, "target",
                     "every target is use = \"validation\"; at least one must be \"fit\"");
    }
    // The adjustment's regression has fitted targets + 1 coefficients per parameter and a
    // particle on the kernel's edge weighs nothing: refuse a file that could only fail at the
    // end of its calibration.
    const std::size_t needed = targets_.fit_count() + 3;
    if (reader_.issues().empty() && targets_.sampler.adjustment == Adjustment::local_linear &&
        static_cast<std::size_t>(targets_.sampler.particles) < needed) {
      reader_.report(adjustment_node_, "calibration.adjustment",
                     "the regression adjustment fits " + std::to_string(needed - 2) +
                         " coefficients per parameter from the last generation; use particles "
                         ">= " +
                         std::to_string(needed) + " (fitted targets + 3)");
    }
  }

  std::optional<Target> read_target(const toml::table& t, const std::string& key) {
    Target target;
    bool bad = false;
    if (auto name = reader_.get<std::string>(t, key, "name", "a string")) {
      if (!is_valid_name(*name)) {
        reader_.report(t.get("name"), key + ".name",
                       "'" + *name + "' is not a name: use letters, digits, '_' and '-'");
        bad = true;
      }
      target.name = *name;
    } else {
      if (!t.contains("name")) reader_.report(&t, key + ".name", "missing: the target's name");
      bad = true;
    }
    if (auto source = reader_.get<std::string>(t, key, "source", "a string")) {
      target.source = *source;
    } else {
      if (!t.contains("source")) {
        reader_.report(&t, key + ".source",
                       "missing: where the observed figure comes from (../shared/calibration.md)");
      }
      bad = true;
    }
    const auto observed = reader_.get_number(t, key, "observed");
    const auto tolerance = reader_.get_number(t, key, "tolerance");
    if (!observed && !t.contains("observed")) {
      reader_.report(&t, key + ".observed", "missing: the published figure");
    }
    if (!tolerance && !t.contains("tolerance")) {
      reader_.report(&t, key + ".tolerance",
                     "missing: the half-width of the band the model should hit");
    }
    if (!observed || !tolerance) bad = true;
    if (tolerance && !(*tolerance > 0 && std::isfinite(*tolerance))) {
      reader_.report(t.get("tolerance"), key + ".tolerance",
                     "expected a number > 0, got " + display_number(*tolerance));
      bad = true;
    }
    if (observed && !std::isfinite(*observed)) {
      reader_.report(t.get("observed"), key + ".observed", "expected a finite number");
      bad = true;
    }
    if (auto use = reader_.get<std::string>(t, key, "use", "\"fit\" or \"validation\"")) {
      if (*use == "fit") {
        target.use = TargetUse::fit;
      } else if (*use == "validation") {
        target.use = TargetUse::validation;
      } else {
        reader_.report(t.get("use"), key + ".use",
                       "unknown use '" + *use + "'" + did_you_mean(*use, use_names) +
                           "; expected \"fit\" or \"validation\"");
        bad = true;
      }
    } else {
      if (!t.contains("use")) {
        reader_.report(&t, key + ".use",
                       "missing: \"fit\" (the sampler fits it) or \"validation\" (held out)");
      }
      bad = true;
    }
    if (!read_output(t, key, target)) bad = true;
    if (bad) return std::nullopt;
    target.observed = *observed;
    target.tolerance = *tolerance;
    return target;
  }

  // survival = K, or output (with per, reference_output, reference_per).
  bool read_output(const toml::table& t, const std::string& key, Target& target) {
    const bool survival = t.contains("survival");
    if (survival == t.contains("output")) {
      reader_.report(&t, key,
                     survival ? "give either survival or output, not both"
                              : "missing: what the model outputs, survival = YEAR or "
                                "output = { metric = ... }");
      return false;
    }
    if (survival) {
      for (const char* other : {"per", "reference_output", "reference_per"}) {
        if (t.contains(other)) {
          reader_.report(t.get(other), key + "." + other,
                         "a survival target takes no " + std::string(other));
          return false;
        }
      }
      auto year = reader_.get<std::int64_t>(t, key, "survival", "an integer year");
      if (!year) return false;
      if (*year < 1 || *year > 5) {
        reader_.report(t.get("survival"), key + ".survival",
                       "expected a year in [1, 5] (the observer keeps 1- to 5-year cohort "
                       "survival), got " +
                           std::to_string(*year));
        return false;
      }
      target.survival_year = static_cast<int>(*year);
      return true;
    }
    if (t.contains("reference_output") != t.contains("reference_per") &&
        t.contains("reference_per")) {
      reader_.report(t.get("reference_per"), key + ".reference_per",
                     "needs reference_output (the reference's numerator)");
      return false;
    }
    bool good = true;
    target.output = read_quantity(t, key, "output", good);
    target.per = read_quantity(t, key, "per", good);
    target.reference_output = read_quantity(t, key, "reference_output", good);
    target.reference_per = read_quantity(t, key, "reference_per", good);
    return good;
  }

  std::optional<Quantity> read_quantity(const toml::table& t, const std::string& parent,
                                        const char* name, bool& good) {
    const toml::node* node = t.get(name);
    if (!node) return std::nullopt;
    const std::string key = parent + "." + name;
    const auto* table = node->as_table();
    if (!table) {
      reader_.report(node, key,
                     "expected a table { metric = \"...\", label = \"...\", months = [FROM, "
                     "TO], reduce = \"sum\" }, got " +
                         describe_node(*node));
      good = false;
      return std::nullopt;
    }
    reader_.check_keys(*table, key, quantity_keys);
    Quantity q;
    q.to_month = months_;
    auto metric = reader_.get<std::string>(*table, key, "metric", "a metric name");
    if (!metric) {
      if (!table->contains("metric")) reader_.report(node, key + ".metric", "missing");
      good = false;
      return std::nullopt;
    }
    q.metric = find_metric(*metric);
    if (q.metric < 0) {
      std::vector<std::string> names;
      for (const auto& spec : metric_catalog()) names.emplace_back(spec.name);
      reader_.report(table->get("metric"), key + ".metric",
                     "unknown metric '" + *metric + "'" + did_you_mean(*metric, names) +
                         "; see docs/output-format.md");
      good = false;
      return std::nullopt;
    }
    const MetricSpec& spec = metric_catalog()[static_cast<std::size_t>(q.metric)];
    q.reduce = spec.accumulation == Accumulation::flow ? Reduce::sum : Reduce::mean;
    const auto& labels = labels_.labels[static_cast<std::size_t>(spec.breakdown)];
    auto label = reader_.get<std::string>(*table, key, "label", "a label");
    if (spec.breakdown == Breakdown::total && table->contains("label")) {
      reader_.report(table->get("label"), key + ".label",
                     "'" + *metric + "' has no breakdown; leave out label");
      good = false;
    } else if (spec.breakdown != Breakdown::total) {
      const auto found = label ? std::find(labels.begin(), labels.end(), *label) : labels.end();
      if (found == labels.end()) {
        reader_.report(label ? table->get("label") : node, key + ".label",
                       (label ? "unknown " + std::string(dimension_name(spec.breakdown)) + " '" +
                                    *label + "'" + did_you_mean(*label, labels)
                              : std::string("missing: '") + *metric + "' is by " +
                                    std::string(dimension_name(spec.breakdown))) +
                           "; the base scenario's: " + listing(labels));
        good = false;
      } else {
        q.label = static_cast<std::size_t>(found - labels.begin());
        q.label_name = *label;
      }
    }
    if (const toml::node* months = table->get("months")) {
      const auto* pair = months->as_array();
      const auto from =
          pair && pair->size() == 2 ? pair->get(0)->value_exact<std::int64_t>() : std::nullopt;
      const auto to =
          pair && pair->size() == 2 ? pair->get(1)->value_exact<std::int64_t>() : std::nullopt;
      if (!from || !to || *from < 1 || *to < *from || *to > months_) {
        reader_.report(months, key + ".months",
                       "expected [FROM, TO], whole months with 1 <= FROM <= TO <= " +
                           std::to_string(months_) + " (the base scenario's months)");
        good = false;
      } else {
        q.from_month = static_cast<int>(*from);
        q.to_month = static_cast<int>(*to);
      }
    }
    if (auto reduce = reader_.get<std::string>(*table, key, "reduce", "a string")) {
      const auto found = std::find(reduce_names.begin(), reduce_names.end(), *reduce);
      if (found == reduce_names.end()) {
        reader_.report(table->get("reduce"), key + ".reduce",
                       "unknown '" + *reduce + "'" + did_you_mean(*reduce, reduce_names) +
                           "; expected one of " + listing(reduce_names));
        good = false;
      } else {
        q.reduce = static_cast<Reduce>(found - reduce_names.begin());
      }
    }
    return q;
  }

  TargetsLoad finish() {
    TargetsLoad result;
    result.issues = std::move(reader_.issues());
    std::stable_sort(result.issues.begin(), result.issues.end(), [&](const auto& a, const auto& b) {
      const bool a_here = a.file == targets_.file.string(),
                 b_here = b.file == targets_.file.string();
      if (a_here != b_here) return a_here;
      if (a.line == 0 || b.line == 0) return false;
      return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
    if (result.issues.empty()) result.targets = std::move(targets_);
    return result;
  }

  FileReader reader_;
  Targets targets_;
  std::vector<std::pair<const toml::node*, std::string>> set_nodes_;
  const toml::node* adjustment_node_ = nullptr;  // for the adjustment's particle-count check
  DimensionLabels labels_;
  int months_ = 0;
};

}  // namespace

std::size_t Targets::fit_count() const {
  return static_cast<std::size_t>(std::count_if(
      targets.begin(), targets.end(), [](const Target& t) { return t.use == TargetUse::fit; }));
}

TargetsLoad load_targets_text(std::string_view text, const fs::path& file_label) {
  return TargetsLoader(text, file_label).load();
}

TargetsLoad load_targets(const fs::path& file) {
  auto text = read_input_file(file);
  if (!text) {
    TargetsLoad result;
    result.issues.push_back({file.string(), 0, 0, "", "cannot read file: " + text.error().message});
    return result;
  }
  return load_targets_text(*text, file);
}

std::vector<std::string> particle_overrides(const Targets& targets,
                                            const std::vector<double>& theta) {
  std::vector<std::string> overrides;
  for (std::size_t j = 0; j < targets.priors.size(); ++j) {
    const Prior& prior = targets.priors[j];
    const double value = prior.integer ? std::round(theta[j]) : theta[j];
    overrides.push_back(prior.path + "=" + prior.spec.format(value));
  }
  return overrides;
}

std::string_view use_name(TargetUse use) {
  return use == TargetUse::fit ? "fit" : "validation";
}

std::string_view distance_name(Distance distance) {
  return distance_names.at(static_cast<std::size_t>(distance));  // in the enum's order
}

std::string_view kernel_name(Kernel kernel) {
  return kernel_names.at(static_cast<std::size_t>(kernel));  // in the enum's order
}

std::string_view adjustment_name(Adjustment adjustment) {
  return adjustment_names.at(static_cast<std::size_t>(adjustment));  // in the enum's order
}

}  // namespace kopa::calibrate
