// Attacks on authentication: brute force, timing, forged and malformed
// tokens, request floods, secrets in logs.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "modules/auth/jwt.hpp"
#include "support/auth_helpers.hpp"

namespace ws::test {
namespace {

using namespace std::chrono_literals;

void ExpectError(const HttpResponse& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.ErrorCode(), code) << r.body;
}

HttpResponse LoginAttempt(TestServer& server, const std::string& email, const std::string& password,
                          const std::string& ip = "") {
  std::map<std::string, std::string> headers;
  if (!ip.empty()) headers["X-Forwarded-For"] = ip;
  return server.Send("POST", "/api/v1/auth/login", Body({{"email", email}, {"password", password}}),
                     headers);
}

TEST(AuthSecurity, BruteForceOnOneAccountIs429OnTheSixthFailure) {
  TestServer server;
  server.Boot();
  Register(server, "ada@example.com");
  for (int i = 1; i <= 5; ++i) {
    ExpectError(LoginAttempt(server, "ada@example.com", "wrong password " + std::to_string(i)), 401,
                "unauthorized");
  }
  auto sixth = LoginAttempt(server, "ada@example.com", "wrong password 6");
  ExpectError(sixth, 429, "rate_limited");
  const int retry = std::stoi(sixth.Header("retry-after"));
  EXPECT_GT(retry, 0);
  EXPECT_LE(retry, 300);
  // Refused before the password is checked: the right one does not help now.
  ExpectError(LoginAttempt(server, "ada@example.com", kPassword), 429, "rate_limited");
  // An unknown address gets the same treatment, so 429 says nothing about existence.
  for (int i = 0; i < 5; ++i) LoginAttempt(server, "ghost@example.com", "wrong password");
  ExpectError(LoginAttempt(server, "ghost@example.com", "wrong password"), 429, "rate_limited");
}

TEST(AuthSecurity, TwentyFailuresFromOneIpBlockThatIp) {
  TestServer server([](Config& c) { c.trust_proxy = true; });
  server.Boot();
  Register(server, "ada@example.com");
  for (int i = 0; i < 20; ++i) {
    ExpectError(LoginAttempt(server, "user" + std::to_string(i) + "@example.com", "wrong password",
                             "203.0.113.7"),
                401, "unauthorized");
  }
  ExpectError(LoginAttempt(server, "ada@example.com", kPassword, "203.0.113.7"), 429,
              "rate_limited");
  EXPECT_EQ(LoginAttempt(server, "ada@example.com", kPassword, "198.51.100.1").status, 200);
}

TEST(AuthSecurity, UnknownEmailAndWrongPasswordTakeTheSameTime) {
  TestServer server([](Config& c) { c.trust_proxy = true; });
  server.Boot();
  Register(server, "ada@example.com");
  const auto time_one = [&](const std::string& email, int i) {
    const auto start = std::chrono::steady_clock::now();
    auto r = LoginAttempt(server, email, "wrong password", "192.0.2." + std::to_string(i));
    EXPECT_EQ(r.status, 401) << r.body;
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
  };
  time_one("warmup@example.com", 100);
  std::vector<double> unknown, wrong;
  for (int i = 0; i < 5; ++i) {
    unknown.push_back(time_one("nobody" + std::to_string(i) + "@example.com", i));
    wrong.push_back(time_one("ada@example.com", 10 + i));
  }
  std::sort(unknown.begin(), unknown.end());
  std::sort(wrong.begin(), wrong.end());
  const double ratio = unknown[2] / wrong[2];
  EXPECT_GT(ratio, 0.5) << "unknown " << unknown[2] << " ms, wrong password " << wrong[2] << " ms";
  EXPECT_LT(ratio, 2.0) << "unknown " << unknown[2] << " ms, wrong password " << wrong[2] << " ms";
  EXPECT_GT(wrong[2], 2.0);  // argon2 really ran
}

TEST(AuthSecurity, ManySignInsAtOnceDoNotStallOtherRequests) {
  TestServer server([](Config& c) {
    c.trust_proxy = true;
    c.rate_limit_per_ip = 0;
  });
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  std::atomic<bool> stop{false};
  std::atomic<int> signed_in{0}, busy{0}, unexpected{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 12; ++t) {
    clients.emplace_back([&, t] {
      while (!stop) {
        auto r = LoginAttempt(server, "ada@example.com", kPassword, "10.0.0." + std::to_string(t));
        if (r.status == 200) {
          ++signed_in;
        } else if (r.status == 503 && r.Header("retry-after") == "1") {
          ++busy;
        } else {
          ++unexpected;
        }
      }
    });
  }
  std::this_thread::sleep_for(300ms);
  std::vector<double> latencies;
  for (int i = 0; i < 20; ++i) {
    const auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(server.Get("/api/v1/me", ada.Bearer()).status, 200);
    latencies.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  stop = true;
  for (auto& c : clients) c.join();
  std::sort(latencies.begin(), latencies.end());
  EXPECT_GT(signed_in.load(), 0);
  EXPECT_EQ(unexpected.load(), 0);
  EXPECT_LT(latencies[10], 250.0) << "median GET /me under sign-in load";
  EXPECT_LT(latencies.back(), 1500.0) << "slowest GET /me under sign-in load";
  std::printf(
      "GET /me under sign-in load: median %.1f ms, max %.1f ms; %d sign-ins, %d told to retry\n",
      latencies[10], latencies.back(), signed_in.load(), busy.load());
}

/// A token with any header and payload, signed the way the server derives
/// its key from `secret` (HMAC-SHA256(secret, purpose), see jwt.hpp).
std::string Forge(const boost::json::object& header, const boost::json::object& payload,
                  const std::string& secret) {
  const std::string head = Base64UrlEncode(boost::json::serialize(header));
  const std::string body = Base64UrlEncode(boost::json::serialize(payload));
  const std::string key = HmacSha256(secret, "workstead access token signing key v1");
  return head + "." + body + "." + Base64UrlEncode(HmacSha256(key, head + "." + body));
}

TEST(AuthSecurity, MalformedAndForgedAccessTokensAre401) {
  TestServer server;
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  const std::string secret(48, 'k');
  const std::string kid = auth::Keyring::FromSecrets({secret})->current_kid();
  const std::string sid = SessionIdOf(ada.access_token);
  const int64_t now = NowMillis() / 1000;
  const boost::json::object good_header{{"alg", "HS256"}, {"typ", "JWT"}, {"kid", kid}};
  const boost::json::object good_claims{
      {"sub", ada.id}, {"sid", sid}, {"iat", now}, {"exp", now + 600}};
  // The forging helper is right: a well-formed token made with it is accepted.
  ASSERT_EQ(server
                .Get("/api/v1/me",
                     {{"Authorization", "Bearer " + Forge(good_header, good_claims, secret)}})
                .status,
            200);

  const auto with = [](boost::json::object o, const char* key, boost::json::value v) {
    o[key] = std::move(v);
    return o;
  };
  const auto without = [](boost::json::object o, const char* key) {
    o.erase(key);
    return o;
  };
  std::string tampered = ada.access_token;
  tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
  const std::string none_token =
      Base64UrlEncode(R"({"alg":"none","typ":"JWT","kid":")" + kid + "\"}") + "." +
      Base64UrlEncode(boost::json::serialize(good_claims)) + ".";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"empty", ""},
      {"one part", "abc"},
      {"two parts", "abc.def"},
      {"four parts", ada.access_token + ".x"},
      {"bad base64", "!!!." + ada.access_token.substr(ada.access_token.find('.') + 1)},
      {"padding", ada.access_token + "="},
      {"alg none", none_token},
      {"alg none signed", Forge(with(good_header, "alg", "none"), good_claims, secret)},
      {"alg RS256", Forge(with(good_header, "alg", "RS256"), good_claims, secret)},
      {"alg hs256", Forge(with(good_header, "alg", "hs256"), good_claims, secret)},
      {"no alg", Forge(without(good_header, "alg"), good_claims, secret)},
      {"no kid", Forge(without(good_header, "kid"), good_claims, secret)},
      {"unknown kid", Forge(with(good_header, "kid", "0123456789abcdef"), good_claims, secret)},
      {"other key", Forge(good_header, good_claims, std::string(48, 'z'))},
      {"jku header",
       Forge(with(good_header, "jku", "https://evil.example/keys"), good_claims, secret)},
      {"typ not JWT", Forge(with(good_header, "typ", "at+jwt"), good_claims, secret)},
      {"wrong signature", tampered},
      {"expired", Forge(good_header, with(good_claims, "exp", now - 1), secret)},
      {"issued in the future", Forge(good_header, with(good_claims, "iat", now + 3600), secret)},
      {"not yet valid", Forge(good_header, with(good_claims, "nbf", now + 3600), secret)},
      {"exp as string", Forge(good_header, with(good_claims, "exp", "9999999999"), secret)},
      {"no sub", Forge(good_header, without(good_claims, "sub"), secret)},
      {"no sid", Forge(good_header, without(good_claims, "sid"), secret)},
      {"unknown session",
       Forge(good_header, with(good_claims, "sid", "01900000-0000-7000-8000-000000000000"),
             secret)},
      {"sub of another user",
       Forge(good_header, with(good_claims, "sub", "01900000-0000-7000-8000-000000000001"),
             secret)},
      {"header not JSON", Base64UrlEncode("nope") + "." + Base64UrlEncode("{}") + ".sig"},
      {"huge", std::string(5000, 'a') + ".b.c"},
      {"api token guess", "wst_" + RandomToken()},
  };
  for (const auto& [what, token] : cases) {
    SCOPED_TRACE(what);
    auto r = server.Get("/api/v1/me", {{"Authorization", "Bearer " + token}});
    ExpectError(r, 401, "unauthorized");
    EXPECT_EQ(r.body.find("exception"), std::string::npos) << r.body;
  }
  ExpectError(server.Get("/api/v1/me", {{"Authorization", "Basic YWRhOnB3"}}), 401, "unauthorized");
  ExpectError(server.Get("/api/v1/me", {{"Authorization", ada.access_token}}), 401, "unauthorized");
  EXPECT_EQ(server.Get("/api/v1/me", {{"Authorization", "bearer " + ada.access_token}}).status,
            200);
}

