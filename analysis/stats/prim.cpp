#include "stats/prim.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "stats/binomial_test.hpp"

namespace kopa::stats {
namespace {

using Points = std::vector<std::size_t>;

struct Data {
  const std::vector<std::vector<double>>& x;
  const std::vector<bool>& interest;
  std::size_t factors = 0;
};

bool inside(const PrimBox& box, const std::vector<double>& point) {
  for (std::size_t j = 0; j < point.size(); ++j) {
    if (point[j] < box.low[j] || point[j] > box.high[j]) return false;
  }
  return true;
}

Points points_in(const Data& data, const PrimBox& box) {
  Points points;
  for (std::size_t p = 0; p < data.x.size(); ++p) {
    if (inside(box, data.x[p])) points.push_back(p);
  }
  return points;
}

std::size_t interest_in(const Data& data, const Points& points) {
  return static_cast<std::size_t>(
      std::count_if(points.begin(), points.end(), [&](std::size_t p) { return data.interest[p]; }));
}

// The share of a box's points that are of interest (0 for an empty box, as EMA Workbench).
double density_of(const Data& data, const Points& points) {
  return points.empty()
             ? 0.0
             : static_cast<double>(interest_in(data, points)) / static_cast<double>(points.size());
}

// EMA Workbench's get_quantile (after sdtoolkit): the midpoint of the order statistics around
// (n - 1) q, the lower one moved down (q > 0.5) or the upper one up past equal values, so that
// cutting at it separates whole values.
double ema_quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  const double h = static_cast<double>(values.size() - 1) * q;
  auto lower = static_cast<std::size_t>(std::floor(h));
  auto upper = static_cast<std::size_t>(std::ceil(h));
  if (q > 0.5) {
    while (values[lower] == values[upper] && lower > 0) --lower;
  } else {
    while (values[lower] == values[upper] && upper + 1 < values.size()) ++upper;
  }
  return 0.5 * (values[lower] + values[upper]);
}

// EMA Workbench's "lenient1" objective: the change in density per point removed or added.
double lenient_score(double density_old, std::size_t points_old, double density_new,
                     std::size_t points_new) {
  if (density_new == density_old || points_new == points_old) return 0.0;
  const std::size_t change =
      points_old > points_new ? points_old - points_new : points_new - points_old;
  return (density_new - density_old) / static_cast<double>(change);
}

std::size_t restricted_count(const PrimBox& box, const PrimBox& initial) {
  std::size_t count = 0;
  for (std::size_t j = 0; j < box.low.size(); ++j) {
    if (box.low[j] != initial.low[j] || box.high[j] != initial.high[j]) ++count;
  }
  return count;
}

struct Candidate {
  PrimBox box;
  Points points;
  double score = 0.0;
  std::size_t unrestricted = 0;
};

// The better of two candidates: higher score, then fewer restricted factors, then the earlier.
void keep_best(std::optional<Candidate>& best, Candidate candidate) {
  if (!best || candidate.score > best->score ||
      (candidate.score == best->score && candidate.unrestricted > best->unrestricted)) {
    best = std::move(candidate);
  }
}

PrimStep step_of(const Data& data, const PrimTrajectory& trajectory, const PrimBox& initial,
                 PrimBox box, const Points& points, PrimMove move) {
  PrimStep step;
  step.move = move;
  step.points = points.size();
  step.of_interest = interest_in(data, points);
  step.coverage =
      static_cast<double>(step.of_interest) / static_cast<double>(trajectory.of_interest);
  step.density = density_of(data, points);
  step.mass = static_cast<double>(step.points) / static_cast<double>(trajectory.points);
  step.restricted = restricted_count(box, initial);
  step.box = std::move(box);
  return step;
}

Candidate scored(const Data& data, const PrimBox& initial, const Points& current, PrimBox box,
                 Points points) {
  Candidate c;
  c.score = lenient_score(density_of(data, current), current.size(), density_of(data, points),
                          points.size());
  c.unrestricted = data.factors - restricted_count(box, initial);
  c.box = std::move(box);
  c.points = std::move(points);
  return c;
}

std::optional<Candidate> best_peel(const Data& data, const PrimBox& initial, const PrimBox& box,
                                   const Points& current, double alpha) {
  std::optional<Candidate> best;
  for (std::size_t j = 0; j < data.factors; ++j) {
    std::vector<double> values;
    for (const std::size_t p : current) values.push_back(data.x[p][j]);
    for (const bool upper : {true, false}) {
      const double cut = ema_quantile(values, upper ? 1.0 - alpha : alpha);
      PrimBox peeled = box;
      (upper ? peeled.high[j] : peeled.low[j]) = cut;
      Points kept;
      for (const std::size_t p : current) {
        if (upper ? data.x[p][j] <= cut : data.x[p][j] >= cut) kept.push_back(p);
      }
      keep_best(best, scored(data, initial, current, std::move(peeled), std::move(kept)));
    }
  }
  return best;
}

std::optional<Candidate> best_paste(const Data& data, const PrimBox& initial, const PrimBox& box,
                                    const Points& current, double alpha) {
  std::optional<Candidate> best;
  for (std::size_t j = 0; j < data.factors; ++j) {
    if (box.low[j] == initial.low[j] && box.high[j] == initial.high[j]) continue;
    for (const bool lower : {true, false}) {
      // The points between this edge and the initial limit, the rest of the box unchanged.
      PrimBox beyond = box;
      if (lower) {
        beyond.low[j] = initial.low[j];
        beyond.high[j] = box.low[j];
      } else {
        beyond.low[j] = box.high[j];
        beyond.high[j] = initial.high[j];
      }
      std::vector<double> values;
      for (const std::size_t p : points_in(data, beyond)) values.push_back(data.x[p][j]);
      PrimBox pasted = box;
      if (lower) {
        pasted.low[j] = values.empty() ? initial.low[j] : ema_quantile(values, 1.0 - alpha);
      } else {
        pasted.high[j] = values.empty() ? initial.high[j] : ema_quantile(values, alpha);
      }
      Points points = points_in(data, pasted);
      keep_best(best, scored(data, initial, current, std::move(pasted), std::move(points)));
    }
  }
  return best;
}

Status check(const std::vector<std::vector<double>>& x, const std::vector<bool>& interest) {
  if (x.empty()) return Error{"PRIM needs at least one point"};
  if (interest.size() != x.size()) {
    return Error{"PRIM has " + std::to_string(x.size()) + " points but " +
                 std::to_string(interest.size()) + " outcomes"};
  }
  const std::size_t k = x.front().size();
  if (k == 0) return Error{"PRIM needs at least one factor"};
  for (const auto& point : x) {
    if (point.size() != k) return Error{"PRIM's points have different numbers of factors"};
    for (const double v : point) {
      if (!std::isfinite(v)) return Error{"a factor value is not a finite number"};
    }
  }
  if (std::none_of(interest.begin(), interest.end(), [](bool b) { return b; })) {
    return Error{"no point is a case of interest, so there is no box to find"};
  }
  return ok();
}

}  // namespace

