#include "model/lever_unit.hpp"

namespace kopa {

const LeverUnit& lever_unit(Lever lever) {
  // In Lever order; a new lever adds its line here and its file under model/levers/.
  static const std::array<LeverUnit, lever_count> units{
      ally_lever(),           advocacy_lever(),       open_schemes_lever(),
      one_roof_lever(),       local_training_lever(), knowledge_exchange_lever(),
      simplification_lever(), seed_funding_lever(),   stable_funding_lever()};
  return units[index(lever)];
}

}  // namespace kopa
