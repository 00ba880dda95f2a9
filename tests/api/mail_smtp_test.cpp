// The SMTP mailer against a real SMTP server: Debian's aiosmtpd on loopback,
// storing what it receives in a maildir.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "core/ids.hpp"
#include "mail/mailer.hpp"
#include "support/mail_text.hpp"
#include "support/smtp_sink.hpp"

namespace ws::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class MailSmtp : public testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(testing::TempDir()) / ("mail_smtp_" + NewId());
    fs::create_directories(root_ / "data");
  }
  void TearDown() override { fs::remove_all(root_); }

  Config MakeConfig(const std::string& smtp_url) const {
    Config config;
    config.data_dir = (root_ / "data").string();
    config.smtp_url = smtp_url;
    config.mail_from = "Workstead <noreply@workstead.test>";
    return config;
  }

  fs::path root_;
};

TEST_F(MailSmtp, DeliversToARealSmtpServer) {
  SmtpSink sink;
  auto mailer = mail::MakeMailer(MakeConfig(sink.url()));
  ASSERT_TRUE(mailer) << mailer.error().detail;
  const std::string link = "https://ws.example.com/reset?token=" + std::string(90, 'z');
  const Status sent = (*mailer)->Send({"ada@example.com", "Café ✓",
                                       "Hello Ada,\n\nReset your password: " + link + "\n",
                                       "<p><a href=\"" + link + "\">Reset</a></p>"});
  ASSERT_TRUE(sent) << sent.error().detail;

  const std::vector<std::string> received = sink.WaitFor(1);
  ASSERT_EQ(received.size(), 1u) << sink.Stderr();
  const std::string& eml = received[0];
  EXPECT_EQ(MailHeader(eml, "X-RcptTo"), "ada@example.com");
  EXPECT_EQ(MailHeader(eml, "X-MailFrom"), "noreply@workstead.test");
  EXPECT_EQ(MailHeader(eml, "To"), "ada@example.com");
  EXPECT_EQ(MailHeader(eml, "From"), "Workstead <noreply@workstead.test>");
  EXPECT_EQ(MailHeader(eml, "Subject"), "=?UTF-8?B?Q2Fmw6kg4pyT?=");  // base64 of "Café ✓"
  const std::string body = DecodeQuotedPrintable(eml.substr(eml.find("\r\n\r\n") + 4));
  EXPECT_NE(body.find("Reset your password: " + link), std::string::npos) << eml;
  EXPECT_NE(body.find("<a href=\"" + link + "\">"), std::string::npos) << eml;
}

TEST_F(MailSmtp, UnreachableServerIsUnavailableWithoutThePassword) {
  const uint16_t dead_port = FreeLoopbackPort();
  ASSERT_NE(dead_port, 0);
  auto mailer =
      mail::MakeMailer(MakeConfig("smtp://user:s3cret@127.0.0.1:" + std::to_string(dead_port)));
  ASSERT_TRUE(mailer) << mailer.error().detail;
  const auto start = std::chrono::steady_clock::now();
  const Status sent = (*mailer)->Send({"ada@example.com", "Hi", "x", ""});
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(sent.error().detail.empty());
  EXPECT_EQ(sent.error().detail.find("s3cret"), std::string::npos) << sent.error().detail;
  EXPECT_EQ(sent.error().message.find("s3cret"), std::string::npos);
}

}  // namespace
}  // namespace ws::test