TEST(AuthSecurity, APreviousKeyStillVerifiesAfterRotation) {
  const std::string old_key(48, 'k');
  const std::string new_key(48, 'n');
  TestServer server([&](Config& c) { c.secret_key = new_key + "\n" + old_key; });
  server.Boot();
  const Account ada = Register(server, "ada@example.com");
  auto new_ring = auth::Keyring::FromSecrets({new_key});
  auto old_ring = auth::Keyring::FromSecrets({old_key});
  const int64_t now = NowMillis() / 1000;
  const auth::AccessClaims claims{ada.id, SessionIdOf(ada.access_token), now, now + 600};
  EXPECT_EQ(
      server.Get("/api/v1/me", {{"Authorization", "Bearer " + old_ring->Sign(claims)}}).status,
      200);
  EXPECT_EQ(
      server.Get("/api/v1/me", {{"Authorization", "Bearer " + new_ring->Sign(claims)}}).status,
      200);
  // New tokens are signed with the new (first) key.
  auto header = boost::json::parse([&] {
    std::string out;
    Base64UrlDecode(ada.access_token.substr(0, ada.access_token.find('.')), out);
    return out;
  }());
  EXPECT_EQ(header.at("kid").as_string(), new_ring->current_kid());
  EXPECT_EQ(header.at("alg").as_string(), "HS256");
  EXPECT_EQ(header.at("typ").as_string(), "JWT");
}

