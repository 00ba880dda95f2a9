// Registration, sign-in and sign-out against a real server (API.md
// "Accounts and sessions"), on the backend chosen by WS_TEST_BACKEND.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "support/auth_helpers.hpp"

namespace ws::test {
namespace {

void ExpectError(const HttpResponse& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.ErrorCode(), code) << r.body;
  const auto json = r.Json();
  ASSERT_TRUE(json.is_object()) << r.body;
  EXPECT_EQ(json.at("request_id").as_string(), r.Header("x-request-id"));
}

std::set<std::string> Keys(const boost::json::object& o) {
  std::set<std::string> keys;
  for (const auto& kv : o) keys.emplace(kv.key());
  return keys;
}

int CountUsers(TestServer& server, const Account& admin) {
  auto r = server.Get("/api/v1/admin/users?limit=200", admin.Bearer());
  return static_cast<int>(r.Json().at("items").as_array().size());
}

TEST(AuthRegister, TheFirstAccountBecomesInstanceAdmin) {
  TestServer server;
  server.Boot();
  EXPECT_TRUE(server.Get("/api/v1/meta").Json().at("setup_required").as_bool());
  auto r = server.Send(
      "POST", "/api/v1/auth/register",
      Body({{"email", "  Ada@Example.COM "}, {"password", kPassword}, {"name", " Ada "}}));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto json = r.Json().as_object();
  EXPECT_EQ(Keys(json),
            (std::set<std::string>{"user", "access_token", "token_type", "expires_in"}));
  EXPECT_EQ(json.at("token_type").as_string(), "Bearer");
  EXPECT_EQ(json.at("expires_in").as_int64(), 900);
  const auto& user = json.at("user").as_object();
  EXPECT_EQ(Keys(user),
            (std::set<std::string>{"id", "email", "name", "timezone", "locale", "is_instance_admin",
                                   "is_active", "email_verified", "totp_enabled", "created_at"}));
  EXPECT_EQ(user.at("email").as_string(), "ada@example.com");
  EXPECT_EQ(user.at("name").as_string(), "Ada");
  EXPECT_EQ(user.at("timezone").as_string(), "UTC");
  EXPECT_EQ(user.at("locale").as_string(), "en");
  EXPECT_TRUE(user.at("is_instance_admin").as_bool());
  EXPECT_TRUE(user.at("is_active").as_bool());
  EXPECT_FALSE(user.at("email_verified").as_bool());
  EXPECT_FALSE(user.at("totp_enabled").as_bool());
  EXPECT_EQ(user.at("created_at").as_string().size(), 24u);
  EXPECT_EQ(r.Header("cache-control"), "no-store");

  const std::string refresh = SetCookieLine(r, "ws_refresh");
  EXPECT_EQ(SetCookie(r, "ws_refresh").size(), 43u);
  EXPECT_NE(refresh.find("; HttpOnly"), std::string::npos) << refresh;
  EXPECT_NE(refresh.find("; SameSite=Strict"), std::string::npos) << refresh;
  EXPECT_NE(refresh.find("; Path=/api/v1/auth"), std::string::npos) << refresh;
  EXPECT_GE(CookieMaxAge(r, "ws_refresh"), 7776000 - 2) << refresh;  // 90 days
  EXPECT_LE(CookieMaxAge(r, "ws_refresh"), 7776000) << refresh;
  EXPECT_EQ(refresh.find("Secure"), std::string::npos) << refresh;
  const std::string csrf = SetCookieLine(r, "ws_csrf");
  EXPECT_FALSE(SetCookie(r, "ws_csrf").empty());
  EXPECT_EQ(csrf.find("HttpOnly"), std::string::npos) << csrf;
  EXPECT_NE(csrf.find("; SameSite=Strict"), std::string::npos) << csrf;
  EXPECT_NE(csrf.find("; Path=/"), std::string::npos) << csrf;

  EXPECT_FALSE(server.Get("/api/v1/meta").Json().at("setup_required").as_bool());
  const Account ada = FromAuthAnswer(r, kPassword);
  auto me = server.Get("/api/v1/me", ada.Bearer());
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json().as_object(), user);

  auto mails = Outbox(server);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to, "ada@example.com");
  EXPECT_FALSE(TokenAfter(mails[0].body, "/verify-email?token=").empty()) << mails[0].body;
}

