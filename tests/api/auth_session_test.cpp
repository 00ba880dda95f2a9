// Refresh-token rotation, reuse detection, CSRF, the sessions list and
// revocation, idle and absolute session ends.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "support/auth_helpers.hpp"

namespace ws::test {
namespace {

void ExpectError(const HttpResponse& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.ErrorCode(), code) << r.body;
}

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

/// Ends a session's absolute lifetime now (its last use stays recent).
void ExpireSession(TestServer& server, const std::string& session_id) {
  Status s = server.app().database().Write([&](db::Conn& c) -> Status {
    auto r = c.Exec("UPDATE sessions SET expires_at = 1 WHERE id = ?", session_id);
    if (!r) return std::move(r).error();
    return {};
  });
  ASSERT_TRUE(s.ok());
}

TEST(AuthRefresh, RotatesTheRefreshTokenFromTheBody) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  auto r =
      server.Send("POST", "/api/v1/auth/refresh", Body({{"refresh_token", ada.refresh_token}}));
  ASSERT_EQ(r.status, 200) << r.body;
  const Account next = FromAuthAnswer(r, kPassword);
  EXPECT_EQ(next.id, ada.id);
  EXPECT_NE(next.refresh_token, ada.refresh_token);
  EXPECT_EQ(next.refresh_token.size(), 43u);
  EXPECT_EQ(SessionIdOf(next.access_token), SessionIdOf(ada.access_token));
  EXPECT_EQ(server.Get("/api/v1/me", next.Bearer()).status, 200);
  EXPECT_EQ(r.Json().at("token_type").as_string(), "Bearer");

  ExpectError(server.Send("POST", "/api/v1/auth/refresh"), 401, "unauthorized");
  ExpectError(server.Send("POST", "/api/v1/auth/refresh", Body({{"refresh_token", "nope"}})), 401,
              "unauthorized");
  ExpectError(server.Send("POST", "/api/v1/auth/refresh", Body({{"refresh_token", 5}})), 422,
              "validation_failed");
  ExpectError(
      server.Send("POST", "/api/v1/auth/refresh", Body({{"refresh_token", std::string(500, 'a')}})),
      422, "validation_failed");
}

TEST(AuthRefresh, FromTheCookieNeedsTheCsrfToken) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  ExpectError(server.Send("POST", "/api/v1/auth/refresh", "", ada.Cookies(false)), 403,
              "csrf_failed");
  auto wrong = ada.Cookies(false);
  wrong["X-CSRF-Token"] = ada.csrf_token + "x";
  ExpectError(server.Send("POST", "/api/v1/auth/refresh", "", wrong), 403, "csrf_failed");
  auto no_cookie = ada.Cookies();
  no_cookie["Cookie"] = "ws_refresh=" + ada.refresh_token;  // header without the csrf cookie
  ExpectError(server.Send("POST", "/api/v1/auth/refresh", "", no_cookie), 403, "csrf_failed");

  auto r = server.Send("POST", "/api/v1/auth/refresh", "", ada.Cookies());
  ASSERT_EQ(r.status, 200) << r.body;
  const Account next = FromAuthAnswer(r, kPassword);
  EXPECT_NE(next.csrf_token, ada.csrf_token);
  EXPECT_NE(SetCookieLine(r, "ws_refresh").find("HttpOnly"), std::string::npos);
  // A failed CSRF check did not rotate anything: the first refresh worked.
  EXPECT_EQ(server.Get("/api/v1/me", next.Bearer()).status, 200);
}

TEST(AuthRefresh, ReusingARotatedTokenRevokesTheWholeSession) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  auto first =
      server.Send("POST", "/api/v1/auth/refresh", Body({{"refresh_token", ada.refresh_token}}));
  ASSERT_EQ(first.status, 200);
  const Account rotated = FromAuthAnswer(first, kPassword);
  auto second =
      server.Send("POST", "/api/v1/auth/refresh", Body({{"refresh_token", rotated.refresh_token}}));
  ASSERT_EQ(second.status, 200);
  const Account latest = FromAuthAnswer(second, kPassword);

  // The stolen first token comes back: the whole family ends.
  ExpectError(
      server.Send("POST", "/api/v1/auth/refresh", Body({{"refresh_token", ada.refresh_token}})),
      401, "unauthorized");
  ExpectError(
      server.Send("POST", "/api/v1/auth/refresh", Body({{"refresh_token", latest.refresh_token}})),
      401, "unauthorized");
  ExpectError(server.Get("/api/v1/me", latest.Bearer()), 401, "unauthorized");
  ExpectError(server.Get("/api/v1/me", ada.Bearer()), 401, "unauthorized");

  const Account again = Login(server, "ada@example.com");
  auto audit =
      server.Get("/api/v1/admin/audit-log?type=session.refresh_token_reused", again.Bearer());
  ASSERT_EQ(audit.status, 200) << audit.body;
  ASSERT_EQ(audit.Json().at("items").as_array().size(), 1u) << audit.body;
  EXPECT_EQ(audit.Json().at("items").at(0).at("user_id").as_string(), ada.id);
}

