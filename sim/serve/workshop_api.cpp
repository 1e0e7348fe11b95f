#include "serve/workshop_api.hpp"

#include "model/lever_unit.hpp"
#include "scenario/parameter_table.hpp"
#include "serve/whatif_answer.hpp"

namespace kopa::serve {
namespace {

using report::Json;

constexpr int superseded = 409;
constexpr int busy = 503;

Json workshop_json(const ParameterSpec& spec) {
  const WorkshopRange& range = spec.workshop;
  return Json::object(
      {{"min", range.min}, {"max", range.max}, {"step", range.step}, {"featured", range.featured}});
}

Json parameter_json(const ParameterSpec& spec) {
  Json item = Json::object({{"path", spec.path},
                            {"type", type_name(spec.type)},
                            {"default", parameter_value_json(spec, spec.default_value)}});
  if (spec.type == ParameterType::choice) {
    Json choices = Json::array();
    for (const std::string& choice : spec.choices) choices.push(choice);
    item.set("choices", std::move(choices));
  } else if (spec.type != ParameterType::boolean) {
    item.set("min", spec.min).set("max", spec.max);
  }
  item.set("unit", spec.unit).set("meaning", spec.meaning).set("source", spec.source);
  item.set("workshop", workshop_json(spec));
  return item;
}

// Where each lever can be targeted: its regions path, and its groups path where it takes groups.
Json targeting_paths_json() {
  Json levers = Json::array();
  for (std::size_t l = 0; l < lever_count; ++l) {
    const auto lever = static_cast<Lever>(l);
    const std::string path = "levers." + std::string(lever_names[l]);
    levers.push(Json::object(
        {{"lever", std::string(lever_names[l])},
         {"regions", path + ".regions"},
         {"groups", lever_unit(lever).takes_groups ? Json(path + ".groups") : Json()}}));
  }
  return levers;
}

}  // namespace

std::string parameters_json() {
  Json list = Json::array();
  for (const ParameterSpec& spec : parameter_table().specs()) list.push(parameter_json(spec));
  Json groups = Json::array();
  for (const auto& group : group_names) groups.push(std::string(group));
  return Json::object({{"parameters", std::move(list)},
                       {"targeting", targeting_paths_json()},
                       {"groups", std::move(groups)}})
      .dump();
}

ApiResponse error_response(int status, std::string_view message) {
  return {status,
          "application/json",
          Json::object({{"error", message}, {"status", status}}).dump(),
          0,
          {}};
}

WorkshopApi::WorkshopApi(ScenarioLibrary library, WorkshopLimits limits, int threads)
    : library_(std::move(library)),
      limits_(limits),
      threads_(threads),
      parameters_json_(parameters_json()),
      scenarios_json_(library_.to_json().dump()),
      cache_(limits.cached_ensembles) {}

Expected<WhatIfEnsembles> WorkshopApi::ensembles(const WhatIfRequest& request, int& status) {
  if (auto cached = cached_ensembles(request, cache_)) return *cached;
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  {
    std::unique_lock lock(mutex_);
    if (running_ && waiting_ >= limits_.max_waiting) {
      status = busy;
      return Error{"busy: " + std::to_string(waiting_) +
                   " what-ifs are waiting for the one running; try again in a moment"};
    }
    if (!request.session.empty()) {
      auto& newest = sessions_[request.session];
      if (newest) newest->store(true);  // the session's older what-if stops, or never starts
      newest = cancel;
      turn_.notify_all();
    }
    ++waiting_;
    turn_.wait(lock, [&] { return !running_ || cancel->load(); });
    --waiting_;
    if (cancel->load()) {
      status = superseded;
      return Error{"superseded by a newer what-if from the same page before it started"};
    }
    running_ = true;
  }
  auto result = run_ensembles(request, cache_, threads_, *cancel);
  {
    const std::lock_guard lock(mutex_);
    running_ = false;
    auto at = sessions_.find(request.session);
    if (at != sessions_.end() && at->second == cancel) sessions_.erase(at);
  }
  turn_.notify_all();
  if (!result) status = cancel->load() ? superseded : 500;
  return result;
}

ApiResponse WorkshopApi::answer(std::string_view body, const Answer& make) {
  auto request = read_whatif_request(body, library_, limits_);
  if (!request) return error_response(400, request.error().message);
  int status = 200;
  auto found = ensembles(*request, status);
  if (!found) {
    ApiResponse response = error_response(status, found.error().message);
    if (status == busy) response.retry_after_seconds = 2;
    return response;
  }
  return make(*request, *found);
}

ApiResponse WorkshopApi::whatif(std::string_view body) {
  return answer(body, [](const WhatIfRequest& request, const WhatIfEnsembles& found) {
    auto text = whatif_answer(request, found);
    if (!text) return error_response(500, text.error().message);
    return ApiResponse{200, "application/json", std::move(*text), 0, {}};
  });
}

ApiResponse WorkshopApi::export_results(std::string_view body) {
  return answer(body, [](const WhatIfRequest& request, const WhatIfEnsembles& found) {
    auto bytes = whatif_results_file(request, found);
    if (!bytes) return error_response(500, bytes.error().message);
    return ApiResponse{200, "application/x-hdf5", std::move(*bytes), 0,
                       "kopa-whatif-" + request.base.name + ".h5"};
  });
}

}  // namespace kopa::serve
