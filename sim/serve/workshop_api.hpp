#pragma once
// The workshop's JSON API, apart from HTTP: a request's body in, a status, a content type and a
// body out. The server (server.hpp) only routes to it, so every answer is testable in-process.
//   GET  /api/parameters  the parameter table: path, type, default, validation range, unit,
//                         meaning, source, workshop slider (min, max, step, featured)
//   GET  /api/scenarios   the scenarios of --scenarios, with the values that differ from defaults
//   POST /api/whatif      {"base", "set", "replicates", "session"} -> base vs what-if
//   (whatif_answer.hpp) POST /api/export      the same body -> the two ensembles as a kopa results
//   file
// Errors: {"error": message, "status": code}: 400 for a bad request (the messages of kopa
// validate), 409 when a newer what-if of the same session superseded it, 503 with Retry-After
// when too many what-ifs wait. A what-if whose ensembles are cached answers at once.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "serve/ensemble_cache.hpp"
#include "serve/scenario_library.hpp"
#include "serve/whatif_request.hpp"
#include "serve/whatif_run.hpp"
#include "serve/workshop_limits.hpp"

namespace kopa::serve {

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  int retry_after_seconds = 0;  // 503 only
  std::string file_name;        // an attachment's name (export)
};

class WorkshopApi {
 public:
  WorkshopApi(ScenarioLibrary library, WorkshopLimits limits, int threads);

  ApiResponse parameters() const { return {200, "application/json", parameters_json_, 0, {}}; }
  ApiResponse scenarios() const { return {200, "application/json", scenarios_json_, 0, {}}; }
  ApiResponse whatif(std::string_view body);
  ApiResponse export_results(std::string_view body);

  const WorkshopLimits& limits() const { return limits_; }
  const ScenarioLibrary& library() const { return library_; }

 private:
  // The request's two ensembles: from the cache, or run once it is this request's turn (one
  // what-if runs at a time, on every thread; at most limits.max_waiting wait for it).
  Expected<WhatIfEnsembles> ensembles(const WhatIfRequest& request, int& status);
  // Reads the body, gets its ensembles and makes the answer from them; errors as JSON.
  using Answer = std::function<ApiResponse(const WhatIfRequest&, const WhatIfEnsembles&)>;
  ApiResponse answer(std::string_view body, const Answer& make);

  ScenarioLibrary library_;
  WorkshopLimits limits_;
  int threads_;
  std::string parameters_json_;
  std::string scenarios_json_;
  EnsembleCache cache_;

  std::mutex mutex_;
  std::condition_variable turn_;
  bool running_ = false;
  std::size_t waiting_ = 0;
  // The newest what-if's cancel flag per session; an older one finds its flag set and stops.
  std::map<std::string, std::shared_ptr<std::atomic<bool>>> sessions_;
};

// {"error": message, "status": status}.
ApiResponse error_response(int status, std::string_view message);

// GET /api/parameters' body.
std::string parameters_json();

}  // namespace kopa::serve