TEST(AuthSecurity, AGeneratedSecretKeyIsPrivateToTheOwner) {
  TestServer server([](Config& c) { c.secret_key.clear(); });
  server.Boot();
  const std::string path = server.data_dir() + "/secret.key";
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  std::ifstream in(path);
  std::string key;
  std::getline(in, key);
  EXPECT_EQ(key.size(), 86u);  // 64 random bytes, base64url
  const Account ada = Register(server, "ada@example.com");
  EXPECT_EQ(server.Get("/api/v1/me", ada.Bearer()).status, 200);
}

TEST(AuthSecurity, ThePerIpRequestLimitAnswers429WithHeaders) {
  TestServer server([](Config& c) { c.rate_limit_per_ip = 5; });
  server.Boot();
  for (int i = 0; i < 5; ++i) {
    auto r = server.Get("/api/v1/meta");
    ASSERT_EQ(r.status, 200) << i;
    EXPECT_EQ(r.Header("ratelimit-limit"), "5");
    EXPECT_EQ(r.Header("ratelimit-remaining"), std::to_string(4 - i));
    EXPECT_FALSE(r.Header("ratelimit-reset").empty());
  }
  auto limited = server.Get("/api/v1/meta");
  ExpectError(limited, 429, "rate_limited");
  EXPECT_FALSE(limited.Header("retry-after").empty());
  EXPECT_EQ(limited.Header("ratelimit-remaining"), "0");
  ExpectError(server.Send("POST", "/api/v1/auth/login",
                          Body({{"email", "a@example.com"}, {"password", kPassword}})),
              429, "rate_limited");
  // Health checks are never limited.
  for (int i = 0; i < 20; ++i) ASSERT_EQ(server.Get("/healthz").status, 200);
  EXPECT_EQ(server.Get("/metrics").status, 200);
  std::this_thread::sleep_for(1100ms);
  EXPECT_EQ(server.Get("/api/v1/meta").status, 200);
}

