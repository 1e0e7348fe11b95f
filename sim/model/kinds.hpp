#pragma once
#include <array>
#include <cstdint>
#include <string_view>

// The model's categorical vocabularies. Their names are the labels used everywhere: parameter
// paths, scenario files, output dimension labels, docs.
namespace kopa {

enum class Group : std::uint8_t {
  youth,
  women,
  seniors,
  migrants,
  disabled,
  single_parents,
  long_term_unemployed,
  mainstream,
};
inline constexpr std::size_t group_count = 8;
inline constexpr std::array<std::string_view, group_count> group_names{"youth",
                                                                       "women",
                                                                       "seniors",
                                                                       "migrants",
                                                                       "disabled",
                                                                       "single_parents",
                                                                       "long_term_unemployed",
                                                                       "mainstream"};
// "Disadvantaged" means every group but mainstream.
constexpr bool is_disadvantaged(Group group) {
  return group != Group::mainstream;
}

enum class Stage : std::uint8_t {
  latent,
  idea,
  micro_project,
  startup,
  sustained,
  dormant,
  closed
};
inline constexpr std::size_t stage_count = 7;
inline constexpr std::array<std::string_view, stage_count> stage_names{
    "latent", "idea", "micro_project", "startup", "sustained", "dormant", "closed"};
// Idle stages: no idea, nothing running (docs/ODD.md section 3, "Idle founders").
constexpr bool is_idle_stage(Stage s) {
  return s == Stage::latent || s == Stage::dormant || s == Stage::closed;
}

// The form a lasting initiative takes (the seed's Figure 2). `undecided` (not a label) until
// the founder's first micro-project draws it; it is fixed from then on.
enum class Form : std::uint8_t { enterprise, platform, civic, ngo, undecided };
inline constexpr std::size_t form_count = 4;
inline constexpr std::array<std::string_view, form_count> form_names{"enterprise", "platform",
                                                                     "civic", "ngo"};

enum class FunderKind : std::uint8_t {
  leader,
  national_grant,
  municipal_grant,
  bank_loan,
  impact_investor,
  seed_fund,
};
inline constexpr std::size_t funder_count = 6;
inline constexpr std::array<std::string_view, funder_count> funder_names{
    "leader", "national_grant", "municipal_grant", "bank_loan", "impact_investor", "seed_fund"};
// Public funders are the ones simplification and open_schemes act on.
constexpr bool is_public(FunderKind kind) {
  return kind == FunderKind::leader || kind == FunderKind::national_grant ||
         kind == FunderKind::municipal_grant || kind == FunderKind::seed_fund;
}

enum class AdvocateKind : std::uint8_t {
  ngo,
  local_leader,
  social_service,
  incubator,
  accelerator_team,
};
inline constexpr std::size_t advocate_kind_count = 5;
inline constexpr std::array<std::string_view, advocate_kind_count> advocate_kind_names{
    "ngo", "local_leader", "social_service", "incubator", "accelerator_team"};

// Partners a founder collaborates with (the seed's Figure 1); `founder` is another founder.
enum class PartnerKind : std::uint8_t {
  incubator,
  coworking,
  university,
  social_service,
  public_body,
  social_enterprise,
  private_sector,
  ngo,
  local_leader,
  founder,
};
inline constexpr std::size_t partner_kind_count = 10;
inline constexpr std::array<std::string_view, partner_kind_count> partner_kind_names{
    "incubator",         "coworking",      "university", "social_service", "public_body",
    "social_enterprise", "private_sector", "ngo",        "local_leader",   "founder"};

enum class Lever : std::uint8_t {
  ally,
  advocacy,
  open_schemes,
  one_roof,
  local_training,
  knowledge_exchange,
  simplification,
  seed_funding,
  stable_funding,
};
inline constexpr std::size_t lever_count = 9;
inline constexpr std::array<std::string_view, lever_count> lever_names{
    "ally",           "advocacy",       "open_schemes",
    "one_roof",       "local_training", "knowledge_exchange",
    "simplification", "seed_funding",   "stable_funding"};

template <class Enum>
constexpr std::size_t index(Enum value) {
  return static_cast<std::size_t>(value);
}

}  // namespace kopa
