// The event log: activity feed paging, GET /events answers, and long-polls
// that hold no thread (released within 100 ms of a commit, or at `wait`).
#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "workspaces_fixture.hpp"

namespace ws::test {
namespace {

using namespace std::chrono_literals;
using wsfx::Env;
using wsfx::Id;
using Clock = std::chrono::steady_clock;

void ExpectError(const HttpResponse& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.ErrorCode(), code) << r.body;
}

int64_t Millis(Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

TEST(WorkspaceEvents, ActivityIsNewestFirstAndCursorPaged) {
  Env env;
  const Account& ada = env.admin;
  const std::string id = Id(env.CreateWorkspace(ada, "Feed"));
  for (int i = 0; i < 5; ++i) {
    const std::string body = "{\"name\":\"Team " + std::to_string(i) + "\"}";
    ASSERT_EQ(env.Call(&ada, "POST", "/api/v1/workspaces/" + id + "/teams", body).status, 201);
  }
  // workspace.created, member.joined, 5 × team.created = 7 events.
  std::vector<int64_t> seqs;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    std::string target = "/api/v1/workspaces/" + id + "/activity?limit=3";
    if (!cursor.empty()) target += "&cursor=" + cursor;
    auto r = env.Call(&ada, "GET", target);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto items = r.Json().at("items").as_array();
    for (const auto& item : items) {
      seqs.push_back(item.at("seq").as_int64());
      EXPECT_EQ(item.at("workspace_id").as_string(), id);
      EXPECT_EQ(item.at("actor").at("id").as_string(), ada.id);
      EXPECT_EQ(item.at("actor").at("name").as_string(), wsfx::Name(ada));
      EXPECT_TRUE(item.at("data").is_object());
    }
    if (r.Json().at("next_cursor").is_null()) break;
    cursor = std::string(r.Json().at("next_cursor").as_string());
  }
  EXPECT_EQ(seqs, (std::vector<int64_t>{7, 6, 5, 4, 3, 2, 1}));
  auto first = env.Call(&ada, "GET", "/api/v1/workspaces/" + id + "/activity?limit=1").Json();
  EXPECT_EQ(first.at("items").as_array()[0].at("type").as_string(), "team.created");
  EXPECT_EQ(first.at("items").as_array()[0].at("data").at("name").as_string(), "Team 4");
  ExpectError(env.Call(&ada, "GET", "/api/v1/workspaces/" + id + "/activity?cursor=bm9wZQ"), 400,
              "bad_request");
  ExpectError(env.Call(&ada, "GET", "/api/v1/workspaces/" + id + "/activity?limit=0"), 400,
              "bad_request");
}

TEST(WorkspaceEvents, ReadsAfterASeqAndRejectsBadParameters) {
  Env env;
  const Account& ada = env.admin;
  const std::string events = "/api/v1/workspaces/" + Id(env.CreateWorkspace(ada, "Ev")) + "/events";
  auto all = env.Call(&ada, "GET", events + "?after=0");
  ASSERT_EQ(all.status, 200) << all.body;
  const auto list = all.Json().at("events").as_array();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].at("type").as_string(), "workspace.created");
  EXPECT_EQ(list[1].at("type").as_string(), "member.joined");
  EXPECT_EQ(list[1].at("entity_type").as_string(), "member");
  EXPECT_EQ(all.Json().at("last_seq").as_int64(), 2);
  auto now = env.Call(&ada, "GET", events);
  EXPECT_EQ(now.Json().at("events").as_array().size(), 0u);
  EXPECT_EQ(now.Json().at("last_seq").as_int64(), 2);
  for (const char* bad :
       {"?after=-1", "?after=abc", "?after=3", "?after=1&wait=31", "?after=1&wait=-1", "?wait=x",
        "?after=", "?after=99999999999999999999"}) {
    ExpectError(env.Call(&ada, "GET", events + bad), 400, "bad_request");
  }
}

