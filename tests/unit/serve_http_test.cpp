// kopa serve over HTTP: the page, the API's answers and errors as JSON (404, 413, 400), and 50
// concurrent what-ifs: every one answered (200, 409 superseded or 503 with Retry-After), none
// lost, and the server alive and answering afterwards.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <future>
#include <map>
#include <thread>

#include "serve/json_reader.hpp"
#include "serve/server.hpp"

namespace kopa {
namespace {

// One HTTP/1.1 exchange over a plain socket ("Connection: close"): the status, the headers and
// the body as sent. A client of its own, so the test sees exactly what the server writes.
struct HttpAnswer {
  int status = -1;  // -1: no answer (the detail says why)
  std::string headers;
  std::string body;
  std::string header(std::string_view name) const {
    const std::string key = "\r\n" + std::string(name) + ": ";
    const auto at = headers.find(key);
    if (at == std::string::npos) return "";
    const auto from = at + key.size();
    return headers.substr(from, headers.find("\r\n", from) - from);
  }
};

HttpAnswer http(int port, const std::string& method, const std::string& path,
                const std::string& body = "") {
  HttpAnswer answer;
  const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(sock);
    answer.body = "cannot connect";
    return answer;
  }
  const std::string request = method + " " + path +
                              " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                              "Content-Type: application/json\r\nContent-Length: " +
                              std::to_string(body.size()) + "\r\n\r\n" + body;
  for (std::size_t sent = 0; sent < request.size();) {
    const auto n = ::send(sock, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string reply;
  char buffer[65536];
  for (ssize_t n; (n = ::recv(sock, buffer, sizeof buffer, 0)) > 0;) {
    reply.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(sock);
  const auto end = reply.find("\r\n\r\n");
  if (!reply.starts_with("HTTP/1.1 ") || end == std::string::npos) {
    answer.body = "no answer: '" + reply.substr(0, 100) + "'";
    return answer;
  }
  answer.status = std::stoi(reply.substr(9, 3));
  answer.headers = reply.substr(0, end + 2);
  answer.body = reply.substr(end + 4);
  return answer;
}

class ServeHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    auto library =
        serve::ScenarioLibrary::load(std::filesystem::path(KOPA_SOURCE_DIR) / "scenarios");
    ASSERT_TRUE(library);
    api_ = std::make_unique<serve::WorkshopApi>(std::move(*library), serve::WorkshopLimits{}, 1);
    std::promise<std::string> url;
    auto listening = url.get_future();
    server_ = std::thread([this, &url] {
      Status served = serve::serve_workshop(*api_, {"127.0.0.1", 0}, stop_,
                                            [&](const std::string& at) { url.set_value(at); });
      EXPECT_TRUE(served);
    });
    const std::string at = listening.get();  // "http://127.0.0.1:PORT/"
    port_ = std::stoi(at.substr(at.rfind(':') + 1));
  }
  void TearDown() override {
    stop_ = true;
    server_.join();
  }

  std::unique_ptr<serve::WorkshopApi> api_;
  std::atomic<bool> stop_{false};
  std::thread server_;
  int port_ = 0;
};

std::string error_of(const std::string& body) {
  auto json = serve::read_json(body);
  if (!json || !json->find("error")) return "(not a JSON error: " + body.substr(0, 200) + ")";
  return json->find("error")->text();
}

TEST_F(ServeHttp, ThePageAndTheApiAnswerAndErrorsAreJson) {
  const HttpAnswer page = http(port_, "GET", "/");
  EXPECT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.header("Content-Security-Policy").find("connect-src 'self'"), std::string::npos);
  EXPECT_NE(page.body.find("id=\"kopa-messages\""), std::string::npos);
  const HttpAnswer parameters = http(port_, "GET", "/api/parameters");
  EXPECT_EQ(parameters.status, 200);
  EXPECT_EQ(parameters.header("Content-Type"), "application/json");

  const HttpAnswer missing = http(port_, "GET", "/api/nothing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(error_of(missing.body).find("no such page or API: GET /api/nothing"),
            std::string::npos);

  const HttpAnswer bad =
      http(port_, "POST", "/api/whatif", R"({"set": {"levers.ally.atmosphere": 2}})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(error_of(bad.body).find("levers.ally.atmosphere"), std::string::npos);

  const std::string huge(api_->limits().max_body_bytes + 1, ' ');
  const HttpAnswer oversized = http(port_, "POST", "/api/whatif", huge);
  EXPECT_EQ(oversized.status, 413);
  EXPECT_NE(error_of(oversized.body).find("request body over"), std::string::npos);
}

TEST_F(ServeHttp, FiftyConcurrentWhatIfsAreEachAnsweredAndTheServerStaysUp) {
  constexpr int requests = 50;
  std::vector<std::future<std::pair<int, std::string>>> answers;
  for (int i = 0; i < requests; ++i) {
    answers.push_back(std::async(std::launch::async, [this, i] {
      // Distinct what-ifs (nothing cached), from five page tabs (sessions).
      const std::string body = R"({"replicates": 2, "session": "tab-)" + std::to_string(i % 5) +
                               R"(", "set": {"simulation.founders": 200, "simulation.months": 12,
                               "levers.ally.enabled": true, "levers.ally.atmosphere": )" +
                               std::to_string(0.01 * (i + 1)) + "}}";
      const HttpAnswer response = http(port_, "POST", "/api/whatif", body);
      const std::string detail = response.status == 503 ? response.header("Retry-After")
                                 : response.status < 0  ? response.body
                                                        : error_of(response.body);
      return std::pair<int, std::string>{response.status, detail};
    }));
  }
  std::map<int, int> by_status;
  for (auto& answer : answers) {
    const auto [status, detail] = answer.get();
    ++by_status[status];
    EXPECT_TRUE(status == 200 || status == 409 || status == 503) << status << ": " << detail;
    if (status == 503) {
      EXPECT_EQ(detail, "2");  // Retry-After
    }
  }
  EXPECT_GE(by_status[200], 1);
  EXPECT_GE(by_status[503], 1) << "more than max_waiting what-ifs at once are turned away";
  const HttpAnswer after =
      http(port_, "POST", "/api/whatif",
           R"({"replicates": 2, "set": {"simulation.founders": 200, "simulation.months": 12}})");
  EXPECT_EQ(after.status, 200) << after.body;
}

}  // namespace
}  // namespace kopa
