#pragma once
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "model/lever_target.hpp"
#include "model/metrics.hpp"
#include "model/parameters.hpp"

namespace kopa {

// An advocate's fixed identity; its changing state (caseload, activity) lives in RunState.
struct AdvocateSeat {
  std::uint16_t region;
  AdvocateKind kind;
};

// Advocates of `kind` that region r has: per_region, or none for an incubator where the region
// has none. Model builds its seats from it; validation counts them (advocate_seat_count).
Integer advocate_seats_in(const ModelParameters& parameters, std::size_t region, AdvocateKind kind);

// All the advocate seats of the parameters' regions, which Founders::advocate must be able to
// index (at most max_advocate_seats, model/founders.hpp; the scenario loader checks it).
std::int64_t advocate_seat_count(const ModelParameters& parameters);

// The frozen model: validated parameters plus what follows from them once (the funders with the
// seed fund filled in from its lever, the advocates of every region, distances, founders per
// region). Immutable while runs use it; every run owns its own RunState.
class Model {
 public:
  explicit Model(ModelParameters parameters);

  const ModelParameters& parameters() const { return parameters_; }
  const FunderParameters& funder(FunderKind kind) const { return funders_[index(kind)]; }
  const std::vector<AdvocateSeat>& advocates() const { return advocates_; }
  const AdvocateParameters& advocate_kind(AdvocateKind kind) const {
    return parameters_.advocates[index(kind)];
  }
  // Advocates are stored region by region: [first, last) of region r.
  std::pair<std::size_t, std::size_t> advocates_of(std::size_t region) const {
    return {advocate_begin_[region], advocate_begin_[region + 1]};
  }
  std::size_t region_count() const { return parameters_.regions.size(); }
  const Region& region(std::size_t r) const { return parameters_.regions[r]; }
  double distance_km(std::size_t a, std::size_t b) const {
    return distance_km_[a * region_count() + b];
  }
  // How much of a region support reaches: attendance and outreach fall as
  // exp(-remoteness_minutes / founders.remoteness_scale_minutes).
  double reach(std::size_t region) const { return reach_[region]; }
  // Founder agents of each region: the regions' populations split by largest remainder (one
  // agent per person when simulation.founders is 0).
  const std::vector<std::int64_t>& founders_per_region() const { return founders_per_region_; }
  // People each agent of region r stands for on average (population / agents; 0 for a region
  // without agents, which validation rules out).
  double people_per_agent(std::size_t region) const { return people_per_agent_[region]; }
  // The people sampled agent `id` of region r stands for at set-up: the region's population split
  // over its agents as evenly as whole people allow (its first population mod agents agents get
  // one more), and the number of the first of them, people being numbered over all regions in
  // region and agent order (Founders::stream_key).
  std::uint32_t agent_people(std::size_t id, std::size_t region) const {
    return people_share(region).of(id);
  }
  struct PeopleShare {
    std::int64_t first_agent;  // the region's first agent's id
    std::int64_t each;         // floor(population / agents)
    std::int64_t one_more;     // population mod agents: the first this many agents get one more
    std::uint32_t of(std::size_t id) const {
      const auto k = static_cast<std::int64_t>(id) - first_agent;
      return static_cast<std::uint32_t>(each + (k < one_more ? 1 : 0));
    }
  };
  PeopleShare people_share(std::size_t region) const;
  std::uint64_t first_person(std::size_t id, std::size_t region) const;
  // Total population over total agents: the scale written to results files.
  double people_per_agent_overall() const { return people_per_agent_overall_; }
  const DimensionLabels& labels() const { return labels_; }
  int months() const { return static_cast<int>(parameters_.simulation.months); }
  // Where a lever acts: its targeting resolved against the regions (everywhere when untargeted).
  const LeverTarget& lever_target(Lever lever) const { return lever_targets_[index(lever)]; }

 private:
  ModelParameters parameters_;
  std::array<FunderParameters, funder_count> funders_;
  std::vector<AdvocateSeat> advocates_;
  std::vector<std::size_t> advocate_begin_;
  std::vector<double> distance_km_;
  std::vector<double> reach_;
  std::vector<std::int64_t> founders_per_region_;
  std::vector<double> people_per_agent_;
  std::vector<std::int64_t> agent_begin_;   // per region: its first agent's id
  std::vector<std::int64_t> person_begin_;  // per region: its first person's number
  double people_per_agent_overall_ = 0.0;
  DimensionLabels labels_;
  std::array<LeverTarget, lever_count> lever_targets_;
};

}  // namespace kopa
