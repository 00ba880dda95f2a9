// The caller's own account: /me, email change and verification, password
// change, personal API tokens.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>
#include <thread>

#include "core/clock.hpp"
#include "support/auth_helpers.hpp"

namespace ws::test {
namespace {

using namespace std::chrono_literals;

constexpr int64_t kMinuteMs = 60 * 1000;

void ExpectError(const HttpResponse& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.ErrorCode(), code) << r.body;
}

std::string FieldError(const HttpResponse& r, const std::string& field) {
  const auto json = r.Json();
  if (!json.is_object()) return "";
  const auto* fields = json.at("error").as_object().if_contains("fields");
  if (fields == nullptr || !fields->as_object().contains(field)) return "";
  return std::string(fields->at(field).as_string());
}

TEST(AuthMe, UpdatesNameTimezoneAndLocale) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  auto r = server.Send(
      "PATCH", "/api/v1/me",
      Body({{"name", "Ada Lovelace"}, {"timezone", "Europe/London"}, {"locale", "en-GB"}}),
      ada.Bearer());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("name").as_string(), "Ada Lovelace");
  EXPECT_EQ(r.Json().at("timezone").as_string(), "Europe/London");
  EXPECT_EQ(r.Json().at("locale").as_string(), "en-GB");
  EXPECT_EQ(server.Get("/api/v1/me", ada.Bearer()).Json(), r.Json());
  auto empty = server.Send("PATCH", "/api/v1/me", "{}", ada.Bearer());
  EXPECT_EQ(empty.status, 200);
  EXPECT_EQ(empty.Json(), r.Json());

  for (const auto& bad :
       {Body({{"name", ""}}), Body({{"name", nullptr}}), Body({{"name", 3}}),
        Body({{"name", std::string(101, 'x')}}), Body({{"timezone", "Mars/Olympus Mons"}}),
        Body({{"timezone", "../etc/passwd"}}), Body({{"locale", "english!"}}),
        Body({{"locale", "e"}}), Body({{"is_instance_admin", true}}),
        Body({{"email", "not an email"}})}) {
    SCOPED_TRACE(bad);
    ExpectError(server.Send("PATCH", "/api/v1/me", bad, ada.Bearer()), 422, "validation_failed");
  }
  EXPECT_EQ(server.Get("/api/v1/me", ada.Bearer()).Json(), r.Json());
  ExpectError(server.Send("PATCH", "/api/v1/me", Body({{"name", "X"}})), 401, "unauthorized");
}

TEST(AuthMe, ChangingTheEmailNeedsThePasswordOrAFreshSignIn) {
  TestServer server;
  server.Boot();
  const Account admin = Register(server, "admin@example.com");
  const Account ada = CreateUser(server, admin, "ada@example.com");
  AgeSession(server, SessionIdOf(ada.access_token), 11 * kMinuteMs);
  auto stale =
      server.Send("PATCH", "/api/v1/me", Body({{"email", "ada@new.example"}}), ada.Bearer());
  ExpectError(stale, 422, "validation_failed");
  EXPECT_EQ(FieldError(stale, "current_password"), "is required to confirm this change");
  auto wrong = server.Send(
      "PATCH", "/api/v1/me",
      Body({{"email", "ada@new.example"}, {"current_password", "not my password"}}), ada.Bearer());
  ExpectError(wrong, 422, "validation_failed");
  EXPECT_EQ(FieldError(wrong, "current_password"), "is incorrect");
  ExpectError(server.Send("PATCH", "/api/v1/me",
                          Body({{"email", "admin@example.com"}, {"current_password", kPassword}}),
                          ada.Bearer()),
              409, "conflict");
  EXPECT_EQ(server.Get("/api/v1/me", ada.Bearer()).Json().at("email").as_string(),
            "ada@example.com");

  const size_t mails_before = Outbox(server, 0).size();
  auto ok = server.Send("PATCH", "/api/v1/me",
                        Body({{"email", "Ada@New.example"}, {"current_password", kPassword}}),
                        ada.Bearer());
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.Json().at("email").as_string(), "ada@new.example");
  EXPECT_FALSE(ok.Json().at("email_verified").as_bool());

  // A verification link to the new address, a notice to the old one.
  auto mails = Outbox(server, mails_before + 2);
  ASSERT_EQ(mails.size(), mails_before + 2);
  std::string token;
  bool noticed = false;
  for (size_t i = mails_before; i < mails.size(); ++i) {
    if (mails[i].to == "ada@new.example") token = TokenAfter(mails[i].body, "/verify-email?token=");
    if (mails[i].to == "ada@example.com") noticed = true;
  }
  EXPECT_TRUE(noticed);
  ASSERT_EQ(token.size(), 43u);
  ExpectError(server.Send("POST", "/api/v1/auth/email/verify", Body({{"token", "bogus"}})), 422,
              "validation_failed");
  ASSERT_EQ(server.Send("POST", "/api/v1/auth/email/verify", Body({{"token", token}})).status, 204);
  EXPECT_TRUE(server.Get("/api/v1/me", ada.Bearer()).Json().at("email_verified").as_bool());
  ExpectError(server.Send("POST", "/api/v1/auth/email/verify", Body({{"token", token}})), 422,
              "validation_failed");  // single use
  ExpectError(server.Send("POST", "/api/v1/auth/email/verify", Body({{"token", 1}})), 422,
              "validation_failed");
  EXPECT_EQ(Login(server, "ada@new.example").id, ada.id);
}

