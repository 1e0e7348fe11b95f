#pragma once
// kopa serve's HTTP server (cpp-httplib): GET / is the workshop page, /api/... the JSON API
// (workshop_api.hpp). Requests are served on a pool of threads, so a running what-if never
// holds up the page, the parameter list or a cached answer.
#include <atomic>
#include <functional>
#include <string>

#include "serve/workshop_api.hpp"
#include "util/expected.hpp"

namespace kopa::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback: only this machine; 0.0.0.0 shares on a LAN
  int port = 8080;                 // 0: any free port (the tests)
};

// Listens, calls `listening(url)` once the port is bound, and serves until `stop` is set
// (checked ten times a second). An error when the address cannot be bound (bad_input: the
// port is in use or the host is not this machine's).
Status serve_workshop(WorkshopApi& api, const ServerOptions& options, const std::atomic<bool>& stop,
                      const std::function<void(const std::string& url)>& listening);

}  // namespace kopa::serve
