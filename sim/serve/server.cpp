#include "serve/server.hpp"

#include <httplib.h>

#include <chrono>
#include <thread>

#include "serve/workshop_page.hpp"

namespace kopa::serve {
namespace {

void reply(httplib::Response& response, const ApiResponse& answer) {
  response.status = answer.status;
  if (answer.retry_after_seconds > 0) {
    response.set_header("Retry-After", std::to_string(answer.retry_after_seconds));
  }
  if (!answer.file_name.empty()) {
    response.set_header("Content-Disposition", "attachment; filename=\"" + answer.file_name + "\"");
  }
  response.set_header("Cache-Control", "no-store");
  response.set_content(answer.body, answer.content_type.c_str());
}

void route(httplib::Server& server, WorkshopApi& api) {
  // Plain bytes: this build of cpp-httplib compresses with brotli at its highest quality, which
  // took seconds for the 1.5 MB page and much of a what-if's answer time on two cores, while a
  // room's network carries the plain bytes in a fraction of that. The request is the server's
  // own (not const); dropping its Accept-Encoding turns compression off.
  server.set_pre_routing_handler([](const httplib::Request& request, httplib::Response&) {
    const_cast<httplib::Request&>(request).headers.erase("Accept-Encoding");
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.Get("/", [](const httplib::Request&, httplib::Response& response) {
    response.set_header("Content-Security-Policy", std::string(workshop_page_policy()));
    response.set_content(workshop_page(), "text/html; charset=utf-8");
  });
  server.Get("/api/parameters", [&api](const httplib::Request&, httplib::Response& response) {
    reply(response, api.parameters());
  });
  server.Get("/api/scenarios", [&api](const httplib::Request&, httplib::Response& response) {
    reply(response, api.scenarios());
  });
  server.Post("/api/whatif", [&api](const httplib::Request& request, httplib::Response& response) {
    reply(response, api.whatif(request.body));
  });
  server.Post("/api/export", [&api](const httplib::Request& request, httplib::Response& response) {
    reply(response, api.export_results(request.body));
  });
  // Every other error (404, 405, 413 for a body over the limit) as JSON too, unless a handler
  // already wrote one.
  server.set_error_handler([&api](const httplib::Request& request, httplib::Response& response) {
    if (!response.body.empty()) return;
    std::string message = "no such page or API: " + request.method + " " + request.path +
                          "; see GET /api/parameters, /api/scenarios, POST /api/whatif";
    if (response.status == 413) {
      message = "request body over " + std::to_string(api.limits().max_body_bytes) +
                " bytes; a what-if is a few hundred";
    }
    reply(response, error_response(response.status, message));
  });
}

}  // namespace

Status serve_workshop(WorkshopApi& api, const ServerOptions& options, const std::atomic<bool>& stop,
                      const std::function<void(const std::string& url)>& listening) {
  httplib::Server server;
  server.set_payload_max_length(api.limits().max_body_bytes);
  server.set_read_timeout(10, 0);
  route(server, api);
  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host);
  } else if (!server.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port < 0) {
    return Error{"cannot listen on " + options.host + ":" + std::to_string(options.port) +
                     " (the port is in use, or the host is not an address of this machine); "
                     "try another --port",
                 true};
  }
  std::thread listener([&server] { server.listen_after_bind(); });
  const std::string shown_host = options.host == "0.0.0.0" ? "localhost" : options.host;
  listening("http://" + shown_host + ":" + std::to_string(port) + "/");
  while (!stop.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  server.stop();
  listener.join();
  return ok();
}

}  // namespace kopa::serve
