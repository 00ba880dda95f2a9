// The SMTP mailer against a real SMTP server: Debian's aiosmtpd on loopback,
// storing what it receives in a maildir.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/ids.hpp"
#include "mail/mailer.hpp"
#include "support/process.hpp"

namespace ws::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

/// A loopback port that was free a moment ago.
uint16_t FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    ::close(fd);
    return 0;
  }
  ::close(fd);
  return ntohs(address.sin_port);
}

bool Accepts(uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

/// The value of the first `name:` header, or "".
std::string Header(const std::string& eml, const std::string& name) {
  std::istringstream in(eml.substr(0, eml.find("\r\n\r\n")));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind(name + ": ", 0) == 0) return line.substr(name.size() + 2);
  }
  return "";
}

std::string DecodeQuotedPrintable(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
    } else if (text.compare(i + 1, 2, "\r\n") == 0) {
      i += 2;
    } else if (i + 2 >= text.size() || !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
               !std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += '=';  // a boundary such as "=_ws_…", not an escape
    } else {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    }
  }
  return out;
}

/// The maildir's messages, with line endings back to CRLF.
std::vector<std::string> Received(const fs::path& maildir) {
  std::vector<std::string> messages;
  if (!fs::exists(maildir / "new")) return messages;
  for (const auto& entry : fs::directory_iterator(maildir / "new")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text, crlf;
    std::getline(in, text, '\0');
    for (const char c : text) {
      if (c == '\n') crlf += '\r';
      if (c != '\r') crlf += c;
    }
    messages.push_back(crlf);
  }
  return messages;
}

class MailSmtp : public testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(testing::TempDir()) / ("mail_smtp_" + NewId());
    fs::create_directories(root_ / "data");
  }
  void TearDown() override {
    if (server_) {
      server_->Kill(SIGTERM);
      server_->Wait();
    }
    fs::remove_all(root_);
  }

  /// Starts aiosmtpd on a free port and waits until it accepts connections.
  uint16_t StartServer() {
    const uint16_t port = FreePort();
    EXPECT_NE(port, 0);
    server_ = std::make_unique<Child>(std::vector<std::string>{
        "/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port), "-c",
        "aiosmtpd.handlers.Mailbox", (root_ / "maildir").string()});
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!Accepts(port)) {
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "aiosmtpd did not start: " << server_->Stderr();
        return 0;
      }
      std::this_thread::sleep_for(50ms);
    }
    return port;
  }

  Config MakeConfig(const std::string& smtp_url) const {
    Config config;
    config.data_dir = (root_ / "data").string();
    config.smtp_url = smtp_url;
    config.mail_from = "Workstead <noreply@workstead.test>";
    return config;
  }

  fs::path root_;
  std::unique_ptr<Child> server_;
};

TEST_F(MailSmtp, DeliversToARealSmtpServer) {
  const uint16_t port = StartServer();
  ASSERT_NE(port, 0);
  auto mailer = mail::MakeMailer(MakeConfig("smtp://127.0.0.1:" + std::to_string(port)));
  ASSERT_TRUE(mailer) << mailer.error().detail;
  const std::string link = "https://ws.example.com/reset?token=" + std::string(90, 'z');
  const Status sent = (*mailer)->Send({"ada@example.com", "Café ✓",
                                       "Hello Ada,\n\nReset your password: " + link + "\n",
                                       "<p><a href=\"" + link + "\">Reset</a></p>"});
  ASSERT_TRUE(sent) << sent.error().detail;

  std::vector<std::string> received;
  for (int i = 0; i < 100 && received.empty(); ++i) {
    received = Received(root_ / "maildir");
    if (received.empty()) std::this_thread::sleep_for(50ms);
  }
  ASSERT_EQ(received.size(), 1u);
  const std::string& eml = received[0];
  EXPECT_EQ(Header(eml, "X-RcptTo"), "ada@example.com");
  EXPECT_EQ(Header(eml, "X-MailFrom"), "noreply@workstead.test");
  EXPECT_EQ(Header(eml, "To"), "ada@example.com");
  EXPECT_EQ(Header(eml, "From"), "Workstead <noreply@workstead.test>");
  EXPECT_EQ(Header(eml, "Subject"), "=?UTF-8?B?Q2Fmw6kg4pyT?=");  // base64 of "Café ✓"
  const std::string body = DecodeQuotedPrintable(eml.substr(eml.find("\r\n\r\n") + 4));
  EXPECT_NE(body.find("Reset your password: " + link), std::string::npos) << eml;
  EXPECT_NE(body.find("<a href=\"" + link + "\">"), std::string::npos) << eml;
}

TEST_F(MailSmtp, UnreachableServerIsUnavailableWithoutThePassword) {
  const uint16_t dead_port = FreePort();
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