TEST(WorkspaceEvents, LongPollReturnsSoonAfterACommitOrAtWait) {
  Env env;
  const Account& ada = env.admin;
  const std::string id = Id(env.CreateWorkspace(ada, "Poll"));
  const std::string events = "/api/v1/workspaces/" + id + "/events";
  const int64_t last = env.LastSeq(id, ada);

  // Nothing happens: the answer comes at `wait` seconds, empty.
  const auto started = Clock::now();
  auto idle = env.Call(&ada, "GET", events + "?after=" + std::to_string(last) + "&wait=1");
  const int64_t idle_ms = Millis(Clock::now() - started);
  ASSERT_EQ(idle.status, 200) << idle.body;
  EXPECT_EQ(idle.Json().at("events").as_array().size(), 0u);
  EXPECT_EQ(idle.Json().at("last_seq").as_int64(), last);
  EXPECT_GE(idle_ms, 950);
  EXPECT_LT(idle_ms, 1600);

  // A commit releases the held request within 100 ms.
  auto held = std::async(std::launch::async, [&] {
    auto r = env.Call(&ada, "GET", events + "?after=" + std::to_string(last) + "&wait=10");
    return std::make_pair(r, Clock::now());
  });
  EXPECT_EQ(held.wait_for(400ms), std::future_status::timeout);
  auto commit = env.Call(&ada, "POST", "/api/v1/workspaces/" + id + "/teams", R"({"name":"Now"})");
  const auto committed = Clock::now();
  ASSERT_EQ(commit.status, 201);
  auto [answer, answered] = held.get();
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_LT(Millis(answered - committed), 100);
  ASSERT_EQ(answer.Json().at("events").as_array().size(), 1u);
  EXPECT_EQ(answer.Json().at("events").as_array()[0].at("type").as_string(), "team.created");
  EXPECT_EQ(answer.Json().at("last_seq").as_int64(), last + 1);

  // A removed member's held request ends with their removal; then 404.
  Account mia = env.NewMember(id, ada, "member", "Mia");
  const int64_t before = env.LastSeq(id, ada);
  auto removed = std::async(std::launch::async, [&] {
    return env.Call(&mia, "GET", events + "?after=" + std::to_string(before) + "&wait=10");
  });
  EXPECT_EQ(removed.wait_for(300ms), std::future_status::timeout);
  ASSERT_EQ(env.Call(&ada, "DELETE", "/api/v1/workspaces/" + id + "/members/" + mia.id).status,
            204);
  auto last_answer = removed.get();
  ASSERT_EQ(last_answer.status, 200) << last_answer.body;
  EXPECT_EQ(last_answer.Json().at("events").as_array()[0].at("type").as_string(), "member.removed");
  ExpectError(env.Call(&mia, "GET", events + "?wait=1"), 404, "not_found");
}

TEST(WorkspaceEvents, FiveHundredLongPollsHoldNoThread) {
  // Four worker threads: 500 held requests could not all wait if each held one.
  Env env([](Config& c) { c.worker_threads = 4; });
  const Account& ada = env.admin;
  const std::string id = Id(env.CreateWorkspace(ada, "Many"));
  const int64_t last = env.LastSeq(id, ada);
  const std::string request = "GET /api/v1/workspaces/" + id +
                              "/events?after=" + std::to_string(last) +
                              "&wait=25 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                              ada.access_token + "\r\n\r\n";
  constexpr int kPolls = 500;
  std::vector<std::unique_ptr<HttpConnection>> polls;
  for (int i = 0; i < kPolls; ++i) {
    polls.push_back(std::make_unique<HttpConnection>(env.server.port()));
    ASSERT_TRUE(polls.back()->connected());
    polls.back()->SendRaw(request);
  }
  // Let every request reach its wait (slow under ASan with other suites
  // running in parallel): all connections open, then a moment more.
  const auto accept_deadline = Clock::now() + 10s;
  while (env.server.app().server().open_connections() < size_t{kPolls} &&
         Clock::now() < accept_deadline) {
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_GE(env.server.app().server().open_connections(), size_t{kPolls});
  std::this_thread::sleep_for(500ms);

  // The worker pool is free: ordinary requests are answered at once.
  const auto started = Clock::now();
  EXPECT_EQ(env.Call(&ada, "GET", "/api/v1/workspaces/" + id).status, 200);
  auto commit = env.Call(&ada, "POST", "/api/v1/workspaces/" + id + "/teams", R"({"name":"Go"})");
  ASSERT_EQ(commit.status, 201) << commit.body;
  EXPECT_LT(Millis(Clock::now() - started), 2000);

  int released = 0;
  for (auto& poll : polls) {
    HttpResponse r = poll->Read(false, 5000);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) continue;
    const auto list = r.Json().at("events").as_array();
    if (list.size() == 1 && list[0].at("type").as_string() == "team.created") ++released;
  }
  EXPECT_EQ(released, kPolls);
  EXPECT_LT(Millis(Clock::now() - started), 5000);
}

}  // namespace
}  // namespace ws::test
