#include "cli/posterior_draws.hpp"

#include <algorithm>

#include "model/random.hpp"
#include "sweep/sweep_file.hpp"
#include "util/sha256.hpp"

namespace kopa {

Expected<PosteriorDraws> draw_posterior(const std::filesystem::path& file, std::uint64_t base_seed,
                                        int replicates) {
  auto posterior = io::read_posterior(file);
  if (!posterior) return posterior.error();
  PosteriorDraws draws;
  draws.posterior = std::move(*posterior);
  const auto& c = draws.posterior;
  std::string values = c.targets_toml;
  for (const auto* v : {&c.theta, &c.weight}) {
    values.append(reinterpret_cast<const char*>(v->data()), v->size() * sizeof(double));
  }
  draws.description = "posterior '" + file.string() + "' (" + std::to_string(c.particles()) +
                      " particles, sha256 of values " + sha256_hex(values).substr(0, 16) + ")";
  std::vector<double> cumulative;
  double running = 0;
  for (const double w : draws.posterior.weight) cumulative.push_back(running += w);
  for (int r = 0; r < replicates; ++r) {
    const RandomStreams streams(replicate_seed(base_seed, static_cast<std::uint64_t>(r)));
    const double u = streams.uniforms(Stream::posterior, 0, 0)[0] * running;
    const auto found = std::upper_bound(cumulative.begin(), cumulative.end(), u);
    const auto index = std::min<std::ptrdiff_t>(found - cumulative.begin(),
                                                static_cast<std::ptrdiff_t>(cumulative.size()) - 1);
    draws.particle.push_back(static_cast<std::int32_t>(index));
  }
  return draws;
}

Expected<ModelParameters> with_particle(const Scenario& scenario,
                                        const io::PosteriorContents& posterior,
                                        std::int32_t particle, std::vector<std::string> before) {
  std::vector<std::string> overrides = std::move(before);
  for (std::size_t j = 0; j < posterior.parameters.size(); ++j) {
    std::string problem;
    const auto spec = sweep::parameter_spec_for(posterior.parameters[j], scenario, problem);
    if (!spec) {
      return Error{"scenario '" + scenario.name + "' cannot take the posterior's parameter '" +
                       posterior.parameters[j] + "': " + problem,
                   true};
    }
    overrides.push_back(posterior.parameters[j] + "=" +
                        spec->format(posterior.value(static_cast<std::size_t>(particle), j)));
  }
  ScenarioLoad load = apply_overrides(scenario, overrides);
  if (!load.scenario) {
    const auto& issue = load.issues.front();
    return Error{
        "scenario '" + scenario.name + "' with posterior particle " + std::to_string(particle) +
            " is not valid: " + (issue.key.empty() ? "" : issue.key + ": ") + issue.message,
        true};
  }
  return std::move(load.scenario->parameters);
}

}  // namespace kopa
