#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/kinds.hpp"

// The model's parameters as one plain value. Fields carry no defaults here on purpose: every
// default, unit, range, meaning and source lives once, in scenario/parameter_table.cpp, which
// drives parsing, validation, `kopa describe` and the ODD's parameter section.
namespace kopa {

using Integer = std::int64_t;

struct SimulationParameters {
  Integer months;    // horizon
  Integer founders;  // founder agents sampled, spread over regions by population; 0: one per person
  Integer seed;      // base seed; replicate r derives its own from (seed, r)
};

// A rural area. Lists of regions come from presets (scenarios/regions/) or [[region]] tables.
struct Region {
  std::string name;
  std::string country;
  std::string population_source;    // the statistics figure `population` comes from
  double population = 1.0;          // working-age residents (people): whom the agents stand for
  double remoteness_minutes = 0.0;  // travel time to the nearest support centre
  double local_demand = 0.5;        // demand for social services, 0-1
  double authority_attitude = 0.5;  // local authorities' support, 0-1
  bool has_incubator = false;
  bool has_len = false;  // a local enabling network (SEMPRE's LEN)
  double x_km = 0.0;     // position, for distances in knowledge exchange
  double y_km = 0.0;
  bool has_group_shares = false;  // else the groups' default shares apply
  std::array<double, group_count> group_shares{};
};

struct GroupParameters {
  double share;           // default population share among founders
  double business_skill;  // mean initial business skill, 0-1
  double admin_capacity;  // mean initial administrative / project-management capacity, 0-1
  double motivation;      // mean motivation, 0-1
  double savings;         // mean savings, EUR
  double ideation_ratio;  // ideation hazard relative to mainstream
};

struct FounderParameters {
  double skill_sd;                     // spread of initial skills and motivation
  double ideation_rate;                // monthly latent->idea hazard at reference conditions
  double initial_idea_share;           // share holding an idea at month 0
  double initial_micro_project_share;  // share starting as micro-projects (SEMPRE teams)
  double co_creation_rate;             // monthly idea->micro-project hazard through own co-creators
  double supported_co_creation_rate;   // the same with an advocate
  double idea_abandon_rate;            // monthly idea->dormant hazard at zero motivation
  double dormant_return_rate;          // monthly dormant->idea hazard at full motivation
  double awareness_mean;               // mean initial awareness of support schemes
  double awareness_gain_ties;          // monthly awareness gain per unit social capital
  double remoteness_scale_minutes;     // attendance and outreach fall as exp(-minutes / scale)
  double training_rate;         // monthly chance of attending regional training (no remoteness)
  double training_skill_gain;   // business-skill gain per training attended (of the gap to 1)
  double training_admin_gain;   // admin-capacity gain per training attended
  double tie_learning_rate;     // monthly skill gain per unit social capital
  double motivation_reversion;  // monthly pull of motivation back to the group mean
  double rejection_penalty;     // motivation lost on a rejected application
  double application_effort;    // how strongly complexity deters low-capacity founders
  double
      enterprise_form_share;  // share of micro-projects that aim to be enterprises (at skill 0.5)
};

struct StartupParameters {
  Integer min_micro_project_months;   // co-creation before operating
  double launch_cost;                 // EUR needed to start operating (enterprise)
  double other_launch_cost;           // EUR for a platform, civic organisation or NGO
  double launch_rate;                 // monthly chance to launch once funded
  double micro_project_abandon_rate;  // monthly micro-project->dormant hazard at zero motivation
  double enterprise_revenue;          // EUR/month at full demand, quality and skill
  double other_revenue;               // EUR/month for platforms, civic organisations, NGOs
  double enterprise_fixed_cost;       // EUR/month
  double other_fixed_cost;            // EUR/month
  double wage;                        // EUR/month per job
  double ramp_months;                 // months to reach full revenue
  double revenue_noise;               // lognormal sigma of monthly revenue
  double partner_effect;              // revenue gain per unit social capital
  Integer self_sufficiency_months;    // consecutive months without grants before sustained
  double hire_margin;                 // surplus (in wages) needed to hire
  Integer max_jobs;                   // jobs per initiative
  double people_served_enterprise;    // people served per month of operation
  double people_served_other;
  double closure_share;           // share of cash-exhausted exits that close (rest: dormant)
  double sustained_failure_rate;  // monthly hazard for sustained initiatives
  double reporting_cost;          // EUR/month of reporting at burden 1 and capacity 0
  Integer graduation_months;      // months as a start-up after which the advocate lets go
};

enum class Calendar : Integer { annual = 0, rolling = 1 };
enum class Scope : Integer { local = 0, national = 1 };

struct FunderParameters {
  bool enabled;
  double budget_per_year;        // EUR (per region when local)
  Integer scope;                 // Scope
  Integer calendar;              // Calendar
  Integer call_month;            // month of year the annual call opens (0-11)
  double grant_min;              // EUR
  double grant_max;              // EUR
  Integer grant_months;          // months over which a grant is paid (loans: repaid)
  double complexity;             // application complexity, 0-1
  double reporting_burden;       // 0-1
  double cofinancing_share;      // share of the grant the founder must hold in cash
  double track_record_weight;    // weight of skill and plan vs. social innovation and inclusion
  double score_threshold;        // minimum score to be awarded
  double admin_threshold;        // minimum plan quality, scaled by complexity
  bool micro_projects_eligible;  // micro-projects may apply (else start-ups only)
  bool disadvantaged_only;
  bool repayable;  // a loan: repaid monthly over grant_months
};

struct AdvocateParameters {
  Integer per_region;         // advocates of this kind in each region
  Integer capacity;           // caseload
  double outreach;            // monthly discovery chance per eligible founder at reference
  double coaching;            // monthly skill gain (of the gap to 1) for founders on the caseload
  double brokerage;           // monthly chance of brokering a collaboration
  double advocacy;            // bonus in funders' scoring
  double co_writing;          // plan-quality bonus when co-writing applications
  Integer funding;            // FundingMode
  Integer project_end_month;  // last month of project-based funding
  double min_business_skill;  // incubators take only founders at least this skilled
};
enum class FundingMode : Integer { project = 0, stable = 1 };

struct LeverCalendar {
  bool enabled;
  Integer start_month;
  Integer end_month;  // exclusive
};

struct AllyLever : LeverCalendar {
  double atmosphere;  // strength of the supportive atmosphere, 0-1
};
struct AdvocacyLever : LeverCalendar {
  double brokerage_multiplier;
  double advocacy_bonus;
  double public_body_tie_rate;
  double cost_per_advocate_month;
};
struct OpenSchemesLever : LeverCalendar {
  double threshold_relief;      // share of admin threshold and co-financing waived
  double reserved_share;        // share of mainstream public budgets reserved
  double outreach_awareness;    // monthly awareness gain for disadvantaged founders
  double cost_per_application;  // EUR per application from a disadvantaged founder
};
struct OneRoofLever : LeverCalendar {
  double awareness_gain;        // monthly awareness gain (of the gap to 1)
  double discovery_multiplier;  // advocates' outreach multiplier
  double effort_reduction;      // application effort saved by one-stop guidance
  double capacity_gain;         // advocates' caseload raised by shared intake and referrals
  double cost_per_region_month;
};
struct LocalTrainingLever : LeverCalendar {
  double sessions_per_month;
  double seats_per_session;
  double skill_gain;
  double admin_gain;
  double cost_per_seat;
};
struct KnowledgeExchangeLever : LeverCalendar {
  Integer interval_months;
  Integer participants_per_region;
  double tie_probability;    // chance a pair of participants forms a tie (before distance)
  double distance_scale_km;  // ties fall as exp(-distance / scale)
  double diffusion_rate;     // monthly skill diffusion along founder-founder ties
  double event_skill_gain;   // participants' skill gain at an event (good practice)
  double cost_per_event;
  double cost_per_participant;
};
struct SimplificationLever : LeverCalendar {
  double complexity_reduction;
  double burden_reduction;
  double cost_per_month;
};
struct SeedFundingLever : LeverCalendar {
  double budget_per_year;  // EUR, national
  double grant_min;
  double grant_max;
  Integer grant_months;
  double complexity;
  double reporting_burden;
  double inclusion_weight;  // 1 - track-record weight in scoring
  double score_threshold;
  double admin_cost_share;  // administration on top of the money awarded
};
struct StableFundingLever : LeverCalendar {
  double cost_per_advocate_month;
};

// Where a lever acts (docs/scenarios.md, "Targeting"): region names and group names as the
// scenario states them; empty: in every region, and for the lever's default groups (every group,
// or the disadvantaged ones for open_schemes and seed_funding). Model resolves them into masks.
struct LeverTargeting {
  std::vector<std::string> regions;
  std::vector<std::string> groups;
  bool operator==(const LeverTargeting&) const = default;
};

struct LeverParameters {
  AllyLever ally;
  AdvocacyLever advocacy;
  OpenSchemesLever open_schemes;
  OneRoofLever one_roof;
  LocalTrainingLever local_training;
  KnowledgeExchangeLever knowledge_exchange;
  SimplificationLever simplification;
  SeedFundingLever seed_funding;
  StableFundingLever stable_funding;

  const LeverCalendar& calendar(Lever lever) const;
  LeverCalendar& calendar(Lever lever);
};

struct ModelParameters {
  SimulationParameters simulation;
  std::vector<Region> regions;
  std::array<GroupParameters, group_count> groups;
  FounderParameters founders;
  StartupParameters startups;
  std::array<FunderParameters, funder_count> funders;  // seed_fund's entry is set from its lever
  std::array<AdvocateParameters, advocate_kind_count> advocates;
  LeverParameters levers;
  // Not in the parameter table (names and a date, not numbers to sweep or calibrate):
  std::array<LeverTargeting, lever_count> targeting;  // by Lever: where each lever acts
  // Calendar month of month 0 (util/year_month.hpp), from `simulation.start = "YYYY-MM"`; unset:
  // months are counted from 0 only.
  std::optional<Integer> start;
};

}  // namespace kopa