TEST(AuthMe, AFreshSignInChangesTheEmailWithoutThePassword) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  auto r = server.Send("PATCH", "/api/v1/me", Body({{"email", "ada2@example.com"}}), ada.Bearer());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("email").as_string(), "ada2@example.com");
}

TEST(AuthMe, TheFirstVerificationLinkVerifies) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  const auto mails = Outbox(server);
  ASSERT_EQ(mails.size(), 1u);
  const std::string token = TokenAfter(mails[0].body, "/verify-email?token=");
  ASSERT_EQ(server.Send("POST", "/api/v1/auth/email/verify", Body({{"token", token}})).status, 204);
  EXPECT_TRUE(server.Get("/api/v1/me", ada.Bearer()).Json().at("email_verified").as_bool());
}

TEST(AuthPassword, ChangingItEndsEveryOtherSession) {
  TestServer server;
  server.Boot();
  const Account laptop = Register(server, "ada@example.com");
  const Account phone = Login(server, "ada@example.com");
  auto wrong = server.Send(
      "POST", "/api/v1/me/password",
      Body({{"current_password", "not it at all"}, {"new_password", "another fine passphrase"}}),
      laptop.Bearer());
  ExpectError(wrong, 422, "validation_failed");
  EXPECT_EQ(FieldError(wrong, "current_password"), "is incorrect");
  auto common = server.Send("POST", "/api/v1/me/password",
                            Body({{"current_password", kPassword}, {"new_password", "iloveyou1"}}),
                            laptop.Bearer());
  ExpectError(common, 422, "validation_failed");
  EXPECT_FALSE(FieldError(common, "new_password").empty());
  ExpectError(server.Send("POST", "/api/v1/me/password",
                          Body({{"new_password", "another fine passphrase"}}), laptop.Bearer()),
              422, "validation_failed");

  ASSERT_EQ(server
                .Send("POST", "/api/v1/me/password",
                      Body({{"current_password", kPassword},
                            {"new_password", "another fine passphrase"}}),
                      laptop.Bearer())
                .status,
            204);
  EXPECT_EQ(server.Get("/api/v1/me", laptop.Bearer()).status, 200);
  ExpectError(server.Get("/api/v1/me", phone.Bearer()), 401, "unauthorized");
  ExpectError(server.Send("POST", "/api/v1/auth/login",
                          Body({{"email", "ada@example.com"}, {"password", kPassword}})),
              401, "unauthorized");
  EXPECT_EQ(Login(server, "ada@example.com", "another fine passphrase").id, laptop.id);
}

TEST(AuthTokens, CreateUseListAndDelete) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  auto created =
      server.Send("POST", "/api/v1/me/tokens", Body({{"name", "CI pipeline"}}), ada.Bearer());
  ASSERT_EQ(created.status, 201) << created.body;
  std::set<std::string> keys;
  const auto created_json = created.Json();
  for (const auto& kv : created_json.as_object()) keys.emplace(kv.key());
  EXPECT_EQ(keys, (std::set<std::string>{"id", "name", "token"}));
  const std::string token(created.Json().at("token").as_string());
  const std::string id(created.Json().at("id").as_string());
  EXPECT_TRUE(token.starts_with("wst_"));
  EXPECT_EQ(token.size(), 47u);
  EXPECT_EQ(created.Header("cache-control"), "no-store");

  auto me = server.Get("/api/v1/me", {{"Authorization", "Bearer " + token}});
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json().at("id").as_string(), ada.id);

  boost::json::value listed;
  for (int i = 0; i < 100; ++i) {  // last_used_at is written in the background
    listed = server.Get("/api/v1/me/tokens", ada.Bearer()).Json();
    if (!listed.at("items").at(0).at("last_used_at").is_null()) break;
    std::this_thread::sleep_for(20ms);
  }
  ASSERT_EQ(listed.at("items").as_array().size(), 1u);
  const auto& item = listed.at("items").at(0).as_object();
  keys.clear();
  for (const auto& kv : item) keys.emplace(kv.key());
  EXPECT_EQ(keys, (std::set<std::string>{"id", "name", "scopes", "created_at", "last_used_at",
                                         "expires_at"}));
  EXPECT_EQ(item.at("name").as_string(), "CI pipeline");
  EXPECT_EQ(item.at("scopes").as_array().size(), 1u);
  EXPECT_TRUE(item.at("expires_at").is_null());
  EXPECT_FALSE(item.at("last_used_at").is_null());
  EXPECT_EQ(listed.as_object().at("next_cursor"), nullptr);
  EXPECT_EQ(server.Get("/api/v1/me/tokens", ada.Bearer()).body.find(token), std::string::npos);

  ExpectError(server.Send("DELETE", "/api/v1/me/tokens/" + id, "", {}), 401, "unauthorized");
  ASSERT_EQ(server.Send("DELETE", "/api/v1/me/tokens/" + id, "", ada.Bearer()).status, 204);
  ExpectError(server.Get("/api/v1/me", {{"Authorization", "Bearer " + token}}), 401,
              "unauthorized");
  ExpectError(server.Send("DELETE", "/api/v1/me/tokens/" + id, "", ada.Bearer()), 404, "not_found");
  ExpectError(server.Send("DELETE", "/api/v1/me/tokens/zzz", "", ada.Bearer()), 404, "not_found");
}