TEST(AuthSecurity, ZeroTurnsThePerIpLimitOff) {
  TestServer server([](Config& c) { c.rate_limit_per_ip = 0; });
  server.Boot();
  for (int i = 0; i < 150; ++i) ASSERT_EQ(server.Get("/api/v1/meta").status, 200);
  EXPECT_EQ(server.Get("/api/v1/meta").Header("ratelimit-limit"), "");
}

TEST(AuthSecurity, SecretsNeverAppearInTheLog) {
  TempDir logs;
  const std::string log_path = logs.path() + "/workstead.log";
  ASSERT_TRUE(log::SetFile(log_path));
  TestServer server;
  log::SetLevel(log::Level::kDebug);
  server.Boot();
  std::vector<std::string> secrets;
  const Account ada = Register(server, "ada@example.com");
  secrets.insert(secrets.end(), {ada.access_token, ada.refresh_token, ada.csrf_token, kPassword});
  const Account again = Login(server, "ada@example.com");
  secrets.insert(secrets.end(), {again.access_token, again.refresh_token});
  auto refreshed = server.Send("POST", "/api/v1/auth/refresh", "", again.Cookies());
  ASSERT_EQ(refreshed.status, 200);
  const Account next = FromAuthAnswer(refreshed, kPassword);
  secrets.insert(secrets.end(), {next.access_token, next.refresh_token, next.csrf_token});
  server.Send("POST", "/api/v1/auth/refresh",
              Body({{"refresh_token", again.refresh_token}}));  // reuse
  auto token = server.Send("POST", "/api/v1/me/tokens", Body({{"name", "ci"}}), ada.Bearer());
  ASSERT_EQ(token.status, 201) << token.body;
  const std::string api_token(token.Json().at("token").as_string());
  secrets.push_back(api_token);
  EXPECT_EQ(server.Get("/api/v1/me", {{"Authorization", "Bearer " + api_token}}).status, 200);
  server.Get("/api/v1/me", {{"Authorization", "Bearer " + api_token + "x"}});
  LoginAttempt(server, "ada@example.com", "a wrong password!");
  secrets.push_back("a wrong password!");
  ASSERT_EQ(server.Send("POST", "/api/v1/auth/password-reset", Body({{"email", "ada@example.com"}}))
                .status,
            202);
  auto mails = Outbox(server, 2);
  ASSERT_EQ(mails.size(), 2u);
  const std::string reset = TokenAfter(mails[1].body, "/reset-password?token=");
  ASSERT_EQ(reset.size(), 43u) << mails[1].body;
  secrets.push_back(reset);
  secrets.push_back(TokenAfter(mails[0].body, "/verify-email?token="));
  const std::string new_password = "a brand new passphrase";
  secrets.push_back(new_password);
  ASSERT_EQ(server
                .Send("POST", "/api/v1/auth/password-reset/confirm",
                      Body({{"token", reset}, {"password", new_password}}))
                .status,
            204);
  server.Stop();
  log::SetFile("");
  log::SetLevel(log::Level::kWarn);

  std::ifstream in(log_path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string log = text.str();
  EXPECT_NE(log.find("\"route\":\"/api/v1/auth/login\""), std::string::npos);  // it did log
  for (const auto& secret : secrets) {
    ASSERT_FALSE(secret.empty());
    EXPECT_EQ(log.find(secret), std::string::npos) << "secret in the log: " << secret.substr(0, 12);
  }
}

}  // namespace
}  // namespace ws::test
