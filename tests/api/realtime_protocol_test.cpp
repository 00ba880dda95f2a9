// The WebSocket protocol's edges: authentication (message, header,
// timeout, forged tokens), bad frames, limits (size, binary, floods,
// per-user cap), Origin, presence with tabs and crashes, shutdown.
#include <thread>

#include "realtime_fixture.hpp"

namespace ws::test {
namespace {

using namespace rtfx;
using wsfx::Env;
using wsfx::Id;

TEST(RealtimeProtocol, BadFramesAnswerErrorsAndLeaveTheSocketUsable) {
  Env env;
  WsClient client(env.server.port());
  ASSERT_TRUE(client.open());
  WsClient other(env.server.port());
  other.Auth(env.admin.access_token);

  client.Send(R"({"type":"ping"})");
  auto pong = client.Next();
  ASSERT_TRUE(pong.has_value());
  EXPECT_EQ(Type(*pong), "pong");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"not json", "bad_request"},
      {"[1,2]", "bad_request"},
      {R"({"type":"dance"})", "bad_request"},
      {R"({"type":"subscribe","topic":"workspace:x","after":null})", "unauthorized"},
      {R"({"type":"typing","topic":"conversation:x"})", "unauthorized"},
  };
  for (const auto& [frame, code] : cases) {
    client.Send(frame);
    auto m = client.Next();
    ASSERT_TRUE(m.has_value()) << frame;
    EXPECT_EQ(Type(*m), "error") << frame;
    EXPECT_EQ(m->at("code").as_string(), code) << frame;
    EXPECT_FALSE(m->at("message").as_string().empty());
  }
  client.Auth(env.admin.access_token);
  client.Send(Body({{"type", "auth"}, {"token", env.admin.access_token}}));
  auto again = client.Next();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->at("code").as_string(), "bad_request");
  other.Send(R"({"type":"ping"})");
  EXPECT_TRUE(other.NextOfType("pong").has_value());
  EXPECT_EQ(env.server.Get("/healthz").status, 200);
}

TEST(RealtimeProtocol, ForgedTokensAreRefusedAndTheHeaderAuthenticates) {
  Env env;
  for (const std::string& token :
       {std::string("garbage"), env.admin.access_token + "x", std::string("wst_") + "nope"}) {
    WsClient client(env.server.port());
    client.Send(Body({{"type", "auth"}, {"token", token}}));
    auto m = client.Next();
    ASSERT_TRUE(m.has_value());
    EXPECT_EQ(m->at("code").as_string(), "unauthorized");
    EXPECT_EQ(client.WaitClosed(), 1008);
  }
  WsClient bearer(env.server.port(), {{"Authorization", "Bearer " + env.admin.access_token}});
  auto ready = bearer.Next();
  ASSERT_TRUE(ready.has_value());
  EXPECT_EQ(Type(*ready), "ready");
  EXPECT_EQ(ready->at("user_id").as_string(), env.admin.id);
  WsClient wrong(env.server.port(), {{"Authorization", "Basic abc"}});
  EXPECT_EQ(wrong.NextOfType("error")->at("code").as_string(), "unauthorized");
  EXPECT_EQ(wrong.WaitClosed(), 1008);
}

TEST(RealtimeProtocol, UnauthenticatedSocketsAreClosedAtTheAuthTimeout) {
  Env env([](Config& c) { c.realtime_auth_timeout_seconds = 1; });
  WsClient idle(env.server.port());
  ASSERT_TRUE(idle.open());
  const auto started = Clock::now();
  EXPECT_EQ(idle.WaitClosed(4000), 1008);
  EXPECT_GE(Millis(Clock::now() - started), 700);
  // An authenticated one stays.
  auto fine = Connect(env.server, env.admin);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  fine->Send(R"({"type":"ping"})");
  EXPECT_TRUE(fine->NextOfType("pong").has_value());
}

TEST(RealtimeProtocol, OversizedAndBinaryFramesClose) {
  Env env;
  auto big = Connect(env.server, env.admin);
  big->Send(std::string(65 * 1024, 'a'));
  EXPECT_EQ(big->WaitClosed(), 1009);
  auto binary = Connect(env.server, env.admin);
  binary->SendBinary("\x01\x02");
  EXPECT_EQ(binary->WaitClosed(), 1003);
  // Just under the limit is only a bad request.
  auto fits = Connect(env.server, env.admin);
  fits->Send(std::string(60 * 1024, 'a'));
  EXPECT_EQ(fits->NextOfType("error")->at("code").as_string(), "bad_request");
}

