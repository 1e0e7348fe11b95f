#pragma once
// Parameter uncertainty in runs (`kopa run --posterior`, docs/calibration.md): each replicate
// draws one particle of a calibration's posterior by weight, from the replicate's own random
// stream, and every scenario of the run uses that particle for that replicate, so scenario
// differences stay paired while their spread now includes the parameters' uncertainty.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "io/posterior_file.hpp"
#include "model/parameters.hpp"
#include "scenario/scenario.hpp"
#include "util/expected.hpp"

namespace kopa {

struct PosteriorDraws {
  io::PosteriorContents posterior;
  // "posterior 'FILE' (N particles, sha256 of values HEX)": for files, headers and journals (a
  // resumed sweep must draw from the same posterior).
  std::string description;
  std::vector<std::int32_t> particle;  // per replicate
};

// Reads the posterior and draws replicate r's particle with the uniform of stream `posterior` of
// replicate seed r. Errors: the file's (bad input, exit 2).
Expected<PosteriorDraws> draw_posterior(const std::filesystem::path& file, std::uint64_t base_seed,
                                        int replicates);

// `scenario`'s parameters with `before` ("PATH=VALUE", a sweep point's factors) and then particle
// `particle`'s values, every cross-field rule checked. Errors name the scenario, the particle and
// the rule it breaks.
Expected<ModelParameters> with_particle(const Scenario& scenario,
                                        const io::PosteriorContents& posterior,
                                        std::int32_t particle,
                                        std::vector<std::string> before = {});

}  // namespace kopa
