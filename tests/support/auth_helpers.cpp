#include "support/auth_helpers.hpp"

#include <gtest/gtest.h>
#include <strings.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/crypto.hpp"
#include "db/database.hpp"
#include "support/mail_text.hpp"

namespace ws::test {

std::map<std::string, std::string> Account::Bearer(std::map<std::string, std::string> extra) const {
  extra["Authorization"] = "Bearer " + access_token;
  return extra;
}

std::map<std::string, std::string> Account::Cookies(bool with_csrf_header) const {
  std::map<std::string, std::string> h{
      {"Cookie", "ws_refresh=" + refresh_token + "; ws_csrf=" + csrf_token}};
  if (with_csrf_header) h["X-CSRF-Token"] = csrf_token;
  return h;
}

std::string SetCookieLine(const HttpResponse& response, std::string_view name) {
  const std::string prefix = std::string(name) + "=";
  for (const auto& [k, v] : response.headers) {
    if (strcasecmp(k.c_str(), "set-cookie") == 0 && v.starts_with(prefix)) return v;
  }
  return "";
}

std::string SetCookie(const HttpResponse& response, std::string_view name) {
  const std::string line = SetCookieLine(response, name);
  if (line.empty()) return "";
  const size_t start = name.size() + 1;
  return line.substr(start, line.find(';') - start);
}

int64_t CookieMaxAge(const HttpResponse& response, std::string_view name) {
  const std::string line = SetCookieLine(response, name);
  const size_t at = line.find("; Max-Age=");
  if (at == std::string::npos) return -1;
  return std::stoll(line.substr(at + 10));
}

std::string Body(const boost::json::object& object) { return boost::json::serialize(object); }

Account FromAuthAnswer(const HttpResponse& response, const std::string& password) {
  Account a;
  const auto json = response.Json();
  if (!json.is_object() || !json.as_object().contains("user")) {
    ADD_FAILURE() << "not an auth answer: " << response.status << " " << response.body;
    return a;
  }
  a.user = json.at("user").as_object();
  a.id = std::string(a.user.at("id").as_string());
  a.email = std::string(a.user.at("email").as_string());
  a.password = password;
  a.access_token = std::string(json.at("access_token").as_string());
  a.refresh_token = SetCookie(response, "ws_refresh");
  a.csrf_token = SetCookie(response, "ws_csrf");
  return a;
}

Account Register(TestServer& server, const std::string& email, const std::string& password,
                 const std::string& name) {
  auto r = server.Send("POST", "/api/v1/auth/register",
                       Body({{"email", email}, {"password", password}, {"name", name}}));
  EXPECT_EQ(r.status, 201) << r.body;
  return FromAuthAnswer(r, password);
}

Account Login(TestServer& server, const std::string& email, const std::string& password) {
  auto r =
      server.Send("POST", "/api/v1/auth/login", Body({{"email", email}, {"password", password}}));
  EXPECT_EQ(r.status, 200) << r.body;
  return FromAuthAnswer(r, password);
}

Account CreateUser(TestServer& server, const Account& admin, const std::string& email,
                   bool instance_admin) {
  auto r = server.Send("POST", "/api/v1/admin/users",
                       Body({{"email", email},
                             {"name", "User " + email.substr(0, email.find('@'))},
                             {"password", kPassword},
                             {"is_instance_admin", instance_admin}}),
                       admin.Bearer());
  EXPECT_EQ(r.status, 201) << r.body;
  return Login(server, email);
}

void SetRegistration(TestServer& server, const Account& admin, const std::string& mode) {
  auto r = server.Send("PATCH", "/api/v1/admin/settings", Body({{"registration", mode}}),
                       admin.Bearer());
  EXPECT_EQ(r.status, 200) << r.body;
}

Mail ParseMail(const std::string& raw) {
  size_t split = raw.find("\r\n\r\n");
  size_t skip = 4;
  if (split == std::string::npos) {
    split = raw.find("\n\n");
    skip = 2;
  }
  const std::string head = raw.substr(0, split);
  std::string body = split == std::string::npos ? "" : raw.substr(split + skip);
  Mail mail;
  bool qp = false;
  std::istringstream lines(head);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    if (strcasecmp(name.c_str(), "to") == 0) mail.to = value;
    if (strcasecmp(name.c_str(), "subject") == 0) mail.subject = value;
    if (strcasecmp(name.c_str(), "content-transfer-encoding") == 0) {
      qp = strcasecmp(value.c_str(), "quoted-printable") == 0;
    }
  }
  mail.body = qp ? DecodeQuotedPrintable(body) : body;
  return mail;
}

std::vector<Mail> Outbox(TestServer& server, size_t count, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  const std::filesystem::path folder = std::filesystem::path(server.data_dir()) / "outbox";
  for (;;) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
      if (entry.path().extension() == ".eml") files.push_back(entry.path());
    }
    if (files.size() >= count || std::chrono::steady_clock::now() > deadline) {
      std::sort(files.begin(), files.end());
      std::vector<Mail> out;
      for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        out.push_back(ParseMail(text.str()));
      }
      return out;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string TokenAfter(const std::string& text, std::string_view marker) {
  const size_t at = text.find(marker);
  if (at == std::string::npos) return "";
  size_t end = at + marker.size();
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                               text[end] == '-' || text[end] == '_')) {
    ++end;
  }
  return text.substr(at + marker.size(), end - at - marker.size());
}

void AgeSession(TestServer& server, const std::string& session_id, int64_t ms) {
  Status s = server.app().database().Write([&](db::Conn& c) -> Status {
    auto r = c.Exec(
        "UPDATE sessions SET last_used_at = last_used_at - ?, created_at = created_at - ?, "
        "auth_at = auth_at - ? WHERE id = ?",
        ms, ms, ms, session_id);
    if (!r) return std::move(r).error();
    return {};
  });
  ASSERT_TRUE(s.ok()) << s.error().detail;
}

std::string SessionIdOf(const std::string& access_token) {
  const size_t first = access_token.find('.');
  const size_t second = access_token.find('.', first + 1);
  std::string payload;
  if (first == std::string::npos || second == std::string::npos ||
      !Base64UrlDecode(access_token.substr(first + 1, second - first - 1), payload)) {
    return "";
  }
  return std::string(boost::json::parse(payload).at("sid").as_string());
}

}  // namespace ws::test
