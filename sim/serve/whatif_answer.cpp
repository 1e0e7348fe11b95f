#include "serve/whatif_answer.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "io/results_writer.hpp"
#include "model/metrics.hpp"
#include "model/resolution.hpp"
#include "report/results_input.hpp"
#include "scenario/parameter_table.hpp"
#include "stats/comparison.hpp"
#include "stats/format.hpp"
#include "stats/series.hpp"

namespace kopa::serve {
namespace {

analysis::ScenarioResults scenario_results(const std::string& name, const Ensemble& ensemble,
                                           const std::vector<std::string>& datasets) {
  analysis::ScenarioResults scenario{name, {}, {}, {}};
  for (const std::string& dataset : datasets) {
    const int index = find_metric(dataset);
    const MetricSpec& spec = metric_catalog()[static_cast<std::size_t>(index)];
    analysis::MetricSeries& series = scenario.metrics.emplace_back();
    series.name = dataset;
    series.is_flow = spec.accumulation == Accumulation::flow;
    series.units = std::string(spec.units);
    series.long_name = std::string(spec.long_name);
    const auto metric = static_cast<Metric>(index);
    for (const RunSeries& run : ensemble.runs) {
      std::vector<double>& row = series.values.emplace_back(static_cast<std::size_t>(run.months));
      for (int month = 0; month < run.months; ++month) {
        row[static_cast<std::size_t>(month)] = run.at(metric, month);
      }
    }
  }
  return scenario;
}

// The totals `kopa compare` reads from a results file, taken from memory instead.
analysis::ComparisonInput comparison_input(const WhatIfRequest& request,
                                           const WhatIfEnsembles& ensembles) {
  const std::vector<std::string> datasets = report::comparison_datasets({});
  analysis::ComparisonInput input;
  input.scenarios.push_back(scenario_results(request.base.name, *ensembles.base, datasets));
  input.scenarios.push_back(scenario_results(whatif_name(request), *ensembles.whatif, datasets));
  return input;
}

report::Json set_json(const WhatIfRequest& request) {
  report::Json set = report::Json::object();
  for (const std::string& override_text : request.overrides) {
    const std::string path = override_text.substr(0, override_text.find('='));
    if (is_targeting_path(path)) {
      const report::Json targeting = targeting_json(request.whatif.parameters);
      set.set(path, targeting.find(path) ? *targeting.find(path) : report::Json::array());
      continue;
    }
    const ParameterSpec& spec = *parameter_table().find(path);
    set.set(path, parameter_value_json(spec, spec.get(request.whatif.parameters)));
  }
  return set;
}

// One resolution warning in parts, for the page to word from its catalogue: the message key,
// the numbers and names its {placeholders} take, and the capacity as a message of its own; and
// `kopa run`'s English text.
report::Json resolution_warning_json(const std::string& scenario, const Model& model) {
  const CapacityResolution check = capacity_resolution(model);
  const Capacity& capacity = check.tightest_capacity;
  report::Json values = report::Json::object();
  values.set("scenario", report::Json(scenario));
  values.set("region", report::Json(check.tightest_region));
  values.set("per", report::Json(check.people_per_agent));
  values.set("smallest", report::Json(static_cast<double>(check.smallest_sound_founders)));
  report::Json capacity_values = report::Json::object();
  capacity_values.set("people", report::Json(capacity.people));
  if (capacity.kind == CapacityKind::funder_round) {
    capacity_values.set("funder", report::Json(capacity.funder));
    capacity_values.set("budget", report::Json(capacity.budget));
    capacity_values.set("largest", report::Json(capacity.largest));
  }
  report::Json capacity_json = report::Json::object();
  capacity_json.set(
      "message",
      report::Json("capacity." +
                   std::string(capacity_kind_names[static_cast<std::size_t>(capacity.kind)])));
  capacity_json.set("values", std::move(capacity_values));
  report::Json warning = report::Json::object();
  // Only a capacity below one person warns: no agent count resolves it (model/resolution.hpp).
  warning.set("message", report::Json("warning.resolution_unresolvable"));
  warning.set("values", std::move(values));
  warning.set("capacity", std::move(capacity_json));
  warning.set("text", report::Json(resolution_warning(scenario, model)));
  return warning;
}

// `kopa run`'s resolution warnings (model/resolution.hpp) for the two scenarios: an agent count
// too coarse for a capacity makes the result depend on it beyond sampling error.
report::Json resolution_warnings(const WhatIfRequest& request) {
  report::Json warnings = report::Json::array();
  for (const Scenario* scenario : {&request.base, &request.whatif}) {
    const std::string name = scenario == &request.base ? request.base.name : whatif_name(request);
    const Model model(scenario->parameters);
    if (!capacity_resolution(model).sound) warnings.push(resolution_warning_json(name, model));
  }
  return warnings;
}

}  // namespace

std::string whatif_name(const WhatIfRequest& request) {
  return request.whatif.name;
}

Expected<std::string> whatif_answer(const WhatIfRequest& request,
                                    const WhatIfEnsembles& ensembles) {
  const analysis::ComparisonInput input = comparison_input(request, ensembles);
  analysis::CompareOptions options;
  options.baseline = request.base.name;
  auto comparison = analysis::compare(input, options);
  if (!comparison) return comparison.error();
  auto bands = analysis::series(input);
  if (!bands) return bands.error();
  std::string text = "{\"format\":\"kopa-whatif\",\"format_version\":2,\"base\":";
  report::Json(request.base.name).dump_to(text);
  text += ",\"whatif\":";
  report::Json(whatif_name(request)).dump_to(text);
  text += ",\"set\":";
  set_json(request).dump_to(text);
  text += ",\"regions\":";
  regions_json(request.base.parameters.regions).dump_to(text);
  text += ",\"population\":";
  population_json(request.base.parameters).dump_to(text);
  text += ",\"warnings\":";
  resolution_warnings(request).dump_to(text);
  text += ",\"replicates\":" + std::to_string(request.replicates);
  text += std::string(",\"base_cached\":") + (ensembles.base_cached ? "true" : "false");
  text += std::string(",\"whatif_cached\":") + (ensembles.whatif_cached ? "true" : "false");
  text += ",\"comparison\":" + analysis::format_json(*comparison);
  text += ",\"series\":" + analysis::format_series_json(*bands);
  text += "}";
  return text;
}

Expected<std::string> whatif_results_file(const WhatIfRequest& request,
                                          const WhatIfEnsembles& ensembles) {
  // A name of this call alone, in the system's temporary folder (mkstemp creates it empty; the
  // writer then replaces it).
  std::string name = (std::filesystem::temp_directory_path() / "kopa-serve-XXXXXX").string();
  const int descriptor = ::mkstemp(name.data());
  if (descriptor < 0) return Error{"cannot create a temporary file in " + name};
  ::close(descriptor);
  const std::filesystem::path target = name;
  const Model base_model(ensembles.base->parameters);
  const Model whatif_model(ensembles.whatif->parameters);
  const std::uint64_t seed = ensembles.base->base_seed;
  std::vector<io::ScenarioHeader> headers{
      io::scenario_header(
          request.base.name, request.base.description,
          write_resolved_toml(request.base.name, request.base.description, request.base.parameters),
          base_model, seed, request.replicates),
      io::scenario_header(whatif_name(request), request.whatif.description,
                          write_resolved_toml(whatif_name(request), request.whatif.description,
                                              request.whatif.parameters),
                          whatif_model, seed, request.replicates)};
  std::string command = "kopa serve: what-if on " + request.base.name;
  for (const std::string& override_text : request.overrides) command += " --set " + override_text;
  auto writer = io::ResultsWriter::create(target, true, {command, 1}, headers);
  std::error_code ignored;
  if (!writer) {
    std::filesystem::remove(target, ignored);
    return writer.error();
  }
  for (std::size_t s = 0; s < 2; ++s) {
    const Ensemble& ensemble = s == 0 ? *ensembles.base : *ensembles.whatif;
    for (std::size_t r = 0; r < ensemble.runs.size(); ++r) {
      if (Status written = writer->write_run(s, static_cast<int>(r), ensemble.runs[r]); !written) {
        return written.error();  // the writer's destructor removes its temporary file
      }
    }
  }
  if (Status finished = writer->finish(io::RunStatus::complete); !finished) {
    return finished.error();
  }
  std::ifstream in(target, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(target, ignored);
  if (!in) return Error{"cannot read back the results file written to " + target.string()};
  return bytes.str();
}

}  // namespace kopa::serve
