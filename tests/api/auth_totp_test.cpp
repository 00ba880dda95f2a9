// TOTP two-factor authentication: setup, enable, sign-in, replay, recovery
// codes, disable.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "core/clock.hpp"
#include "core/totp.hpp"
#include "support/auth_helpers.hpp"

namespace ws::test {
namespace {

void ExpectError(const HttpResponse& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.ErrorCode(), code) << r.body;
}

int64_t Step() { return totp::StepAt(NowMillis() / 1000); }

HttpResponse LoginWithCode(TestServer& server, const std::string& code) {
  return server.Send(
      "POST", "/api/v1/auth/login",
      Body({{"email", "ada@example.com"}, {"password", kPassword}, {"totp_code", code}}));
}

/// Turns 2FA on for `account`; answers the secret and fills `codes`.
std::string EnableTotp(TestServer& server, const Account& account,
                       std::vector<std::string>& codes) {
  auto setup = server.Send("POST", "/api/v1/auth/totp/setup", "", account.Bearer());
  EXPECT_EQ(setup.status, 200) << setup.body;
  const std::string secret(setup.Json().at("secret").as_string());
  auto enabled = server.Send("POST", "/api/v1/auth/totp/enable",
                             Body({{"code", totp::CodeAt(secret, Step())}}), account.Bearer());
  EXPECT_EQ(enabled.status, 200) << enabled.body;
  const auto json = enabled.Json();
  for (const auto& c : json.at("recovery_codes").as_array()) codes.emplace_back(c.as_string());
  return secret;
}

TEST(AuthTotp, SetupGivesASecretAndAnOtpauthUri) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  auto r = server.Send("POST", "/api/v1/auth/totp/setup", "", ada.Bearer());
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string secret(r.Json().at("secret").as_string());
  const std::string uri(r.Json().at("otpauth_uri").as_string());
  std::string raw;
  EXPECT_TRUE(totp::Base32Decode(secret, raw));
  EXPECT_EQ(raw.size(), 20u);
  EXPECT_TRUE(uri.starts_with("otpauth://totp/")) << uri;
  EXPECT_NE(uri.find("secret=" + secret), std::string::npos) << uri;
  EXPECT_NE(uri.find("issuer=Workstead"), std::string::npos) << uri;
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  // Not on until enabled: signing in needs no code yet.
  EXPECT_FALSE(server.Get("/api/v1/me", ada.Bearer()).Json().at("totp_enabled").as_bool());
  Login(server, "ada@example.com");
  ExpectError(server.Send("POST", "/api/v1/auth/totp/setup"), 401, "unauthorized");
}

TEST(AuthTotp, EnableNeedsACurrentCode) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  ExpectError(
      server.Send("POST", "/api/v1/auth/totp/enable", Body({{"code", "123456"}}), ada.Bearer()),
      409,
      "conflict");  // no setup yet
  auto setup = server.Send("POST", "/api/v1/auth/totp/setup", "", ada.Bearer());
  const std::string secret(setup.Json().at("secret").as_string());
  const std::string stale = totp::CodeAt(secret, Step() - 5);
  auto wrong =
      server.Send("POST", "/api/v1/auth/totp/enable", Body({{"code", stale}}), ada.Bearer());
  ExpectError(wrong, 422, "validation_failed");
  EXPECT_EQ(wrong.Json().at("error").at("fields").at("code").as_string(), "is incorrect");
  ExpectError(
      server.Send("POST", "/api/v1/auth/totp/enable", Body({{"code", 123456}}), ada.Bearer()), 422,
      "validation_failed");
  ExpectError(server.Send("POST", "/api/v1/auth/totp/enable", "{}", ada.Bearer()), 422,
              "validation_failed");

  auto ok = server.Send("POST", "/api/v1/auth/totp/enable",
                        Body({{"code", totp::CodeAt(secret, Step())}}), ada.Bearer());
  ASSERT_EQ(ok.status, 200) << ok.body;
  const auto ok_json = ok.Json();
  const auto& codes = ok_json.at("recovery_codes").as_array();
  ASSERT_EQ(codes.size(), 10u);
  std::set<std::string> unique;
  for (const auto& c : codes) unique.emplace(c.as_string());
  EXPECT_EQ(unique.size(), 10u);
  EXPECT_EQ(codes.at(0).as_string().size(), 19u);  // xxxx-xxxx-xxxx-xxxx
  EXPECT_TRUE(server.Get("/api/v1/me", ada.Bearer()).Json().at("totp_enabled").as_bool());
  ExpectError(server.Send("POST", "/api/v1/auth/totp/setup", "", ada.Bearer()), 409, "conflict");
  ExpectError(server.Send("POST", "/api/v1/auth/totp/enable",
                          Body({{"code", totp::CodeAt(secret, Step())}}), ada.Bearer()),
              409, "conflict");
}

