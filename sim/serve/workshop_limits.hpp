#pragma once
// What one workshop server accepts, so that no request can take the machine away from the room:
// every bound is checked before anything runs, and a request beyond one gets a clear error.
#include <cstddef>

namespace kopa::serve {

struct WorkshopLimits {
  // Replicates per scenario of one what-if (the page asks for 10).
  int max_replicates = 20;
  // Founder-months per scenario of one what-if: founders x months x replicates. The default is
  // twice the workshop size (10^4 founders x 120 months x 10 replicates), about 1.5 s of two
  // cores per scenario (bench/: about 2 x 10^7 founder-months a second on two cores).
  double max_founder_months = 2.4e7;
  // A request body (a what-if is well under 10 KiB; 413 beyond).
  std::size_t max_body_bytes = 64 * 1024;
  // What-ifs waiting while one runs; more get 503 with Retry-After.
  std::size_t max_waiting = 3;
  // Ensembles kept for reuse (baselines and recent what-ifs).
  std::size_t cached_ensembles = 16;
};

}  // namespace kopa::serve