TEST(AuthRegister, LaterAccountsFollowTheRegistrationSetting) {
  TestServer server;
  server.Boot();
  const Account admin = Register(server, "admin@example.com");
  EXPECT_EQ(server.Get("/api/v1/meta").Json().at("registration").as_string(), "invite_only");
  const std::string bob =
      Body({{"email", "bob@example.com"}, {"password", kPassword}, {"name", "Bob"}});
  ExpectError(server.Send("POST", "/api/v1/auth/register", bob), 403, "forbidden");

  SetRegistration(server, admin, "open");
  EXPECT_EQ(server.Get("/api/v1/meta").Json().at("registration").as_string(), "open");
  auto r = server.Send("POST", "/api/v1/auth/register", bob);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_FALSE(r.Json().at("user").at("is_instance_admin").as_bool());

  SetRegistration(server, admin, "closed");
  EXPECT_EQ(server.Get("/api/v1/meta").Json().at("registration").as_string(), "closed");
  ExpectError(
      server.Send("POST", "/api/v1/auth/register",
                  Body({{"email", "eve@example.com"}, {"password", kPassword}, {"name", "Eve"}})),
      403, "forbidden");
  EXPECT_EQ(CountUsers(server, admin), 2);
}

TEST(AuthRegister, ATakenEmailIsAConflictWhateverItsCase) {
  TestServer server;
  server.Boot();
  const Account admin = Register(server, "admin@example.com");
  SetRegistration(server, admin, "open");
  Register(server, "bob@example.com");
  ExpectError(
      server.Send("POST", "/api/v1/auth/register",
                  Body({{"email", "BOB@example.com"}, {"password", kPassword}, {"name", "B"}})),
      409, "conflict");
  EXPECT_EQ(CountUsers(server, admin), 2);
}

TEST(AuthRegister, BadInputIsRefusedWithFieldMessagesAndChangesNothing) {
  TestServer server;
  server.Boot();
  const Account admin = Register(server, "admin@example.com");
  SetRegistration(server, admin, "open");
  struct Case {
    std::string body;
    int status;
    std::string field;  // expected in error.fields ("" for 400)
  } cases[] = {
      {"", 400, ""},
      {"not json", 400, ""},
      {"[]", 400, ""},
      {R"({"email":"x@example.com","password":")" + std::string(kPassword) + R"(")", 400, ""},
      {Body({{"password", kPassword}, {"name", "X"}}), 422, "email"},
      {Body({{"email", "x@example.com"}, {"name", "X"}}), 422, "password"},
      {Body({{"email", "x@example.com"}, {"password", kPassword}}), 422, "name"},
      {Body({{"email", 5}, {"password", kPassword}, {"name", "X"}}), 422, "email"},
      {Body({{"email", "x@example.com"}, {"password", true}, {"name", "X"}}), 422, "password"},
      {Body({{"email", "x@example.com"}, {"password", kPassword}, {"name", boost::json::array{}}}),
       422, "name"},
      {Body({{"email", "x@example.com"}, {"password", "short7!"}, {"name", "X"}}), 422, "password"},
      {Body({{"email", "x@example.com"}, {"password", std::string(257, 'p')}, {"name", "X"}}), 422,
       "password"},
      {Body({{"email", "x@example.com"}, {"password", "Password123"}, {"name", "X"}}), 422,
       "password"},
      {Body({{"email", "x@example.com"}, {"password", "QWERTYUIOP"}, {"name", "X"}}), 422,
       "password"},
      {Body({{"email", "x@example.com"}, {"password", kPassword}, {"name", std::string(101, 'n')}}),
       422, "name"},
      {Body({{"email", "x@example.com"}, {"password", kPassword}, {"name", "   "}}), 422, "name"},
      {Body({{"email", "no-at-sign"}, {"password", kPassword}, {"name", "X"}}), 422, "email"},
      {Body({{"email", "a@"}, {"password", kPassword}, {"name", "X"}}), 422, "email"},
      {Body({{"email", "@b.example"}, {"password", kPassword}, {"name", "X"}}), 422, "email"},
      {Body({{"email", "a b@example.com"}, {"password", kPassword}, {"name", "X"}}), 422, "email"},
      {Body({{"email", "<a@example.com>"}, {"password", kPassword}, {"name", "X"}}), 422, "email"},
      {Body({{"email", std::string(250, 'a') + "@example.com"},
             {"password", kPassword},
             {"name", "X"}}),
       422, "email"},
      {Body({{"email", "x@example.com"}, {"password", kPassword}, {"name", "X"}, {"admin", true}}),
       422, "admin"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body.substr(0, 120));
    auto r = server.Send("POST", "/api/v1/auth/register", c.body);
    ExpectError(r, c.status, c.status == 400 ? "bad_request" : "validation_failed");
    if (!c.field.empty()) {
      EXPECT_TRUE(r.Json().at("error").at("fields").as_object().contains(c.field)) << r.body;
    }
    EXPECT_EQ(r.body.find("exception"), std::string::npos);
    EXPECT_EQ(r.body.find("SQL"), std::string::npos);
  }
  ExpectError(server.Send("POST", "/api/v1/auth/register", std::string(20000, ' ')), 413,
              "payload_too_large");
  EXPECT_EQ(CountUsers(server, admin), 1);
}