TEST(RealtimeProtocol, FloodsAreLimitedThenClosed) {
  Env env([](Config& c) { c.realtime_messages_per_second = 5; });
  auto client = Connect(env.server, env.admin);
  auto calm = Connect(env.server, env.admin);
  for (int i = 0; i < 60; ++i) client->Send(R"({"type":"ping"})");
  int pongs = 0;
  bool limited = false;
  for (;;) {
    auto m = client->Next(3000);
    if (!m) break;
    if (Type(*m) == "pong") ++pongs;
    if (Type(*m) == "error") {
      EXPECT_EQ(m->at("code").as_string(), "rate_limited");
      limited = true;
    }
  }
  EXPECT_TRUE(limited);
  EXPECT_LE(pongs, 12);
  EXPECT_EQ(client->WaitClosed(), 1008);
  calm->Send(R"({"type":"ping"})");
  EXPECT_TRUE(calm->NextOfType("pong").has_value());
}

TEST(RealtimeProtocol, OriginMustBeThePublicUrlAndUsersHaveACap) {
  Env env([](Config& c) { c.realtime_max_per_user = 2; });
  WsClient evil(env.server.port(), {{"Origin", "http://evil.example"}});
  EXPECT_FALSE(evil.open());
  EXPECT_EQ(evil.refused_status(), 403);
  WsClient ours(env.server.port(), {{"Origin", "http://127.0.0.1"}});
  EXPECT_TRUE(ours.open());
  ours.Auth(env.admin.access_token);
  auto second = Connect(env.server, env.admin);
  WsClient third(env.server.port());
  third.Send(Body({{"type", "auth"}, {"token", env.admin.access_token}}));
  auto refused = third.NextOfType("error");
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->at("code").as_string(), "rate_limited");
  EXPECT_EQ(third.WaitClosed(), 1008);
  // Without an upgrade the route is a plain 400.
  auto plain = env.server.Get("/api/v1/ws");
  EXPECT_EQ(plain.status, 400);
  EXPECT_EQ(plain.ErrorCode(), "bad_request");
}

TEST(RealtimeProtocol, PresenceCountsTabsOnceAndACrashGoesOfflineAtTheHeartbeat) {
  Env env([](Config& c) { c.realtime_heartbeat_seconds = 2; });
  const Account& ada = env.admin;
  const std::string ws = Id(env.CreateWorkspace(ada, "Presence"));
  const Account bob = env.NewMember(ws, ada, "member", "Bob Watcher");
  auto tab1 = Connect(env.server, ada);
  ASSERT_EQ(Type(tab1->Subscribe(Topic(ws), std::nullopt).back()), "subscribed");
  auto tab2 = Connect(env.server, ada);
  ASSERT_EQ(Type(tab2->Subscribe(Topic(ws), std::nullopt).back()), "subscribed");
  auto watcher = Connect(env.server, bob);
  ASSERT_EQ(Type(watcher->Subscribe(Topic(ws), std::nullopt).back()), "subscribed");
  auto presence_of = [&](const std::string& user, int timeout_ms) -> std::string {
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
      const int64_t left = Millis(deadline - Clock::now());
      if (left <= 0) return "";
      auto m = watcher->NextOfType("presence", static_cast<int>(left));
      if (!m) return "";
      if (m->at("user_id").as_string() == user) return std::string(m->at("status").as_string());
    }
  };
  EXPECT_EQ(presence_of(ada.id, 2000), "online");  // the snapshot
  tab1->Close();
  EXPECT_EQ(presence_of(ada.id, 500), "");  // tab2 keeps Ada online
  tab2->Send(R"({"type":"presence","status":"away"})");
  EXPECT_EQ(presence_of(ada.id, 2000), "away");
  // tab2 freezes: it answers no ping, so the heartbeat ends it.
  const auto frozen = Clock::now();
  EXPECT_EQ(presence_of(ada.id, 5000), "offline");
  EXPECT_LT(Millis(Clock::now() - frozen), 3500);
  // A socket dropped without a close frame goes offline too.
  auto tab3 = Connect(env.server, ada);
  ASSERT_EQ(Type(tab3->Subscribe(Topic(ws), std::nullopt).back()), "subscribed");
  EXPECT_EQ(presence_of(ada.id, 2000), "online");
  tab3->Drop();
  EXPECT_EQ(presence_of(ada.id, 3500), "offline");
}

TEST(RealtimeProtocol, ShutdownClosesSocketsWithGoingAway) {
  Env env;
  auto client = Connect(env.server, env.admin);
  std::thread stopper([&] { env.server.Stop(); });
  EXPECT_EQ(client->WaitClosed(5000), 1001);
  stopper.join();
}

}  // namespace
}  // namespace ws::test
