// kopa serve over HTTP: the page, the API's answers and errors as JSON (404, 413, 400), and 50
// concurrent what-ifs: every one answered (200, 409 superseded or 503 with Retry-After), none
// lost, and the server alive and answering afterwards.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <future>
#include <map>
#include <thread>

#include "serve/json_reader.hpp"
#include "serve/server.hpp"

namespace kopa {
namespace {

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

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(120, 0);
    return c;
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
  auto c = client();
  auto page = c.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("connect-src 'self'"),
            std::string::npos);
  EXPECT_NE(page->body.find("id=\"kopa-messages\""), std::string::npos);
  EXPECT_EQ(page->body.find("</script>\n</script>"), std::string::npos);
  auto parameters = c.Get("/api/parameters");
  ASSERT_TRUE(parameters);
  EXPECT_EQ(parameters->status, 200);
  EXPECT_EQ(parameters->get_header_value("Content-Type"), "application/json");

  auto missing = c.Get("/api/nothing");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(error_of(missing->body).find("no such page or API: GET /api/nothing"),
            std::string::npos);

  auto bad = c.Post("/api/whatif", R"({"set": {"levers.ally.atmosphere": 2}})", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(error_of(bad->body).find("levers.ally.atmosphere"), std::string::npos);

  const std::string huge(api_->limits().max_body_bytes + 1, ' ');
  auto oversized = c.Post("/api/whatif", huge, "application/json");
  ASSERT_TRUE(oversized);
  EXPECT_EQ(oversized->status, 413);
  EXPECT_NE(error_of(oversized->body).find("request body over"), std::string::npos);
}

TEST_F(ServeHttp, FiftyConcurrentWhatIfsAreEachAnsweredAndTheServerStaysUp) {
  constexpr int requests = 50;
  std::vector<std::future<std::pair<int, std::string>>> answers;
  for (int i = 0; i < requests; ++i) {
    answers.push_back(std::async(std::launch::async, [this, i] {
      auto c = client();
      // Distinct what-ifs (nothing cached), from five page tabs (sessions).
      const std::string body = R"({"replicates": 2, "session": "tab-)" + std::to_string(i % 5) +
                               R"(", "set": {"simulation.founders": 200, "simulation.months": 12,
                               "levers.ally.enabled": true, "levers.ally.atmosphere": )" +
                               std::to_string(0.01 * (i + 1)) + "}}";
      auto response = c.Post("/api/whatif", body, "application/json");
      if (!response) return std::pair<int, std::string>{-1, "no response"};
      std::string retry = response->get_header_value("Retry-After");
      return std::pair<int, std::string>{
          response->status, response->status == 503 ? retry : error_of(response->body)};
    }));
  }
  std::map<int, int> by_status;
  for (auto& answer : answers) {
    const auto [status, detail] = answer.get();
    ++by_status[status];
    EXPECT_TRUE(status == 200 || status == 409 || status == 503) << status << ": " << detail;
    if (status == 503) EXPECT_EQ(detail, "2");  // Retry-After
  }
  EXPECT_GE(by_status[200], 1);
  EXPECT_GE(by_status[503], 1) << "more than max_waiting what-ifs at once are turned away";
  auto c = client();
  auto after =
      c.Post("/api/whatif",
             R"({"replicates": 2, "set": {"simulation.founders": 200, "simulation.months": 12}})",
             "application/json");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200) << after->body;
}

}  // namespace
}  // namespace kopa