std::string_view prim_move_name(PrimMove move) {
  switch (move) {
    case PrimMove::start:
      return "start";
    case PrimMove::peel:
      return "peel";
    case PrimMove::paste:
      return "paste";
  }
  return "";
}

Expected<PrimTrajectory> prim_trajectory(const std::vector<std::vector<double>>& x,
                                         const std::vector<bool>& interest,
                                         const PrimOptions& options) {
  if (Status valid = check(x, interest); !valid) return valid.error();
  const Data data{x, interest, x.front().size()};
  PrimBox initial{x.front(), x.front()};
  for (const auto& point : x) {
    for (std::size_t j = 0; j < data.factors; ++j) {
      initial.low[j] = std::min(initial.low[j], point[j]);
      initial.high[j] = std::max(initial.high[j], point[j]);
    }
  }
  PrimTrajectory trajectory;
  trajectory.points = x.size();
  Points current = points_in(data, initial);
  trajectory.of_interest = interest_in(data, current);
  trajectory.steps.push_back(step_of(data, trajectory, initial, initial, current, PrimMove::start));
  const auto mass = [&](const Points& points) {
    return static_cast<double>(points.size()) / static_cast<double>(x.size());
  };

  while (true) {
    const PrimBox& box = trajectory.steps.back().box;
    auto peel = best_peel(data, initial, box, current, options.peel_alpha);
    if (!peel || !(peel->score > 0.0) || mass(peel->points) < options.mass_min ||
        peel->points.size() >= current.size()) {
      break;
    }
    current = std::move(peel->points);
    trajectory.steps.push_back(
        step_of(data, trajectory, initial, std::move(peel->box), current, PrimMove::peel));
  }
  while (true) {
    const PrimBox& box = trajectory.steps.back().box;
    auto paste = best_paste(data, initial, box, current, options.paste_alpha);
    if (!paste || !(paste->score > 0.0) || mass(paste->points) < options.mass_min ||
        paste->points.size() <= current.size() ||
        !(density_of(data, paste->points) > density_of(data, current))) {
      break;
    }
    current = std::move(paste->points);
    trajectory.steps.push_back(
        step_of(data, trajectory, initial, std::move(paste->box), current, PrimMove::paste));
  }
  return trajectory;
}

std::vector<PrimRestriction> prim_restrictions(const PrimTrajectory& trajectory, std::size_t step,
                                               const std::vector<std::vector<double>>& x,
                                               const std::vector<bool>& interest) {
  const Data data{x, interest, x.front().size()};
  const PrimBox& initial = trajectory.steps.front().box;
  const PrimStep& chosen = trajectory.steps.at(step);
  // The box with one side's limit removed: how dense is it without that restriction?
  const auto quasi_p = [&](std::size_t j, bool lower) {
    PrimBox relaxed = chosen.box;
    (lower ? relaxed.low[j] : relaxed.high[j]) = lower ? initial.low[j] : initial.high[j];
    const Points points = points_in(data, relaxed);
    const double p = density_of(data, points);
    return binomial_upper_tail(chosen.of_interest, chosen.points, p);
  };
  const double none = std::numeric_limits<double>::quiet_NaN();
  std::vector<PrimRestriction> restrictions;
  for (std::size_t j = 0; j < data.factors; ++j) {
    const bool low = chosen.box.low[j] != initial.low[j];
    const bool high = chosen.box.high[j] != initial.high[j];
    if (!low && !high) continue;
    restrictions.push_back({j, chosen.box.low[j], chosen.box.high[j], low ? quasi_p(j, true) : none,
                            high ? quasi_p(j, false) : none});
  }
  return restrictions;
}

}  // namespace kopa::stats