TEST(AuthSessions, ListsLiveSessionsAndMarksTheCurrentOne) {
  TestServer server;
  server.Boot();
  const Account phone = Register(server, "ada@example.com");
  const Account laptop = Login(server, "ada@example.com");
  auto r = server.Get("/api/v1/auth/sessions", laptop.Bearer({{"User-Agent", "Laptop/1.0"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto json = r.Json();
  const auto& items = json.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(r.Json().at("next_cursor").is_null());
  int current = 0;
  for (const auto& item : items) {
    std::set<std::string> keys;
    for (const auto& kv : item.as_object()) keys.emplace(kv.key());
    EXPECT_EQ(keys, (std::set<std::string>{"id", "user_agent", "ip", "created_at", "last_used_at",
                                           "current"}));
    EXPECT_EQ(item.at("ip").as_string(), "127.0.0.1");
    if (item.at("current").as_bool()) {
      ++current;
      EXPECT_EQ(item.at("id").as_string(), SessionIdOf(laptop.access_token));
    }
  }
  EXPECT_EQ(current, 1);
  ExpectError(server.Get("/api/v1/auth/sessions"), 401, "unauthorized");
}

TEST(AuthSessions, ARevokedSessionIsRefusedOnItsVeryNextRequest) {
  TestServer server;
  server.Boot();
  const Account phone = Register(server, "ada@example.com");
  const Account laptop = Login(server, "ada@example.com");
  ASSERT_EQ(server.Get("/api/v1/me", phone.Bearer()).status, 200);
  const std::string phone_session = SessionIdOf(phone.access_token);
  ASSERT_EQ(
      server.Send("DELETE", "/api/v1/auth/sessions/" + phone_session, "", laptop.Bearer()).status,
      204);
  // The phone's access token has not expired, yet it is refused at once.
  ExpectError(server.Get("/api/v1/me", phone.Bearer()), 401, "unauthorized");
  ExpectError(
      server.Send("POST", "/api/v1/auth/refresh", Body({{"refresh_token", phone.refresh_token}})),
      401, "unauthorized");
  EXPECT_EQ(server.Get("/api/v1/me", laptop.Bearer()).status, 200);
  auto list = server.Get("/api/v1/auth/sessions", laptop.Bearer());
  EXPECT_EQ(list.Json().at("items").as_array().size(), 1u);

  ExpectError(server.Send("DELETE", "/api/v1/auth/sessions/" + phone_session, "", laptop.Bearer()),
              404, "not_found");
  ExpectError(server.Send("DELETE", "/api/v1/auth/sessions/not-a-uuid", "", laptop.Bearer()), 404,
              "not_found");
  ExpectError(server.Send("DELETE", "/api/v1/auth/sessions/01900000-0000-7000-8000-000000000000",
                          "", laptop.Bearer()),
              404, "not_found");
}

TEST(AuthSessions, AnotherUsersSessionCannotBeRevoked) {
  TestServer server;
  server.Boot();
  const Account admin = Register(server, "admin@example.com");
  const Account bob = CreateUser(server, admin, "bob@example.com");
  ExpectError(server.Send("DELETE", "/api/v1/auth/sessions/" + SessionIdOf(admin.access_token), "",
                          bob.Bearer()),
              404, "not_found");
  EXPECT_EQ(server.Get("/api/v1/me", admin.Bearer()).status, 200);
}

TEST(AuthSessions, AnIdleSessionEnds) {
  TestServer server;  // session_idle_days = 14
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  const Account other = Login(server, "ada@example.com");
  AgeSession(server, SessionIdOf(ada.access_token), 15 * kDayMs);
  ExpectError(server.Get("/api/v1/me", ada.Bearer()), 401, "unauthorized");
  ExpectError(
      server.Send("POST", "/api/v1/auth/refresh", Body({{"refresh_token", ada.refresh_token}})),
      401, "unauthorized");
  auto list = server.Get("/api/v1/auth/sessions", other.Bearer());
  EXPECT_EQ(list.Json().at("items").as_array().size(), 1u);
  // Thirteen days idle is still fine.
  AgeSession(server, SessionIdOf(other.access_token), 13 * kDayMs);
  EXPECT_EQ(server.Get("/api/v1/me", other.Bearer()).status, 200);
}

TEST(AuthSessions, ASessionEndsAtItsAbsoluteLifetime) {
  TestServer server([](Config& c) {
    c.session_idle_days = 1;
    c.session_max_days = 2;
  });
  server.Boot();
  auto r =
      server.Send("POST", "/api/v1/auth/register",
                  Body({{"email", "ada@example.com"}, {"password", kPassword}, {"name", "Ada"}}));
  ASSERT_EQ(r.status, 201);
  EXPECT_GE(CookieMaxAge(r, "ws_refresh"), 172800 - 2);  // two days
  EXPECT_LE(CookieMaxAge(r, "ws_refresh"), 172800);
  const Account ada = FromAuthAnswer(r, kPassword);
  ExpireSession(server, SessionIdOf(ada.access_token));
  ExpectError(server.Get("/api/v1/me", ada.Bearer()), 401, "unauthorized");
  ExpectError(
      server.Send("POST", "/api/v1/auth/refresh", Body({{"refresh_token", ada.refresh_token}})),
      401, "unauthorized");
}

}  // namespace
}  // namespace ws::test