TEST(AuthTokens, CreatingOneNeedsThePasswordAfterTenMinutes) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  AgeSession(server, SessionIdOf(ada.access_token), 11 * kMinuteMs);
  auto stale = server.Send("POST", "/api/v1/me/tokens", Body({{"name", "x"}}), ada.Bearer());
  ExpectError(stale, 422, "validation_failed");
  EXPECT_EQ(FieldError(stale, "current_password"), "is required to confirm this change");
  auto ok = server.Send("POST", "/api/v1/me/tokens",
                        Body({{"name", "x"}, {"current_password", kPassword}}), ada.Bearer());
  EXPECT_EQ(ok.status, 201) << ok.body;
  // An API token has no sign-in time: it always needs the password.
  const std::string token(ok.Json().at("token").as_string());
  auto by_token = server.Send("POST", "/api/v1/me/tokens", Body({{"name", "y"}}),
                              {{"Authorization", "Bearer " + token}});
  ExpectError(by_token, 422, "validation_failed");
}

TEST(AuthTokens, ExpiryAndValidation) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  for (const auto& bad : {Body({{"name", ""}}), Body({}), Body({{"name", std::string(101, 'n')}}),
                          Body({{"name", "x"}, {"expires_at", "tomorrow"}}),
                          Body({{"name", "x"}, {"expires_at", "2001-01-01T00:00:00Z"}}),
                          Body({{"name", "x"}, {"scopes", boost::json::array{"all"}}})}) {
    SCOPED_TRACE(bad);
    ExpectError(server.Send("POST", "/api/v1/me/tokens", bad, ada.Bearer()), 422,
                "validation_failed");
  }
  const std::string soon = FormatTimestamp(NowMillis() + 1500);
  auto created = server.Send("POST", "/api/v1/me/tokens",
                             Body({{"name", "short"}, {"expires_at", soon}}), ada.Bearer());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string token(created.Json().at("token").as_string());
  EXPECT_EQ(server.Get("/api/v1/me/tokens", ada.Bearer())
                .Json()
                .at("items")
                .at(0)
                .at("expires_at")
                .as_string(),
            soon);
  EXPECT_EQ(server.Get("/api/v1/me", {{"Authorization", "Bearer " + token}}).status, 200);
  std::this_thread::sleep_for(1600ms);
  ExpectError(server.Get("/api/v1/me", {{"Authorization", "Bearer " + token}}), 401,
              "unauthorized");
}

TEST(AuthTokens, AnotherUsersTokenCannotBeDeleted) {
  TestServer server;
  server.Boot();
  const Account admin = Register(server, "admin@example.com");
  const Account bob = CreateUser(server, admin, "bob@example.com");
  auto created = server.Send("POST", "/api/v1/me/tokens", Body({{"name", "mine"}}), admin.Bearer());
  ASSERT_EQ(created.status, 201);
  const std::string id(created.Json().at("id").as_string());
  ExpectError(server.Send("DELETE", "/api/v1/me/tokens/" + id, "", bob.Bearer()), 404, "not_found");
  EXPECT_EQ(server.Get("/api/v1/me/tokens", admin.Bearer()).Json().at("items").as_array().size(),
            1u);
  EXPECT_EQ(server.Get("/api/v1/me/tokens", bob.Bearer()).Json().at("items").as_array().size(), 0u);
}

}  // namespace
}  // namespace ws::test
