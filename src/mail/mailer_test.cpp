#include "mail/mailer.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

#include "core/ids.hpp"
#include "support/mail_text.hpp"

namespace ws::mail {
namespace {

namespace fs = std::filesystem;
using test::DecodeQuotedPrintable;
using test::MailHeader;

const std::string kFrom = "Workstead <workstead@example.com>";

std::vector<std::string> Split(const std::string& text, const std::string& separator) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t at; (at = text.find(separator, start)) != text.npos; start = at + separator.size()) {
    out.push_back(text.substr(start, at - start));
  }
  out.push_back(text.substr(start));
  return out;
}

std::string DecodeBase64(const std::string& text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    if (c == '=') break;
    buffer = (buffer << 6) | uint32_t(kAlphabet.find(c));
    bits += 6;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

/// Joins the RFC 2047 words of a header value (whitespace between them drops).
std::string DecodeWords(const std::string& value) {
  static const std::regex kWord(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=)");
  std::string out;
  for (std::sregex_iterator it(value.begin(), value.end(), kWord), end; it != end; ++it) {
    out += DecodeBase64((*it)[1].str());
  }
  return out;
}

void ExpectCrlfAndShortLines(const std::string& eml) {
  for (size_t i = 0; i < eml.size(); ++i) {
    if (eml[i] == '\n') {
      ASSERT_TRUE(i > 0 && eml[i - 1] == '\r') << "bare LF at " << i;
    }
    if (eml[i] == '\r') {
      ASSERT_TRUE(i + 1 < eml.size() && eml[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  for (const std::string& line : Split(eml, "\r\n")) EXPECT_LE(line.size(), 78u) << line;
}

TEST(MailRender, TextOnlyHasHeadersCrlfAndQuotedPrintable) {
  const std::string text =
      "Hello Ada,\n\nReset your password: https://ws.example.com/reset?token=abc_123\n"
      ".a line starting with a dot\nnon-ASCII: Zoë — ✓ " +
      std::string(120, 'x') + "\ntrailing space ";
  const std::string eml = Render({"ada@example.com", "Hello", text, ""}, kFrom);
  ExpectCrlfAndShortLines(eml);
  EXPECT_TRUE(std::regex_match(MailHeader(eml, "Date"),
                               std::regex(R"([A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} )"
                                          R"(\d{2}:\d{2}:\d{2} \+0000)")))
      << MailHeader(eml, "Date");
  EXPECT_EQ(MailHeader(eml, "From"), kFrom);
  EXPECT_EQ(MailHeader(eml, "To"), "ada@example.com");
  EXPECT_EQ(MailHeader(eml, "Subject"), "Hello");
  EXPECT_TRUE(
      std::regex_match(MailHeader(eml, "Message-ID"), std::regex("<[0-9a-f]{32}@workstead>")));
  EXPECT_EQ(MailHeader(eml, "MIME-Version"), "1.0");
  EXPECT_EQ(MailHeader(eml, "Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(MailHeader(eml, "Content-Transfer-Encoding"), "quoted-printable");
  const std::string body = eml.substr(eml.find("\r\n\r\n") + 4);
  EXPECT_EQ(body.find("\r\n."), body.npos);
  std::string expected = std::regex_replace(text, std::regex("\n"), "\r\n") + "\r\n";
  EXPECT_EQ(DecodeQuotedPrintable(body), expected);
  EXPECT_NE(Render({"ada@example.com", "Hello", text, ""}, kFrom), eml);  // new Message-ID
}

TEST(MailRender, EncodesNonAsciiSubjectAndFromName) {
  std::string eml = Render({"ada@example.com", "Café ✓", "hi", ""}, kFrom);
  EXPECT_EQ(MailHeader(eml, "Subject"), "=?UTF-8?B?Q2Fmw6kg4pyT?=");
  const std::string long_subject =
      "Réinitialisez votre mot de passe — " + std::string(60, 'e') + " ✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓ fin";
  eml = Render({"ada@example.com", long_subject, "hi", ""}, "Zoë <zoe@example.com>");
  ExpectCrlfAndShortLines(eml);
  EXPECT_EQ(DecodeWords(MailHeader(eml, "Subject")), long_subject);
  EXPECT_EQ(DecodeWords(MailHeader(eml, "From")), "Zoë");
  EXPECT_NE(MailHeader(eml, "From").find(" <zoe@example.com>"), std::string::npos);
  // ASCII that merely looks like an encoded word is encoded, not passed through.
  eml = Render({"ada@example.com", "=?UTF-8?B?SGk=?=", "hi", ""}, kFrom);
  EXPECT_EQ(DecodeWords(MailHeader(eml, "Subject")), "=?UTF-8?B?SGk=?=");
}

TEST(MailRender, HtmlMakesMultipartAlternative) {
  const std::string eml = Render(
      {"ada@example.com", "Hi", "Plain link", "<p><a href=\"https://x.test/a\">go</a></p>"}, kFrom);
  ExpectCrlfAndShortLines(eml);
  std::smatch match;
  const std::string type = MailHeader(eml, "Content-Type");
  ASSERT_TRUE(
      std::regex_match(type, match, std::regex(R"re(multipart/alternative; boundary="([^"]+)")re")))
      << type;
  const std::string boundary = match[1];
  // Preamble, text part, html part, and the closing "--".
  const std::vector<std::string> parts = Split(eml, "\r\n--" + boundary);
  ASSERT_EQ(parts.size(), 4u) << eml;
  EXPECT_EQ(parts[3], "--\r\n");
  EXPECT_EQ(parts[1].rfind("\r\nContent-Type: text/plain; charset=utf-8\r\n", 0), 0u);
  EXPECT_EQ(parts[2].rfind("\r\nContent-Type: text/html; charset=utf-8\r\n", 0), 0u);
  EXPECT_NE(DecodeQuotedPrintable(parts[1]).find("Plain link"), std::string::npos);
  EXPECT_NE(DecodeQuotedPrintable(parts[2]).find("<a href=\"https://x.test/a\">go</a>"),
            std::string::npos);
}

TEST(MailRender, NeverEmitsAnInjectedHeaderLine) {
  const std::string eml =
      Render({"ada@example.com\r\nBcc: eve@example.com", "Hi\nBcc: eve@example.com", "x", ""},
             "Workstead <a@example.com>\r\nBcc: eve@example.com");
  for (const std::string& line : Split(eml, "\r\n")) EXPECT_NE(line.rfind("Bcc:", 0), 0u) << line;
}

class MailOutbox : public testing::Test {
 protected:
  void SetUp() override {
    config_.data_dir = testing::TempDir() + "mail_test_" + NewId();
    fs::create_directories(config_.data_dir);
  }
  void TearDown() override { fs::remove_all(config_.data_dir); }

  std::vector<fs::path> Files() const {
    std::vector<fs::path> files;
    const fs::path outbox = fs::path(config_.data_dir) / "outbox";
    if (!fs::exists(outbox)) return files;
    for (const auto& entry : fs::directory_iterator(outbox)) files.push_back(entry.path());
    return files;
  }

  Config config_;
};

TEST_F(MailOutbox, WritesAParseableEmlFile) {
  auto mailer = MakeMailer(config_);
  ASSERT_TRUE(mailer) << mailer.error().detail;
  const std::string link = "https://ws.example.com/invite?token=" + std::string(80, 'k');
  ASSERT_TRUE((*mailer)->Send({"bob@example.com", "Invitation ✓", "Join: " + link, ""}));
  const std::vector<fs::path> files = Files();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_TRUE(std::regex_match(files[0].filename().string(),
                               std::regex(R"(\d{8}T\d{9}Z-[0-9a-f]{12}\.eml)")))
      << files[0];
  struct stat info {};
  ASSERT_EQ(::stat(files[0].c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  std::ifstream in(files[0], std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  const std::string eml = content.str();
  ExpectCrlfAndShortLines(eml);
  EXPECT_EQ(MailHeader(eml, "To"), "bob@example.com");
  EXPECT_EQ(MailHeader(eml, "From"), config_.mail_from);
  EXPECT_EQ(DecodeWords(MailHeader(eml, "Subject")), "Invitation ✓");
  EXPECT_NE(DecodeQuotedPrintable(eml.substr(eml.find("\r\n\r\n") + 4)).find(link),
            std::string::npos);

  ASSERT_TRUE((*mailer)->Send({"bob@example.com", "Second", "x", ""}));
  EXPECT_EQ(Files().size(), 2u);
}

TEST_F(MailOutbox, RefusesHeaderInjectionAndImplausibleRecipients) {
  auto mailer = MakeMailer(config_);
  ASSERT_TRUE(mailer);
  for (const char* to :
       {"bob@example.com\r\nBcc: eve@example.com", "bob@example.com\n", "bob@example.com\r", "",
        "bob", "bob@", "@example.com", "bob@@example.com", "bob@example.com, eve@example.com",
        "<bob@example.com>", "Bob <bob@example.com>", "bob @example.com", ".bob@example.com",
        "bob..b@example.com", "bob@exa_mple.com", "bob@example..com", "bob@-example.com",
        "bøb@example.com"}) {
    const Status sent = (*mailer)->Send({to, "Hi", "x", ""});
    ASSERT_FALSE(sent) << to;
    EXPECT_EQ(sent.error().code, ErrorCode::kBadRequest) << to;
  }
  for (const char* subject : {"Hi\r\nBcc: eve@example.com", "Hi\nthere", "Hi\r"}) {
    const Status sent = (*mailer)->Send({"bob@example.com", subject, "x", ""});
    ASSERT_FALSE(sent) << subject;
    EXPECT_EQ(sent.error().code, ErrorCode::kBadRequest);
  }
  EXPECT_TRUE(Files().empty());
  EXPECT_TRUE((*mailer)->Send({"bob.o'neil+ws@mail.example.com", "Hi", "x", ""}));
  EXPECT_TRUE((*mailer)->Send({"admin@localhost", "Hi", "x", ""}));
}

TEST(MailMakeMailer, RejectsBadSenderAndSmtpUrl) {
  Config config;
  config.mail_from = "nobody";
  auto mailer = MakeMailer(config);
  ASSERT_FALSE(mailer);
  EXPECT_EQ(mailer.error().code, ErrorCode::kValidationFailed);
  config.mail_from = "Workstead <ws@example.com>\r\nBcc: eve@example.com";
  EXPECT_FALSE(MakeMailer(config));
  config.mail_from = "ws@example.com";
  EXPECT_TRUE(MakeMailer(config));
  config.smtp_url = "http://mail.example.com";
  EXPECT_FALSE(MakeMailer(config));
  config.smtp_url = "smtp://";
  EXPECT_FALSE(MakeMailer(config));
  config.smtp_url = "smtps://user:pw@mail.example.com:465";
  EXPECT_TRUE(MakeMailer(config));
}

}  // namespace
}  // namespace ws::mail
