// The WebSocket delivery guarantee (API.md "Events and WebSocket", DESIGN
// §6): every event after `after` exactly once and in order, across forced
// reconnects while writers commit; resume; reset; authorization; access
// loss; slow consumers.
#include <atomic>
#include <chrono>
#include <thread>

#include "realtime_fixture.hpp"

namespace ws::test {
namespace {

using namespace rtfx;
using wsfx::Env;
using wsfx::Id;

/// Appends `n` events, one commit each.
void AppendMany(TestServer& server, const std::string& workspace_id, int n, size_t pad = 0) {
  for (int i = 0; i < n; ++i) Append(server, workspace_id, pad);
}

TEST(RealtimeDelivery, ExactlyOnceInOrderAcrossReconnectsWhileWritersCommit) {
  Env env;
  const Account& ada = env.admin;
  const std::string ws = Id(env.CreateWorkspace(ada, "Live"));
  const int64_t base = env.LastSeq(ws, ada);
  constexpr int kWriters = 4;
  constexpr int kPerWriter = 250;
  constexpr int64_t kTotal = kWriters * kPerWriter;

  auto steady = Connect(env.server, ada);  // stays connected throughout
  auto steady_sub = steady->Subscribe(Topic(ws), base);
  ASSERT_EQ(Type(steady_sub.back()), "subscribed");
  auto client = Connect(env.server, ada);
  auto sub = client->Subscribe(Topic(ws), base);
  ASSERT_EQ(Type(sub.back()), "subscribed");
  EXPECT_EQ(sub.back().at("seq").as_int64(), base);

  // Concurrent writers: on PostgreSQL their after-commit publications race,
  // so the hub sees events out of order and must put them back in order.
  // The last events wait until the client has reconnected twice, so both
  // reconnects happen while events are still being committed (fan-out does
  // not slow the writers, which could otherwise finish first).
  constexpr int kBeforeSecondReconnect = 650;
  const auto deadline = Clock::now() + std::chrono::seconds(120);
  std::atomic<int> appended{0};
  std::atomic<int> reconnected{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&] {
      for (int i = 0; i < kPerWriter; ++i) {
        if (appended.fetch_add(1) >= kBeforeSecondReconnect) {
          while (reconnected.load() < 2 && Clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
          }
        }
        Append(env.server, ws);
      }
    });
  }
  struct JoinWriters {  // also when an assertion ends the test early
    std::vector<std::thread>& threads;
    std::atomic<int>& release;
    ~JoinWriters() {
      release.store(2);
      for (auto& t : threads) {
        if (t.joinable()) t.join();
      }
    }
  } join_writers{writers, reconnected};
  std::vector<int64_t> got;
  int64_t last = base;
  int reconnects = 0;
  while (static_cast<int64_t>(got.size()) < kTotal && Clock::now() < deadline) {
    if ((got.size() >= 200 && reconnects == 0) || (got.size() >= 600 && reconnects == 1)) {
      client->Drop();  // forced: no close frame
      ++reconnects;
      client = Connect(env.server, ada);
      for (const auto& m : client->Subscribe(Topic(ws), last)) {
        ASSERT_NE(Type(m), "reset");
        ASSERT_NE(Type(m), "error") << boost::json::serialize(m);
        if (Type(m) == "event") got.push_back(last = Seq(m));
      }
      reconnected.store(reconnects);
      continue;
    }
    auto m = client->Next(10000);
    ASSERT_TRUE(m.has_value()) << "stalled after " << got.size() << " events";
    if (Type(*m) == "event") got.push_back(last = Seq(*m));
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(reconnects, 2);
  EXPECT_EQ(got, Range(base, kTotal));

  std::vector<int64_t> steady_got;
  while (static_cast<int64_t>(steady_got.size()) < kTotal) {
    auto m = steady->Next(10000);
    ASSERT_TRUE(m.has_value()) << "steady client stalled after " << steady_got.size();
    if (Type(*m) == "event") steady_got.push_back(Seq(*m));
  }
  EXPECT_EQ(steady_got, Range(base, kTotal));
  // Nothing more: no duplicate arrives late.
  auto extra = steady->NextOfType("event", 300);
  EXPECT_FALSE(extra.has_value());
}

TEST(RealtimeDelivery, ResumesAfterNThenStreamsLiveAndNullMeansNow) {
  Env env;
  const Account& ada = env.admin;
  const std::string ws = Id(env.CreateWorkspace(ada, "Resume"));
  const int64_t base = env.LastSeq(ws, ada);
  AppendMany(env.server, ws, 20);
  auto client = Connect(env.server, ada);
  auto replay = client->Subscribe(Topic(ws), base + 5);
  EXPECT_EQ(Seqs(replay), Range(base + 5, 15));
  ASSERT_EQ(Type(replay.back()), "subscribed");
  EXPECT_EQ(replay.back().at("seq").as_int64(), base + 20);
  EXPECT_EQ(replay.back().at("topic").as_string(), Topic(ws));
  const auto& first = replay.front();
  EXPECT_EQ(first.at("topic").as_string(), Topic(ws));
  EXPECT_EQ(first.at("event").at("workspace_id").as_string(), ws);
  EXPECT_EQ(first.at("event").at("type").as_string(), "test.appended");
  EXPECT_TRUE(first.at("event").at("data").is_object());

  const int64_t live = Append(env.server, ws);
  auto m = client->NextOfType("event");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(Seq(*m), live);

  // after = null: nothing replayed, live from now.
  auto now = Connect(env.server, ada);
  auto answer = now->Subscribe(Topic(ws), std::nullopt);
  EXPECT_TRUE(Seqs(answer).empty());
  EXPECT_EQ(answer.back().at("seq").as_int64(), live);
  const int64_t next = Append(env.server, ws);
  auto n = now->NextOfType("event");
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(Seq(*n), next);
}

TEST(RealtimeDelivery, TooOldAGapAnswersResetThenStreamsLive) {
  Env env([](Config& c) { c.realtime_max_replay = 10; });
  const Account& ada = env.admin;
  const std::string ws = Id(env.CreateWorkspace(ada, "Reset"));
  const int64_t base = env.LastSeq(ws, ada);
  AppendMany(env.server, ws, 30);
  auto client = Connect(env.server, ada);
  auto answer = client->Subscribe(Topic(ws), base);
  ASSERT_GE(answer.size(), 2u);
  EXPECT_EQ(Type(answer.front()), "reset");
  EXPECT_EQ(answer.front().at("topic").as_string(), Topic(ws));
  EXPECT_TRUE(Seqs(answer).empty());
  EXPECT_EQ(answer.back().at("seq").as_int64(), base + 30);
  const int64_t live = Append(env.server, ws);
  auto m = client->NextOfType("event");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(Seq(*m), live);

  // Within the limit: a replay, no reset.
  auto near = Connect(env.server, ada);
  auto replay = near->Subscribe(Topic(ws), live - 10);
  EXPECT_EQ(Seqs(replay), Range(live - 10, 10));
  // A seq the log never had (a restored database): reset too.
  auto future = Connect(env.server, ada);
  EXPECT_EQ(Type(future->Subscribe(Topic(ws), live + 1000).front()), "reset");
}

TEST(RealtimeDelivery, SubscribingChecksAccess) {
  Env env;
  const Account& ada = env.admin;
  const auto workspace = env.CreateWorkspace(ada, "Mine", "mine");
  const std::string ws = Id(workspace);
  const Account bob = env.Register("Bob Outsider");
  const std::string bobs = Id(env.CreateWorkspace(bob, "Bobs"));
  auto client = Connect(env.server, bob);
  auto expect_error = [&](const std::string& topic, const std::string& code) {
    auto answer = client->Subscribe(topic, std::nullopt);
    ASSERT_FALSE(answer.empty());
    EXPECT_EQ(Type(answer.back()), "error") << topic;
    EXPECT_EQ(answer.back().at("code").as_string(), code) << topic;
    EXPECT_EQ(answer.back().at("topic").as_string(), topic);
  };
  expect_error(Topic(ws), "not_found");
  expect_error("workspace:mine", "not_found");
  expect_error("workspace:00000000-0000-7000-8000-000000000000", "not_found");
  expect_error("user:" + ada.id, "not_found");
  expect_error("conversation:01J0000000000000000000000", "not_found");
  expect_error("workspace", "bad_request");
  expect_error("project:abc", "bad_request");
  // Bob's own topics work; a workspace may be named by slug.
  auto own = client->Subscribe("user:" + bob.id, std::nullopt);
  EXPECT_EQ(Type(own.back()), "subscribed");
  EXPECT_TRUE(own.back().at("seq").is_null());
  EXPECT_EQ(Type(client->Subscribe(Topic(bobs), std::nullopt).back()), "subscribed");
  expect_error(Topic(bobs), "bad_request");  // already subscribed
  auto by_slug = Connect(env.server, ada);
  auto answer = by_slug->Subscribe("workspace:mine", std::nullopt);
  EXPECT_EQ(Type(answer.back()), "subscribed");
  EXPECT_EQ(answer.back().at("topic").as_string(), Topic(ws));
  // Nothing of Ada's workspace reaches Bob.
  Append(env.server, ws);
  EXPECT_FALSE(client->NextOfType("event", 300).has_value());
}

TEST(RealtimeDelivery, RemovalEndsDeliveryWithinASecond) {
  Env env;
  const Account& ada = env.admin;
  const std::string ws = Id(env.CreateWorkspace(ada, "Team"));
  const Account bob = env.NewMember(ws, ada, "member", "Bob Member");
  auto bob_socket = Connect(env.server, bob);
  ASSERT_EQ(Type(bob_socket->Subscribe(Topic(ws), std::nullopt).back()), "subscribed");
  auto ada_socket = Connect(env.server, ada);
  ASSERT_EQ(Type(ada_socket->Subscribe(Topic(ws), std::nullopt).back()), "subscribed");
  const int64_t before = Append(env.server, ws);
  auto seen = bob_socket->NextOfType("event");
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(Seq(*seen), before);

  const auto started = Clock::now();
  auto r = env.Call(&ada, "DELETE", "/api/v1/workspaces/" + ws + "/members/" + bob.id);
  ASSERT_EQ(r.status, 204) << r.body;
  auto ended = bob_socket->NextOfType("error", 1000);
  ASSERT_TRUE(ended.has_value()) << "no error within 1 s of the removal";
  EXPECT_LT(Millis(Clock::now() - started), 1000);
  EXPECT_EQ(ended->at("code").as_string(), "not_found");
  EXPECT_EQ(ended->at("topic").as_string(), Topic(ws));
  const int64_t after = Append(env.server, ws);
  EXPECT_FALSE(bob_socket->NextOfType("event", 300).has_value());
  // Ada still gets everything, the removal included.
  auto first = ada_socket->NextOfType("event");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(Seq(*first), before);
  auto removal = ada_socket->NextOfType("event");
  ASSERT_TRUE(removal.has_value());
  EXPECT_EQ(removal->at("event").at("type").as_string(), "member.removed");
  auto next = ada_socket->NextOfType("event");
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(Seq(*next), after);
  // Bob cannot come back in.
  auto again = bob_socket->Subscribe(Topic(ws), std::nullopt);
  EXPECT_EQ(again.back().at("code").as_string(), "not_found");
}

TEST(RealtimeDelivery, RevokedSessionsAndDeactivatedUsersAreClosedWithinASecond) {
  Env env;
  const Account& ada = env.admin;
  const Account bob = env.Register("Bob Revoked");
  const Account bob_phone = Login(env.server, bob.email);
  auto laptop = Connect(env.server, bob);
  auto phone = Connect(env.server, bob_phone);
  auto started = Clock::now();
  auto r = env.Call(&bob, "DELETE", "/api/v1/auth/sessions/" + SessionIdOf(bob_phone.access_token));
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(phone->WaitClosed(1000), 1008);
  EXPECT_LT(Millis(Clock::now() - started), 1000);
  EXPECT_TRUE(laptop->open());

  started = Clock::now();
  r = env.Call(&ada, "PATCH", "/api/v1/admin/users/" + bob.id, R"({"is_active":false})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(laptop->WaitClosed(1000), 1008);
  EXPECT_LT(Millis(Clock::now() - started), 1000);
  // And the revoked token no longer opens a socket.
  WsClient retry(env.server.port());
  retry.Send(Body({{"type", "auth"}, {"token", bob.access_token}}));
  auto refused = retry.NextOfType("error");
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->at("code").as_string(), "unauthorized");
  EXPECT_EQ(retry.WaitClosed(), 1008);
}

TEST(RealtimeDelivery, SlowConsumerIsResetAndDroppedWhileOthersKeepReceiving) {
  Env env([](Config& c) { c.realtime_send_queue_bytes = 512 * 1024; });
  const Account& ada = env.admin;
  const std::string ws = Id(env.CreateWorkspace(ada, "Slow"));
  // A tiny receive window and no reading: the server's queue fills up.
  WsClient slow(env.server.port(), {}, "/api/v1/ws", 4096);
  slow.Auth(ada.access_token);
  ASSERT_EQ(Type(slow.Subscribe(Topic(ws), std::nullopt).back()), "subscribed");
  auto fast = Connect(env.server, ada);
  auto answer = fast->Subscribe(Topic(ws), std::nullopt);
  ASSERT_EQ(Type(answer.back()), "subscribed");
  const int64_t base = answer.back().at("seq").as_int64();
  // 10 MB: more than the kernel buffers of both ends hold.
  constexpr int kEvents = 600;
  // Paced a little, so that the fast client's reads keep up on a loaded
  // machine (its queue holds 32 of these); the slow one never reads.
  std::jthread writer([&] {
    for (int i = 0; i < kEvents; ++i) {
      Append(env.server, ws, 16000);
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
  });
  std::vector<int64_t> got;
  while (got.size() < static_cast<size_t>(kEvents)) {
    auto m = fast->NextOfType("event", 10000);
    ASSERT_TRUE(m.has_value()) << "fast client stalled after " << got.size();
    got.push_back(Seq(*m));
  }
  writer.join();
  EXPECT_EQ(got, Range(base, kEvents));
  // The slow one got a prefix of the events, then reset, then 1013.
  std::vector<int64_t> slow_got;
  bool reset = false;
  for (;;) {
    auto m = slow.Next(5000);
    if (!m) break;
    if (Type(*m) == "event") {
      EXPECT_FALSE(reset);
      slow_got.push_back(Seq(*m));
    }
    if (Type(*m) == "reset") reset = true;
  }
  EXPECT_TRUE(reset);
  EXPECT_LT(slow_got.size(), static_cast<size_t>(kEvents));
  EXPECT_EQ(slow_got, Range(base, static_cast<int64_t>(slow_got.size())));
  EXPECT_EQ(slow.WaitClosed(), 1013);
}

}  // namespace
}  // namespace ws::test
