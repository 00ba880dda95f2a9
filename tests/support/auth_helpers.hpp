#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "support/http_client.hpp"
#include "support/test_server.hpp"

namespace ws::test {

/// A password that passes the rules.
inline constexpr const char* kPassword = "correct horse battery staple";

/// A signed-in account as a client holds it.
struct Account {
  std::string id;
  std::string email;
  std::string password;
  std::string access_token;
  std::string refresh_token;
  std::string csrf_token;
  boost::json::object user;

  /// `Authorization: Bearer <access token>` (plus `extra`).
  std::map<std::string, std::string> Bearer(std::map<std::string, std::string> extra = {}) const;
  /// The browser's credentials: refresh and CSRF cookies, and the CSRF header.
  std::map<std::string, std::string> Cookies(bool with_csrf_header = true) const;
};

/// The value a response's `Set-Cookie: name=value; …` sets ("" when none).
std::string SetCookie(const HttpResponse& response, std::string_view name);
/// The whole `Set-Cookie` line for `name` ("" when none).
std::string SetCookieLine(const HttpResponse& response, std::string_view name);
/// The Max-Age of the named cookie (-1 when absent). A session's cookie
/// lives as long as the session has left: a second short of its lifetime
/// when a second boundary passes between the session's start and the answer.
int64_t CookieMaxAge(const HttpResponse& response, std::string_view name);

/// JSON text of an object.
std::string Body(const boost::json::object& object);

/// Fills an Account from an auth answer (201/200 with cookies).
Account FromAuthAnswer(const HttpResponse& response, const std::string& password);
/// Registers through the API; the first account becomes instance admin.
Account Register(TestServer& server, const std::string& email,
                 const std::string& password = kPassword, const std::string& name = "Test User");
/// Signs in through the API (fails the test on anything but 200).
Account Login(TestServer& server, const std::string& email,
              const std::string& password = kPassword);
/// As `admin`: creates an account with a password, then signs it in.
Account CreateUser(TestServer& server, const Account& admin, const std::string& email,
                   bool instance_admin = false);
/// As `admin`: sets the `registration` setting.
void SetRegistration(TestServer& server, const Account& admin, const std::string& mode);

/// One delivered email, headers parsed and body decoded.
struct Mail {
  std::string to;
  std::string subject;
  std::string body;
};
/// Parses an RFC 5322 message (quoted-printable or plain bodies).
Mail ParseMail(const std::string& raw);
/// The messages in DATA_DIR/outbox, oldest first, waiting up to `timeout_ms`
/// until there are at least `count`.
std::vector<Mail> Outbox(TestServer& server, size_t count = 1, int timeout_ms = 10000);
/// The value after `marker` (e.g. "token=") up to the next non-token character.
std::string TokenAfter(const std::string& text, std::string_view marker);

/// Moves a session's clock back by `ms` (its last use, creation and sign-in
/// time), for idle-timeout and re-authentication tests.
void AgeSession(TestServer& server, const std::string& session_id, int64_t ms);
/// The `sid` claim of an access token.
std::string SessionIdOf(const std::string& access_token);

}  // namespace ws::test