TEST(AuthTotp, SignInAsksForTheCodeAndRefusesAReplay) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  std::vector<std::string> codes;
  const std::string secret = EnableTotp(server, ada, codes);

  auto missing = server.Send("POST", "/api/v1/auth/login",
                             Body({{"email", "ada@example.com"}, {"password", kPassword}}));
  ExpectError(missing, 401, "totp_required");
  EXPECT_TRUE(SetCookieLine(missing, "ws_refresh").empty());
  ExpectError(LoginWithCode(server, "000000"), 401, "unauthorized");
  // The code used to enable is spent; the next step's code (within ±1) works once.
  const std::string code = totp::CodeAt(secret, Step() + 1);
  auto ok = LoginWithCode(server, code);
  ASSERT_EQ(ok.status, 200) << ok.body;
  ExpectError(LoginWithCode(server, code), 401, "unauthorized");  // replay
  // A wrong password with a right code is still the plain failure.
  ExpectError(server.Send("POST", "/api/v1/auth/login",
                          Body({{"email", "ada@example.com"},
                                {"password", "wrong password"},
                                {"totp_code", totp::CodeAt(secret, Step())}})),
              401, "unauthorized");
}

TEST(AuthTotp, RecoveryCodesWorkOnce) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  std::vector<std::string> codes;
  EnableTotp(server, ada, codes);
  ASSERT_EQ(codes.size(), 10u);
  std::string upper = codes[3];
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(LoginWithCode(server, upper).status, 200);
  ExpectError(LoginWithCode(server, codes[3]), 401, "unauthorized");
  EXPECT_EQ(LoginWithCode(server, codes[4]).status, 200);
  auto audit = server.Get("/api/v1/admin/audit-log?type=totp.recovery_code_used", ada.Bearer());
  EXPECT_EQ(audit.Json().at("items").as_array().size(), 2u) << audit.body;
}

TEST(AuthTotp, DisableNeedsThePasswordOrAFreshSignIn) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  std::vector<std::string> codes;
  EnableTotp(server, ada, codes);
  AgeSession(server, SessionIdOf(ada.access_token), 11 * 60 * 1000);
  auto stale = server.Send("POST", "/api/v1/auth/totp/disable", "", ada.Bearer());
  ExpectError(stale, 422, "validation_failed");
  EXPECT_EQ(stale.Json().at("error").at("fields").at("password").as_string(),
            "is required to confirm this change");
  auto wrong = server.Send("POST", "/api/v1/auth/totp/disable", Body({{"password", "nope nope"}}),
                           ada.Bearer());
  ExpectError(wrong, 422, "validation_failed");
  EXPECT_EQ(wrong.Json().at("error").at("fields").at("password").as_string(), "is incorrect");
  ASSERT_EQ(
      server
          .Send("POST", "/api/v1/auth/totp/disable", Body({{"password", kPassword}}), ada.Bearer())
          .status,
      204);
  EXPECT_FALSE(server.Get("/api/v1/me", ada.Bearer()).Json().at("totp_enabled").as_bool());
  Login(server, "ada@example.com");                        // no code needed any more
  EXPECT_EQ(LoginWithCode(server, codes[0]).status, 200);  // a code is ignored now
  ExpectError(server.Send("POST", "/api/v1/auth/totp/disable", "", ada.Bearer()), 409, "conflict");

  auto audit = server.Get("/api/v1/admin/audit-log?user_id=" + ada.id, ada.Bearer());
  std::set<std::string> types;
  const auto entries = audit.Json();
  for (const auto& e : entries.at("items").as_array()) types.emplace(e.at("type").as_string());
  EXPECT_TRUE(types.contains("totp.enabled"));
  EXPECT_TRUE(types.contains("totp.disabled"));
  EXPECT_TRUE(types.contains("reauth.failed"));
}

TEST(AuthTotp, DisableRightAfterSigningInNeedsNoPassword) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  std::vector<std::string> codes;
  EnableTotp(server, ada, codes);
  EXPECT_EQ(server.Send("POST", "/api/v1/auth/totp/disable", "{}", ada.Bearer()).status, 204);
}

}  // namespace
}  // namespace ws::test
