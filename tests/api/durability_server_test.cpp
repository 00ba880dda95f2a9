// Durability of the real server process: `workstead serve` is SIGKILLed in
// the middle of a burst of writes (personal API token creations, each a
// durable write unit through group commit) and, after a restart on the same
// data, every write it had acknowledged with 201 is there.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "support/process.hpp"
#include "support/smtp_sink.hpp"
#include "support/test_server.hpp"

namespace ws::test {
namespace {

using namespace std::chrono_literals;

/// `workstead serve` as a child process on a free port; ready on return.
class ServerProcess {
 public:
  ServerProcess(const std::string& data_dir, const std::string& database_url)
      : port_(FreeLoopbackPort()),
        child_({WS_BINARY, "serve", "--listen", "127.0.0.1:" + std::to_string(port_), "--data-dir",
                data_dir, "--database-url", database_url, "--log-level", "warn"},
               {"WORKSTEAD_RATE_LIMIT_PER_IP=0"}) {
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < deadline) {
      HttpConnection c(port_);
      if (c.connected() && c.Request("GET", "/readyz").status == 200) return;
      std::this_thread::sleep_for(20ms);
    }
    ADD_FAILURE() << "workstead did not become ready: " << child_.Stderr();
  }

  uint16_t port() const { return port_; }
  Child& child() { return child_; }

 private:
  uint16_t port_;
  Child child_;
};

TEST(Durability, TheServerKeepsEveryAcknowledgedWriteAcrossSigkill) {
  TempDir dir;
  TestDatabase test_db(dir.path());
  std::string bearer;
  std::set<std::string> acknowledged;
  {
    ServerProcess server(dir.path(), test_db.url());
    auto registered = Fetch(server.port(), "POST", "/api/v1/auth/register",
                            R"({"email":"dura@example.com","password":"lantern-orchid-71-quartz",)"
                            R"("name":"Dura"})");
    ASSERT_EQ(registered.status, 201) << registered.body;
    bearer = "Bearer " + std::string(registered.Json().at("access_token").as_string());

    std::mutex mutex;
    std::atomic<bool> stop{false};
    std::atomic<int> counter{0};
    std::vector<std::thread> writers;
    for (int t = 0; t < 8; ++t) {
      writers.emplace_back([&] {
        HttpConnection c(server.port());
        while (!stop && c.connected()) {
          const std::string body = R"({"name":"burst-)" + std::to_string(counter++) + R"("})";
          HttpResponse r =
              c.Request("POST", "/api/v1/me/tokens", body, {{"Authorization", bearer}});
          if (r.status != 201) break;  // the server is gone (status 0) or refused
          std::lock_guard lock(mutex);
          acknowledged.insert(std::string(r.Json().at("id").as_string()));
        }
      });
    }
    std::this_thread::sleep_for(1500ms);
    server.child().Kill(SIGKILL);  // writes are in flight right now
    EXPECT_EQ(server.child().Wait(), 128 + SIGKILL);
    stop = true;
    for (auto& w : writers) w.join();
  }
  ASSERT_GT(acknowledged.size(), 20u) << "too few acknowledged writes to test anything";

  ServerProcess restarted(dir.path(), test_db.url());
  auto listed =
      Fetch(restarted.port(), "GET", "/api/v1/me/tokens", {}, {{"Authorization", bearer}});
  ASSERT_EQ(listed.status, 200) << listed.body;
  std::set<std::string> stored;
  const boost::json::value doc = listed.Json();
  for (const auto& item : doc.at("items").as_array()) {
    stored.insert(std::string(item.at("id").as_string()));
  }
  size_t missing = 0;
  for (const auto& id : acknowledged) missing += stored.count(id) == 0 ? 1 : 0;
  EXPECT_EQ(missing, 0u) << "of " << acknowledged.size() << " acknowledged writes";
}

}  // namespace
}  // namespace ws::test
