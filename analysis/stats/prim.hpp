#pragma once
// PRIM, the patient rule induction method (Friedman & Fisher 1999), for scenario discovery
// (Bryant & Lempert 2010) as EMA Workbench's prim does it on a binary outcome: peel, then paste,
// scoring each candidate box by EMA Workbench's default "lenient1" objective, and test each
// restriction of a chosen box with a one-sided binomial test. Plain data in.
#include <cstddef>
#include <string_view>
#include <vector>

#include "util/expected.hpp"

namespace kopa::stats {

struct PrimOptions {
  double peel_alpha = 0.05;   // share of the box's points a peel removes (EMA Workbench default)
  double paste_alpha = 0.05;  // share of the points beyond an edge a paste adds (same)
  double mass_min = 0.05;     // smallest share of all points a box may hold (same)
};

// A box: per factor the lowest and highest value inside (limits are inclusive).
struct PrimBox {
  std::vector<double> low;
  std::vector<double> high;
};

enum class PrimMove { start, peel, paste };
std::string_view prim_move_name(PrimMove move);  // "start", "peel", "paste"

struct PrimStep {
  PrimBox box;
  PrimMove move = PrimMove::start;
  std::size_t points = 0;       // points inside the box
  std::size_t of_interest = 0;  // of them, cases of interest
  double coverage = 0.0;        // of_interest / all cases of interest
  double density = 0.0;         // of_interest / points
  double mass = 0.0;            // points / all points
  std::size_t restricted = 0;   // factors whose limits differ from the initial box
};

// Step 0 is the initial box (every point); then every accepted peel, then every accepted paste.
struct PrimTrajectory {
  std::size_t points = 0;
  std::size_t of_interest = 0;
  std::vector<PrimStep> steps;
};

// x: [point][factor]; interest: per point, whether it is a case of interest.
// - The initial box spans each factor's smallest to largest value.
// - A peel candidate, for each factor and side, cuts the box at the peel_alpha quantile of the
//   factor's values inside it (from above at 1 - peel_alpha), with EMA Workbench's quantile
//   (the midpoint of the order statistics around it, moved past ties so a peel always removes
//   a whole value). Score (lenient1): (mean_new - mean_old) / (points removed), the gain in
//   density per point given up; ties go to the box with fewer restricted factors, then to the
//   first candidate (factor order, upper side before lower). The best is accepted while its
//   score is > 0, it removes a point, and it keeps at least mass_min of all points.
// - A paste candidate, for each restricted factor and side, widens that side to the
//   paste_alpha quantile of the points between the edge and the initial limit (from the far
//   side: 1 - paste_alpha below); score (mean_new - mean_old) / (points added); accepted while
//   the score is > 0 and density rises.
// Errors: no points, ragged x, sizes that disagree, non-finite x, no case of interest.
Expected<PrimTrajectory> prim_trajectory(const std::vector<std::vector<double>>& x,
                                         const std::vector<bool>& interest,
                                         const PrimOptions& options = {});

// One factor a box restricts, with the significance of each restricted side: the quasi-p value
// of Bryant & Lempert (2010), as EMA Workbench computes it. With that side's limit removed the
// box holds T_j points, H_j of interest; p = P(X >= H) for X ~ Binomial(T, H_j / T_j), T and H
// the box's own counts: the chance that a box this size drawn from the wider one would be as
// dense. Small p: the restriction matters. NaN for a side the box leaves at its initial limit.
struct PrimRestriction {
  std::size_t factor = 0;
  double low = 0.0;
  double high = 0.0;
  double p_low = 0.0;
  double p_high = 0.0;
};

// The restrictions of trajectory step `step`, in factor order.
std::vector<PrimRestriction> prim_restrictions(const PrimTrajectory& trajectory, std::size_t step,
                                               const std::vector<std::vector<double>>& x,
                                               const std::vector<bool>& interest);

}  // namespace kopa::stats
