// kopa validate FILE... [--set PATH=VALUE]...: checks scenario, sweep and calibration targets
// files without running anything.
#include <chrono>
#include <optional>
#include <ostream>
#include <set>
#include <string_view>

#include "calibrate/targets.hpp"
#include "cli/exit_code.hpp"
#include "cli/options.hpp"
#include "cli/progress.hpp"
#include "model/resolution.hpp"
#include "scenario/scenario.hpp"
#include "scenario/scenario_arguments.hpp"
#include "sweep/sweep_file.hpp"
#include "util/text_file.hpp"

namespace kopa {

namespace {

// Whether the text has a line opening table `name` or one of its subtables ("[sweep]",
// "[sweep.set]"), or the array of tables `[[name]]`.
bool has_table(std::string_view text, std::string_view name) {
  std::string table(1, '[');
  table.append(name);
  std::string array = "[" + table + "]]";
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    const auto first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos) {
      const std::string_view rest = line.substr(first);
      if (rest.starts_with(array)) return true;
      if (rest.starts_with(table) && rest.size() > table.size() &&
          (rest[table.size()] == ']' || rest[table.size()] == '.'))
        return true;
    }
    start = end + 1;
  }
  return false;
}

// A sweep file has a [sweep] table (docs/sweeps.md), a calibration targets file a
// [calibration] table or [[target]]s (docs/calibration.md); anything else is a scenario.
enum class FileKind { scenario, sweep, targets };

FileKind kind_of(std::string_view text) {
  if (has_table(text, "sweep")) return FileKind::sweep;
  if (has_table(text, "calibration") || has_table(text, "target")) return FileKind::targets;
  return FileKind::scenario;
}

// A sweep's design points are each checked as a scenario: a large design takes a while, so once
// it has taken a second say how far it has got (every few seconds, or as a bar on a terminal).
// --set applies to the sweep's base after its sweep.set, as in kopa sweep.
std::vector<ScenarioIssue> validate_sweep(const std::string& file, std::string_view text,
                                          const std::vector<std::string>& overrides,
                                          std::set<std::string>& answered,
                                          const CommandContext& context) {
  const auto start = std::chrono::steady_clock::now();
  std::optional<Progress> progress;
  sweep::SweepLoadOptions options;
  options.keep_points = false;
  options.overrides = overrides;
  options.answered = &answered;
  options.progress = [&](std::size_t checked, std::size_t total) {
    if (!progress && std::chrono::steady_clock::now() - start > std::chrono::seconds(1)) {
      progress.emplace(context.err,
                       context.stderr_is_terminal ? Progress::Mode::bar : Progress::Mode::lines,
                       total, "design points");
    }
    if (progress) progress->advance(checked);
  };
  auto issues = sweep::load_sweep_text(text, file, options).issues;
  if (progress) progress->finish();
  return issues;
}

}  // namespace

CommandSpec validate_spec() {
  CommandSpec spec{"validate",
                   "kopa validate [NAME=]FILE... [--set [NAME:]PATH=VALUE]...",
                   "Check scenario files (with the files they extend and the region presets they "
                   "name), sweep files (a [sweep] table, every design point included; --set "
                   "applies to a sweep's base after its sweep.set) and calibration targets files "
                   "(a [calibration] table: base scenario, priors, targets) against the parameter "
                   "table and the metrics.\nPrints 'FILE: ok' or every error; exits 0 when all "
                   "files are valid, else 2. Only regular files of at most 1 MiB are read.",
                   {"options"},
                   {}};
  spec.options.add_options()("set", po::value<std::vector<std::string>>()->composing(),
                             "override a parameter, PATH=VALUE (e.g. levers.one_roof.enabled=true, "
                             "regions.cesis.population=30000), or in one scenario only, "
                             "NAME:PATH=VALUE; repeatable")(
      "input", po::value<std::vector<std::string>>(), "scenario, sweep or targets files");
  spec.positional.add("input", -1);
  return spec;
}

int command_validate(const CommandContext& context) {
  const CommandSpec spec = validate_spec();

  po::variables_map values;
  if (auto code = parse_command(spec, context, values)) return *code;
  if (!values.count("input")) {
    context.err << "kopa validate: no scenario file given\n"
                << "usage: " << spec.usage << " (see 'kopa validate --help')\n";
    return exit_bad_input;
  }
  const auto overrides = values.count("set") ? values["set"].as<std::vector<std::string>>()
                                             : std::vector<std::string>{};

  // NAME=FILE and NAME:PATH=VALUE as in kopa run; a qualifier no file answers to is an error.
  std::set<std::string> answered;
  bool all_valid = true;
  for (const auto& input : values["input"].as<std::vector<std::string>>()) {
    const ScenarioArgument argument = parse_scenario_argument(input);
    const std::string file = argument.file.string();
    std::vector<ScenarioIssue> issues;
    auto text = read_input_file(file);
    if (!text) {
      issues.push_back({file, 0, 0, "", "cannot read file: " + text.error().message});
    } else if (const FileKind kind = kind_of(*text); kind == FileKind::sweep) {
      issues = validate_sweep(file, *text, overrides, answered, context);
    } else if (kind == FileKind::targets) {
      if (!overrides.empty()) {
        context.err << "kopa validate: " << file
                    << ": --set does not apply to a targets file (use its calibration.set)\n";
        all_valid = false;
        continue;
      }
      issues = calibrate::load_targets_text(*text, file).issues;
    } else {
      ScenarioLoad load = load_scenario_argument(
          argument, overrides,
          [&](const std::vector<std::string>& chosen) {
            return load_scenario_text(*text, file, chosen);
          },
          answered);
      issues = std::move(load.issues);
      // A valid scenario whose agents are too coarse for its capacities is still valid: warn.
      if (issues.empty() && load.scenario) {
        const std::string coarse =
            resolution_warning(load.scenario->name, Model(load.scenario->parameters));
        if (!coarse.empty()) context.err << file << ": " << coarse << "\n";
      }
    }
    if (issues.empty()) {
      context.out << file << ": ok\n";
      continue;
    }
    all_valid = false;
    for (const auto& issue : issues) context.err << format_issue(issue) << "\n";
  }
  for (const auto& issue : unmatched_qualifiers(overrides, answered)) {
    context.err << format_issue(issue) << "\n";
    all_valid = false;
  }
  return all_valid ? exit_ok : exit_bad_input;
}

}  // namespace kopa