TEST(AuthRegister, CookiesAreSecureOverHttps) {
  TestServer server([](Config& c) { c.public_url = "https://work.example"; });
  server.Boot();
  auto r = server.Send("POST", "/api/v1/auth/register",
                       Body({{"email", "a@example.com"}, {"password", kPassword}, {"name", "A"}}));
  ASSERT_EQ(r.status, 201);
  EXPECT_NE(SetCookieLine(r, "ws_refresh").find("; Secure"), std::string::npos);
  EXPECT_NE(SetCookieLine(r, "ws_csrf").find("; Secure"), std::string::npos);
}

TEST(AuthLogin, SignsInAndAnswersTheSameForUnknownEmailAndWrongPassword) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  auto ok = server.Send("POST", "/api/v1/auth/login",
                        Body({{"email", "ADA@example.com"}, {"password", kPassword}}));
  ASSERT_EQ(ok.status, 200) << ok.body;
  const Account again = FromAuthAnswer(ok, kPassword);
  EXPECT_EQ(again.id, ada.id);
  EXPECT_NE(again.refresh_token, ada.refresh_token);
  EXPECT_EQ(server.Get("/api/v1/me", again.Bearer()).status, 200);

  auto wrong = server.Send("POST", "/api/v1/auth/login",
                           Body({{"email", "ada@example.com"}, {"password", "wrong password!"}}));
  auto unknown =
      server.Send("POST", "/api/v1/auth/login",
                  Body({{"email", "nobody@example.com"}, {"password", "wrong password!"}}));
  ExpectError(wrong, 401, "unauthorized");
  ExpectError(unknown, 401, "unauthorized");
  EXPECT_EQ(wrong.Json().at("error").as_object(), unknown.Json().at("error").as_object());
  EXPECT_TRUE(SetCookieLine(wrong, "ws_refresh").empty());

  ExpectError(server.Send("POST", "/api/v1/auth/login", Body({{"email", "ada@example.com"}})), 422,
              "validation_failed");
  ExpectError(
      server.Send("POST", "/api/v1/auth/login",
                  Body({{"email", "ada@example.com"}, {"password", std::string(300, 'x')}})),
      422, "validation_failed");
  ExpectError(server.Send("POST", "/api/v1/auth/login",
                          Body({{"email", "ada@example.com"}, {"password", 12345678}})),
              422, "validation_failed");
}

TEST(AuthLogout, WithTheBearerTokenEndsTheSessionAndClearsTheCookies) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  auto r = server.Send("POST", "/api/v1/auth/logout", "", ada.Bearer());
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_NE(SetCookieLine(r, "ws_refresh").find("Max-Age=0"), std::string::npos);
  EXPECT_NE(SetCookieLine(r, "ws_csrf").find("Max-Age=0"), std::string::npos);
  ExpectError(server.Get("/api/v1/me", ada.Bearer()), 401, "unauthorized");
  ExpectError(
      server.Send("POST", "/api/v1/auth/refresh", Body({{"refresh_token", ada.refresh_token}})),
      401, "unauthorized");
  ExpectError(server.Send("POST", "/api/v1/auth/logout"), 401, "unauthorized");
}

TEST(AuthLogout, WithTheCookieNeedsTheCsrfToken) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  ExpectError(server.Send("POST", "/api/v1/auth/logout", "", ada.Cookies(false)), 403,
              "csrf_failed");
  auto wrong = ada.Cookies(false);
  wrong["X-CSRF-Token"] = "not-the-cookie";
  ExpectError(server.Send("POST", "/api/v1/auth/logout", "", wrong), 403, "csrf_failed");
  EXPECT_EQ(server.Get("/api/v1/me", ada.Bearer()).status, 200);  // nothing happened

  ASSERT_EQ(server.Send("POST", "/api/v1/auth/logout", "", ada.Cookies()).status, 204);
  ExpectError(server.Get("/api/v1/me", ada.Bearer()), 401, "unauthorized");
  ExpectError(server.Send("POST", "/api/v1/auth/refresh", "", ada.Cookies()), 401, "unauthorized");
}

TEST(AuthMeta, IsServedFromMemoryAndFollowsTheSettings) {
  TestServer server;
  server.Boot();
  const Account admin = Register(server, "admin@example.com");
  for (const char* mode : {"open", "closed", "invite_only"}) {
    SetRegistration(server, admin, mode);
    auto meta = server.Get("/api/v1/meta").Json();
    EXPECT_EQ(meta.at("registration").as_string(), mode);
    EXPECT_FALSE(meta.at("setup_required").as_bool());
  }
}

}  // namespace
}  // namespace ws::test
