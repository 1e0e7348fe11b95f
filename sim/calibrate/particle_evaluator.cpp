#include "calibrate/particle_evaluator.hpp"

#include <memory>
#include <string>

#include "calibrate/target_value.hpp"
#include "engine/build_info.hpp"
#include "engine/ensemble.hpp"
#include "model/random.hpp"
#include "scenario/scenario.hpp"
#include "util/sha256.hpp"

namespace kopa::calibrate {

SmcSettings smc_settings(const Targets& t) {
  SmcSettings s;
  s.particles = t.sampler.particles;
  s.generations = t.sampler.generations;
  s.seed = t.sampler.seed;
  s.quantile = t.sampler.quantile;
  s.min_acceptance = t.sampler.min_acceptance;
  s.kernel = t.sampler.kernel;
  return s;
}

sweep::JournalHeader journal_header(const Targets& t) {
  return {t.sha256,
          sha256_hex(t.base.resolved_toml),
          std::string(kopa_version()),
          std::string(git_commit()),
          static_cast<std::uint64_t>(t.sampler.generations) + 2,  // + the predictive runs
          max_slots(smc_settings(t)),
          1 + t.targets.size()};
}

std::uint64_t generation_seed(std::uint64_t seed, int generation) {
  // A SplitMix64 mix, as for replicate seeds: neighbouring generations get unrelated streams.
  return replicate_seed(seed ^ 0xCA11B8A7E5EEDull, static_cast<std::uint64_t>(generation));
}

Evaluation evaluation_of(const Targets& targets, const std::vector<RunSeries>& runs) {
  std::vector<RunTargetValues> parts;
  for (const auto& run : runs) parts.push_back(target_parts(targets, run));
  Evaluation evaluation;
  evaluation.kept = simulated_values(targets, parts);
  evaluation.distance = distance(targets, evaluation.kept);
  return evaluation;
}

Evaluator model_evaluator(const Targets& targets, const EvaluatorOptions& options) {
  return [&targets,
          options](const std::vector<Proposal>& proposals) -> Expected<std::vector<Evaluation>> {
    std::vector<Evaluation> evaluations(proposals.size());
    std::vector<std::unique_ptr<Model>> models;
    std::vector<const Model*> views;
    std::vector<std::size_t> model_of;  // proposal index of each model
    for (std::size_t i = 0; i < proposals.size(); ++i) {
      if (options.known) {
        if (auto known = options.known(proposals[i])) {
          evaluations[i] = std::move(*known);
          continue;
        }
      }
      const auto overrides = particle_overrides(targets, proposals[i].theta);
      ScenarioLoad load = apply_overrides(targets.base, overrides);
      if (!load.scenario) {
        std::string values;
        for (const auto& o : overrides) values += (values.empty() ? "" : ", ") + o;
        const auto& issue = load.issues.front();
        return Error{"particle (" + values + ") is not a valid scenario: " +
                         (issue.key.empty() ? "" : issue.key + ": ") + issue.message +
                         "; narrow the priors",
                     true};
      }
      models.push_back(std::make_unique<Model>(std::move(load.scenario->parameters)));
      views.push_back(models.back().get());
      model_of.push_back(i);
    }
    if (models.empty()) return evaluations;
    const int generation = proposals.front().generation;
    const auto replicates = static_cast<std::size_t>(targets.sampler.replicates);
    std::vector<RunJob> jobs;
    for (std::size_t m = 0; m < models.size(); ++m) {
      const std::size_t slot = proposals[model_of[m]].slot;
      for (std::size_t r = 0; r < replicates; ++r) {
        jobs.push_back({m, static_cast<int>(slot * replicates + r)});
      }
    }
    std::vector<std::vector<RunSeries>> runs(models.size(), std::vector<RunSeries>(replicates));
    std::vector<std::size_t> runs_done(models.size(), 0);
    EnsembleOptions ensemble;
    ensemble.threads = options.threads;
    ensemble.base_seed = generation_seed(targets.sampler.seed, generation);
    ensemble.stop = options.stop;
    Status status = run_ensemble(views, jobs, ensemble, [&](const RunJob& job, RunSeries&& series) {
      const std::size_t slot = proposals[model_of[job.model]].slot;
      runs[job.model][static_cast<std::size_t>(job.replicate) - slot * replicates] =
          std::move(series);
      if (++runs_done[job.model] < replicates) return ok();
      const std::size_t i = model_of[job.model];
      evaluations[i] = evaluation_of(targets, runs[job.model]);
      runs[job.model].clear();
      return options.finished ? options.finished(proposals[i], evaluations[i]) : ok();
    });
    if (!status) return status.error();
    for (const auto done : runs_done) {
      if (done < replicates) return Error{"interrupted", false};
    }
    return evaluations;
  };
}

}  // namespace kopa::calibrate
