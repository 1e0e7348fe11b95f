#include "sweep/design.hpp"

#include <Random123/philox.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numeric>
#include <set>

#include "sweep/sobol_sequence.hpp"

namespace kopa::sweep {
namespace {

// ---- random draws, keyed by identity ----------------------------------------------------------

// One stream per purpose, so that a change in one kind of draw moves no other.
enum class Stream : std::uint32_t {
  lhs_order = 1,
  lhs_jitter,
  morris_start,
  morris_direction,
  morris_order
};

// A uniform in [0,1) with 53 random bits from Philox4x32, key = seed, counter = {stream, a, b}.
// Half-open on purpose: an LHS jitter of exactly 1 would leave its stratum (r123::u01 is (0,1]).
double draw(std::uint64_t seed, Stream stream, std::uint32_t a, std::uint32_t b) {
  const r123::Philox4x32::key_type key{
      {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  const r123::Philox4x32::ctr_type counter{{static_cast<std::uint32_t>(stream), a, b, 0}};
  const auto r = r123::Philox4x32{}(counter, key);
  const std::uint64_t word = (std::uint64_t{r[0]} << 32 | r[1]) >> 11;
  return static_cast<double>(word) * 0x1p-53;
}

// A uniform integer in [0, n), n <= max_design_points (the bias, n / 2^53, is negligible).
std::uint32_t draw_below(std::uint32_t n, std::uint64_t seed, Stream stream, std::uint32_t a,
                         std::uint32_t b) {
  const auto i = static_cast<std::uint32_t>(draw(seed, stream, a, b) * n);
  return std::min(i, n - 1);
}

// Fisher-Yates shuffle of 0 .. n-1; draw i is counter {stream, a, i}.
std::vector<std::uint32_t> permutation(std::uint32_t n, std::uint64_t seed, Stream stream,
                                       std::uint32_t a) {
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  for (std::uint32_t i = n; i > 1; --i) {
    std::swap(order[i - 1], order[draw_below(i, seed, stream, a, i - 1)]);
  }
  return order;
}

// ---- validation -------------------------------------------------------------------------------

std::string quoted(const Factor& f) {
  return "factor '" + f.path + "'";
}

std::string number(double x) {
  std::string s = std::to_string(x);
  s.erase(s.find_last_not_of('0') + 1);
  if (s.ends_with('.')) s.pop_back();
  return s;
}

bool is_list(const Factor& f) {
  return f.values.has_value();
}

Status check_factor(const Factor& f, DesignKind kind) {
  if (f.path.empty()) return Error{"a factor has no path"};
  if (is_list(f)) {
    if (f.values->empty()) return Error{quoted(f) + ": values is empty; give at least one value"};
    if (f.min != 0 || f.max != 0 || f.log || f.levels != 0) {
      return Error{quoted(f) + ": give either values or a range (min, max, log, levels), not both"};
    }
    for (double v : *f.values) {
      if (!std::isfinite(v)) return Error{quoted(f) + ": values must be finite numbers"};
    }
    return ok();
  }
  if (!std::isfinite(f.min) || !std::isfinite(f.max)) {
    return Error{quoted(f) + ": min and max must be finite numbers"};
  }
  if (f.min >= f.max) {
    return Error{quoted(f) + ": min (" + number(f.min) + ") must be less than max (" +
                 number(f.max) + "), or give values"};
  }
  if (f.log && f.min <= 0) {
    return Error{quoted(f) + ": a log range needs min > 0 (got " + number(f.min) + ")"};
  }
  if (kind == DesignKind::grid && f.levels < 2) {
    return Error{quoted(f) + ": a range in a grid design needs levels >= 2 (got " +
                 std::to_string(f.levels) + ")"};
  }
  if (kind != DesignKind::grid && f.levels != 0) {
    return Error{quoted(f) + ": levels is only for grid designs; a " + design_name(kind) +
                 " design samples the whole range"};
  }
  return ok();
}

// `points` as a count can overflow (a grid's product of levels): it is a double here, and said
// as "about 1.2e+25" when it is too large to be exact.
Status check_size(double points, DesignKind kind) {
  if (points > static_cast<double>(max_design_points)) {
    char count[64];
    std::snprintf(count, sizeof count, points < 1e15 ? "%.0f" : "about %.3g", points);
    return Error{"the " + design_name(kind) + " design has " + count + " points; the most is " +
                 std::to_string(max_design_points)};
  }
  return ok();
}

// Point count of a full factorial.
double grid_size(const std::vector<Factor>& factors) {
  double n = 1;
  for (const Factor& f : factors) {
    n *= is_list(f) ? static_cast<double>(f.values->size()) : static_cast<double>(f.levels);
  }
  return n;
}

Status check_settings(const std::vector<Factor>& factors, const DesignSettings& s) {
  const std::size_t k = factors.size();
  switch (s.kind) {
    case DesignKind::grid:
      return check_size(grid_size(factors), s.kind);
    case DesignKind::lhs:
    case DesignKind::sobol: {
      if (s.samples < 1) {
        return Error{"a " + design_name(s.kind) + " design needs samples >= 1 (got " +
                     std::to_string(s.samples) + ")"};
      }
      if (s.kind == DesignKind::sobol && 2 * k > sobol_max_dimensions) {
        return Error{"a sobol design takes at most " + std::to_string(sobol_max_dimensions / 2) +
                     " factors (a " + std::to_string(sobol_max_dimensions) +
                     "-dimensional Sobol' sequence); got " + std::to_string(k)};
      }
      const std::size_t blocks = s.kind == DesignKind::sobol ? k + 2 : 1;
      return check_size(static_cast<double>(s.samples) * static_cast<double>(blocks), s.kind);
    }
    case DesignKind::morris:
      if (s.trajectories < 1) {
        return Error{"a morris design needs trajectories >= 1 (got " +
                     std::to_string(s.trajectories) + ")"};
      }
      if (s.levels < 2 || s.levels % 2 != 0) {
        return Error{"a morris design needs an even number of levels >= 2 (got " +
                     std::to_string(s.levels) + ")"};
      }
      return check_size(static_cast<double>(s.trajectories) * static_cast<double>(k + 1), s.kind);
  }
  return Error{"unknown design kind"};
}

Status check(const std::vector<Factor>& factors, const DesignSettings& s) {
  if (factors.empty()) return Error{"a sweep needs at least one factor"};
  std::set<std::string> seen;
  for (const Factor& f : factors) {
    if (Status st = check_factor(f, s.kind); !st) return st;
    if (!seen.insert(f.path).second) return Error{quoted(f) + " is listed twice"};
  }
  return check_settings(factors, s);
}

// ---- designs ----------------------------------------------------------------------------------

std::vector<double> grid_values(const Factor& f) {
  if (is_list(f)) return *f.values;
  const auto n = static_cast<std::size_t>(f.levels);
  std::vector<double> v(n);
  for (std::size_t j = 0; j < n; ++j) {
    v[j] = to_parameter(f, static_cast<double>(j) / static_cast<double>(n - 1));
  }
  return v;
}

void grid(const std::vector<Factor>& factors, Design& d) {
  std::vector<std::vector<double>> values;
  for (const Factor& f : factors) values.push_back(grid_values(f));
  const auto n = static_cast<std::size_t>(grid_size(factors));  // checked: at most 10^6
  const std::size_t k = factors.size();
  d.points.assign(n, std::vector<double>(k));
  for (std::size_t p = 0; p < n; ++p) {
    std::size_t rest = p;
    for (std::size_t j = k; j-- > 0;) {  // the last factor is the fastest digit
      d.points[p][j] = values[j][rest % values[j].size()];
      rest /= values[j].size();
    }
  }
}

void lhs(const std::vector<Factor>& factors, const DesignSettings& s, Design& d) {
  const auto n = static_cast<std::uint32_t>(s.samples);
  d.points.assign(n, std::vector<double>(factors.size()));
  for (std::uint32_t j = 0; j < factors.size(); ++j) {
    const std::vector<std::uint32_t> stratum = permutation(n, s.seed, Stream::lhs_order, j);
    for (std::uint32_t p = 0; p < n; ++p) {
      const double jitter = draw(s.seed, Stream::lhs_jitter, j, p);
      // Rounding of (stratum + jitter) could reach the next stratum's edge: stay below it.
      const double upper = std::nextafter((stratum[p] + 1.0) / n, 0.0);
      const double u = std::min((stratum[p] + jitter) / n, upper);
      d.points[p][j] = to_parameter(factors[j], u);
    }
  }
}

Status sobol(const std::vector<Factor>& factors, const DesignSettings& s, Design& d) {
  const std::size_t k = factors.size(), n = static_cast<std::size_t>(s.samples);
  auto sequence = sobol_points(static_cast<int>(2 * k), n);
  if (!sequence) return sequence.error();
  const auto& u = *sequence;
  if (!std::has_single_bit(n)) {
    d.notes.push_back("sobol samples = " + std::to_string(n) +
                      " is not a power of two; the Sobol' points are best balanced, and the "
                      "indices most accurate, with N = 2^m");
  }
  d.sobol_base_samples = s.samples;
  d.points.assign(n * (k + 2), std::vector<double>(k));
  d.sobol_block.resize(d.points.size());
  for (int block = 0; block < static_cast<int>(k) + 2; ++block) {
    for (std::size_t row = 0; row < n; ++row) {
      const std::size_t p = static_cast<std::size_t>(block) * n + row;
      d.sobol_block[p] = block;
      for (std::size_t j = 0; j < k; ++j) {
        // A is dimensions 0..k-1, B is k..2k-1; AB_i takes column i from B.
        const bool from_b = block == sobol_block_b || block == sobol_block_ab(static_cast<int>(j));
        d.points[p][j] = to_parameter(factors[j], u[row][from_b ? k + j : j]);
      }
    }
  }
  return ok();
}

void morris(const std::vector<Factor>& factors, const DesignSettings& s, Design& d) {
  const auto k = static_cast<std::uint32_t>(factors.size());
  const auto p = static_cast<std::uint32_t>(s.levels);
  const std::uint32_t jump = p / 2;  // delta, in levels
  const double spacing = 1.0 / (p - 1);
  d.morris_delta = static_cast<double>(p) / (2.0 * (p - 1));
  for (std::uint32_t t = 0; t < static_cast<std::uint32_t>(s.trajectories); ++t) {
    // The start level is uniform on 0..p-1: a base level in the lower half, raised by delta for
    // the factors that will step down (Morris 1991, the B* construction).
    std::vector<std::uint32_t> level(k);
    std::vector<int> direction(k);
    for (std::uint32_t j = 0; j < k; ++j) {
      direction[j] = draw(s.seed, Stream::morris_direction, t, j) < 0.5 ? 1 : -1;
      level[j] =
          draw_below(jump, s.seed, Stream::morris_start, t, j) + (direction[j] < 0 ? jump : 0);
    }
    auto emit = [&](int factor, int dir) {
      std::vector<double> point(k);
      for (std::uint32_t j = 0; j < k; ++j) point[j] = to_parameter(factors[j], level[j] * spacing);
      d.points.push_back(std::move(point));
      d.morris_steps.push_back({static_cast<int>(t), factor, dir});
    };
    emit(-1, 0);
    for (std::uint32_t j : permutation(k, s.seed, Stream::morris_order, t)) {
      level[j] = direction[j] > 0 ? level[j] + jump : level[j] - jump;
      emit(static_cast<int>(j), direction[j]);
    }
  }
}

}  // namespace

std::string design_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::grid:
      return "grid";
    case DesignKind::lhs:
      return "lhs";
    case DesignKind::sobol:
      return "sobol";
    case DesignKind::morris:
      return "morris";
  }
  return "unknown";
}

double to_parameter(const Factor& f, double u) {
  if (is_list(f)) {
    const std::size_t n = f.values->size();
    const auto i = static_cast<std::size_t>(std::max(0.0, std::floor(u * static_cast<double>(n))));
    return (*f.values)[std::min(i, n - 1)];
  }
  // Exact ends, and clamped between: rounding must not carry a value past its bounds (a
  // probability past 1), and exp(log(max)) need not be max.
  if (u <= 0) return f.min;
  if (u >= 1) return f.max;
  const double x = f.log ? std::exp(std::log(f.min) + u * (std::log(f.max) - std::log(f.min)))
                         : f.min + u * (f.max - f.min);
  return std::clamp(x, f.min, f.max);
}

Expected<Design> make_design(const std::vector<Factor>& factors, const DesignSettings& settings) {
  if (Status st = check(factors, settings); !st) return st.error();
  Design d;
  d.kind = settings.kind;
  for (const Factor& f : factors) d.factor_paths.push_back(f.path);
  switch (settings.kind) {
    case DesignKind::grid:
      grid(factors, d);
      break;
    case DesignKind::lhs:
      lhs(factors, settings, d);
      break;
    case DesignKind::sobol:
      if (Status st = sobol(factors, settings, d); !st) return st.error();
      break;
    case DesignKind::morris:
      morris(factors, settings, d);
      break;
  }
  return d;
}

}  // namespace kopa::sweep
