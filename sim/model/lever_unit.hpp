#pragma once
#include <array>

#include "model/kinds.hpp"
#include "model/lever_target.hpp"

// Levers as units (docs/ODD.md 7.11): each lever is one file under model/levers/ holding its
// effect and its cost. At the start of every month the calendar phase resets the month's
// effective parameters (MonthContext) to their values without levers and lets each lever that its
// calendar switches on fold its effect into the regions and groups of its target, once; the
// other phases read only effective values. A lever's costs follow its target.
namespace kopa {

class Model;
struct RunState;

struct LeverUnit {
  // Whether `groups = [...]` means something for the lever (else validation rejects it).
  bool takes_groups = false;
  // Whom the lever is for when no groups are stated: every group, or the disadvantaged ones.
  bool disadvantaged_by_default = false;
  // Folds the lever's effect into state.context for its target; called only while it is active.
  void (*fold)(const Model& model, const LeverTarget& target, RunState& state) = nullptr;
  // Books its fixed monthly cost (after every lever has folded); null when it has none.
  void (*book)(const Model& model, const LeverTarget& target, RunState& state) = nullptr;
};

// One definition per lever, in model/levers/<lever>.cpp.
LeverUnit ally_lever();
LeverUnit advocacy_lever();
LeverUnit open_schemes_lever();
LeverUnit one_roof_lever();
LeverUnit local_training_lever();
LeverUnit knowledge_exchange_lever();
LeverUnit simplification_lever();
LeverUnit seed_funding_lever();
LeverUnit stable_funding_lever();

// The unit of `lever`.
const LeverUnit& lever_unit(Lever lever);

}  // namespace kopa
