// Password reset by email: through the outbox folder, and end to end
// through a real SMTP server (Debian's aiosmtpd on loopback).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "support/auth_helpers.hpp"
#include "support/smtp_sink.hpp"

namespace ws::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

void ExpectError(const HttpResponse& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.ErrorCode(), code) << r.body;
}

HttpResponse RequestReset(TestServer& server, const std::string& email) {
  return server.Send("POST", "/api/v1/auth/password-reset", Body({{"email", email}}));
}

HttpResponse ConfirmReset(TestServer& server, const std::string& token,
                          const std::string& password) {
  return server.Send("POST", "/api/v1/auth/password-reset/confirm",
                     Body({{"token", token}, {"password", password}}));
}

TEST(AuthReset, ThroughTheOutboxEndsEverySession) {
  TestServer server;
  server.Boot();
  const Account laptop = Register(server, "ada@example.com");
  const Account phone = Login(server, "ada@example.com");
  auto known = RequestReset(server, "ADA@example.com");
  auto unknown = RequestReset(server, "nobody@example.com");
  EXPECT_EQ(known.status, 202);
  EXPECT_EQ(unknown.status, 202);
  EXPECT_EQ(known.body, unknown.body);  // no enumeration
  auto mails = Outbox(server, 2);
  ASSERT_EQ(mails.size(), 2u);  // the verification mail and one reset mail
  EXPECT_EQ(mails[1].to, "ada@example.com");
  EXPECT_EQ(mails[1].subject, "Reset your Workstead password");
  const std::string token = TokenAfter(mails[1].body, "/reset-password?token=");
  ASSERT_EQ(token.size(), 43u) << mails[1].body;

  // A bad new password leaves the token usable.
  auto weak = ConfirmReset(server, token, "password1");
  ExpectError(weak, 422, "validation_failed");
  EXPECT_TRUE(weak.Json().at("error").at("fields").as_object().contains("password"));
  ExpectError(ConfirmReset(server, "not-a-token", "a brand new passphrase"), 422,
              "validation_failed");
  EXPECT_EQ(server.Get("/api/v1/me", laptop.Bearer()).status, 200);

  ASSERT_EQ(ConfirmReset(server, token, "a brand new passphrase").status, 204);
  ExpectError(server.Get("/api/v1/me", laptop.Bearer()), 401, "unauthorized");
  ExpectError(server.Get("/api/v1/me", phone.Bearer()), 401, "unauthorized");
  ExpectError(
      server.Send("POST", "/api/v1/auth/refresh", Body({{"refresh_token", phone.refresh_token}})),
      401, "unauthorized");
  ExpectError(ConfirmReset(server, token, "yet another passphrase"), 422,
              "validation_failed");  // once
  ExpectError(server.Send("POST", "/api/v1/auth/login",
                          Body({{"email", "ada@example.com"}, {"password", kPassword}})),
              401, "unauthorized");
  const Account after = Login(server, "ada@example.com", "a brand new passphrase");
  EXPECT_TRUE(after.user.at("email_verified").as_bool());  // the link proved the address

  // Nothing was sent for the unknown address, even after a while.
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(Outbox(server, 0).size(), 2u);
}

TEST(AuthReset, ExpiredTokensAndBadInputAreRefused) {
  TestServer server;
  server.Boot();
  Register(server, "ada@example.com");
  ASSERT_EQ(RequestReset(server, "ada@example.com").status, 202);
  auto mails = Outbox(server, 2);
  ASSERT_EQ(mails.size(), 2u);
  const std::string token = TokenAfter(mails[1].body, "/reset-password?token=");
  Status s = server.app().database().Write([](db::Conn& c) -> Status {
    auto r = c.Exec("UPDATE one_time_tokens SET expires_at = 1 WHERE purpose = 'password_reset'");
    if (!r) return std::move(r).error();
    return {};
  });
  ASSERT_TRUE(s.ok());
  ExpectError(ConfirmReset(server, token, "a brand new passphrase"), 422, "validation_failed");
  for (const auto& bad : {std::string("{}"), Body({{"email", "not-an-email"}}),
                          Body({{"email", 7}}), Body({{"email", "a@example.com"}, {"extra", 1}})}) {
    ExpectError(server.Send("POST", "/api/v1/auth/password-reset", bad), 422, "validation_failed");
  }
  ExpectError(server.Send("POST", "/api/v1/auth/password-reset", "nope"), 400, "bad_request");
  ExpectError(
      server.Send("POST", "/api/v1/auth/password-reset/confirm",
                  Body({{"token", std::string(200, 't')}, {"password", "a brand new passphrase"}})),
      422, "validation_failed");
  ExpectError(server.Send("POST", "/api/v1/auth/password-reset/confirm", Body({{"token", token}})),
              422, "validation_failed");
}

TEST(AuthReset, AnAddressGetsAtMostThreeMailsPerQuarterHour) {
  TestServer server;
  server.Boot();
  Register(server, "ada@example.com");
  for (int i = 0; i < 6; ++i) EXPECT_EQ(RequestReset(server, "ada@example.com").status, 202);
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(Outbox(server, 4).size(), 4u);  // one verification + three resets
}

// ---- a real SMTP server ----

TEST(AuthReset, EndToEndThroughARealSmtpServer) {
  SmtpSink smtp;
  {
    TestServer server([&](Config& c) {
      c.smtp_url = smtp.url();
      c.mail_from = "Workstead <noreply@workstead.test>";
    });
    server.Boot();
    const Account ada = Register(server, "ada@example.com");
    ASSERT_EQ(RequestReset(server, "ada@example.com").status, 202);

    std::string token;
    for (int i = 0; i < 200 && token.empty(); ++i) {
      for (const auto& raw : smtp.Messages()) {
        const Mail mail = ParseMail(raw);
        if (mail.subject == "Reset your Workstead password" && mail.to == "ada@example.com") {
          token = TokenAfter(mail.body, "/reset-password?token=");
        }
      }
      if (token.empty()) std::this_thread::sleep_for(50ms);
    }
    ASSERT_EQ(token.size(), 43u) << "no reset mail arrived; aiosmtpd says: " << smtp.Stderr();
    EXPECT_FALSE(fs::exists(fs::path(server.data_dir()) / "outbox"));  // SMTP, not the folder

    ASSERT_EQ(ConfirmReset(server, token, "a brand new passphrase").status, 204);
    ExpectError(server.Get("/api/v1/me", ada.Bearer()), 401, "unauthorized");
    EXPECT_EQ(Login(server, "ada@example.com", "a brand new passphrase").id, ada.id);
  }
}

}  // namespace
}  // namespace ws::test
