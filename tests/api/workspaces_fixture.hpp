#pragma once

// Shared state builders for the workspaces API tests, on top of
// support/auth_helpers.hpp. State is built only through the public HTTP API
// (registration, invitations read from the outbox), as clients do.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cctype>
#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "support/auth_helpers.hpp"
#include "support/test_server.hpp"

namespace ws::test::wsfx {

/// A booted server with rate limits off, its first account (instance admin)
/// and open registration, plus helpers that go through the API.
class Env {
 public:
  explicit Env(std::function<void(Config&)> tweak = {})
      : server([tweak](Config& c) {
          c.rate_limit_per_ip = 0;
          if (tweak) tweak(c);
        }) {
    server.Boot();
    admin = Register("Ada Admin");
    SetRegistration(server, admin, "open");
  }

  /// Any request; `who` null: anonymous.
  HttpResponse Call(const Account* who, const std::string& method, const std::string& path,
                    const std::string& body = {}) {
    return server.Send(method, path, body,
                       who != nullptr ? who->Bearer() : std::map<std::string, std::string>{});
  }

  /// A new account called `name` (registration is open).
  Account Register(const std::string& name) {
    return ws::test::Register(server, Email(name), kPassword, name);
  }

  /// A unique address for `name`.
  std::string Email(const std::string& name) {
    std::string local;
    for (char c : name) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        local += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    return local + "." + std::to_string(++counter_) + "@example.com";
  }

  /// Creates a workspace and answers its JSON.
  boost::json::object CreateWorkspace(const Account& owner, const std::string& name,
                                      const std::string& slug = "") {
    boost::json::object body{{"name", name}};
    if (!slug.empty()) body["slug"] = slug;
    auto r = Call(&owner, "POST", "/api/v1/workspaces", boost::json::serialize(body));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Json().as_object();
  }

  /// Invites `email` and answers the token read from the emailed link.
  std::string Invite(const std::string& ws, const Account& inviter, const std::string& email,
                     const std::string& role) {
    boost::json::object body{{"email", email}, {"role", role}};
    auto r = Call(&inviter, "POST", "/api/v1/workspaces/" + ws + "/invitations",
                  boost::json::serialize(body));
    EXPECT_EQ(r.status, 201) << r.body;
    return TokenFor(email);
  }

  /// A new account that joins `ws` with `role` by accepting an invitation.
  Account NewMember(const std::string& ws, const Account& inviter, const std::string& role,
                    const std::string& name) {
    const std::string email = Email(name);
    const std::string token = Invite(ws, inviter, email, role);
    boost::json::object body{{"name", name}, {"password", kPassword}};
    auto r = Call(nullptr, "POST", "/api/v1/invitations/" + token + "/accept",
                  boost::json::serialize(body));
    EXPECT_EQ(r.status, 200) << r.body;
    return FromAuthAnswer(r, kPassword);
  }

  /// The token of the newest invitation link emailed to `email` ("" when none).
  std::string TokenFor(const std::string& email) {
    const std::vector<Mail> mails = Outbox(server, 0, 0);
    for (auto it = mails.rbegin(); it != mails.rend(); ++it) {
      if (it->to != email) continue;
      std::string token = TokenAfter(it->body, "/invite/");
      if (!token.empty()) return token;
    }
    return "";
  }

  /// The workspace's newest seq, as `who` sees it through GET /events.
  int64_t LastSeq(const std::string& ws, const Account& who) {
    auto r = Call(&who, "GET", "/api/v1/workspaces/" + ws + "/events?wait=0");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json().at("last_seq").as_int64();
  }

  TestServer server;
  Account admin;

 private:
  int counter_ = 0;
};

/// The `id` of a JSON object answer.
inline std::string Id(const boost::json::object& object) {
  return std::string(object.at("id").as_string());
}

/// The display name of an account.
inline std::string Name(const Account& account) {
  return std::string(account.user.at("name").as_string());
}

}  // namespace ws::test::wsfx
