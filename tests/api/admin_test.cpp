// Instance administration (API.md "Instance administration"), the audit
// log, and the `workstead admin` commands.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <set>
#include <thread>

#include "modules/auth/access_cache.hpp"
#include "support/auth_helpers.hpp"
#include "support/process.hpp"

namespace ws::test {
namespace {

void ExpectError(const HttpResponse& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.ErrorCode(), code) << r.body;
}

std::set<std::string> Keys(const boost::json::value& v) {
  std::set<std::string> keys;
  for (const auto& kv : v.as_object()) keys.emplace(kv.key());
  return keys;
}

TEST(Admin, EveryRouteIsForInstanceAdminsOnly) {
  TestServer server;
  server.Boot();
  const Account admin = Register(server, "admin@example.com");
  const Account bob = CreateUser(server, admin, "bob@example.com");
  const std::string bob_path = "/api/v1/admin/users/" + bob.id;
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"GET", "/api/v1/admin/users"},
      {"POST", "/api/v1/admin/users"},
      {"PATCH", bob_path},
      {"DELETE", bob_path + "/sessions"},
      {"GET", "/api/v1/admin/audit-log"},
      {"GET", "/api/v1/admin/settings"},
      {"PATCH", "/api/v1/admin/settings"},
  };
  // Bodies that are wrong on purpose: the role is checked before the body.
  for (const auto& [method, path] : routes) {
    SCOPED_TRACE(method + " " + path);
    const std::string body = method == "GET" || method == "DELETE" ? "" : "{\"bogus\":1}";
    ExpectError(server.Send(method, path, body), 401, "unauthorized");
    ExpectError(server.Send(method, path, body, bob.Bearer()), 403, "forbidden");
  }
  EXPECT_FALSE(server.Get("/api/v1/me", bob.Bearer()).Json().at("is_instance_admin").as_bool());
  EXPECT_EQ(
      server.Get("/api/v1/admin/settings", admin.Bearer()).Json().at("registration").as_string(),
      "invite_only");
}

TEST(Admin, ListsUsersWithSearchAndCursors) {
  TestServer server;
  server.Boot();
  const Account admin = Register(server, "admin@example.com");
  for (const char* email :
       {"ann@example.com", "bea@example.com", "cid@other.example", "dan@example.com"}) {
    auto r = server.Send("POST", "/api/v1/admin/users",
                         Body({{"email", email}, {"name", "Name " + std::string(email)}}),
                         admin.Bearer());
    ASSERT_EQ(r.status, 201) << r.body;
  }
  auto all = server.Get("/api/v1/admin/users", admin.Bearer());
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(Keys(all.Json()), (std::set<std::string>{"items", "next_cursor"}));
  EXPECT_EQ(all.Json().at("items").as_array().size(), 5u);
  EXPECT_TRUE(all.Json().at("next_cursor").is_null());
  EXPECT_EQ(Keys(all.Json().at("items").at(0)),
            (std::set<std::string>{"id", "email", "name", "timezone", "locale", "is_instance_admin",
                                   "is_active", "email_verified", "totp_enabled", "created_at"}));

  std::vector<std::string> seen;
  std::string cursor;
  for (int page = 0; page < 5; ++page) {
    auto r = server.Get("/api/v1/admin/users?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor),
                        admin.Bearer());
    ASSERT_EQ(r.status, 200) << r.body;
    const auto page_json = r.Json();
    for (const auto& u : page_json.at("items").as_array())
      seen.emplace_back(u.at("email").as_string());
    if (r.Json().at("next_cursor").is_null()) break;
    cursor = std::string(r.Json().at("next_cursor").as_string());
  }
  EXPECT_EQ(seen,
            (std::vector<std::string>{"admin@example.com", "ann@example.com", "bea@example.com",
                                      "cid@other.example", "dan@example.com"}));

  auto found = server.Get("/api/v1/admin/users?q=OTHER", admin.Bearer());
  ASSERT_EQ(found.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(found.Json().at("items").at(0).at("email").as_string(), "cid@other.example");
  EXPECT_EQ(server.Get("/api/v1/admin/users?q=name%20bea", admin.Bearer())
                .Json()
                .at("items")
                .as_array()
                .size(),
            1u);
  EXPECT_EQ(
      server.Get("/api/v1/admin/users?q=%25", admin.Bearer()).Json().at("items").as_array().size(),
      0u);
  for (const char* bad : {"?limit=0", "?limit=201", "?limit=x", "?limit=", "?cursor=nope",
                          "?cursor=bm90LWEtdXVpZA"}) {
    ExpectError(server.Get(std::string("/api/v1/admin/users") + bad, admin.Bearer()), 400,
                "bad_request");
  }
}

TEST(Admin, CreatesUsersWithAPasswordOrAnInvitation) {
  TestServer server;
  server.Boot();
  const Account admin = Register(server, "admin@example.com");
  auto r = server.Send("POST", "/api/v1/admin/users",
                       Body({{"email", "Bob@Example.com"},
                             {"name", "Bob"},
                             {"password", kPassword},
                             {"is_instance_admin", true}}),
                       admin.Bearer());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.Json().at("email").as_string(), "bob@example.com");
  EXPECT_TRUE(r.Json().at("is_instance_admin").as_bool());
  EXPECT_EQ(Login(server, "bob@example.com").id, std::string(r.Json().at("id").as_string()));
  ExpectError(server.Send("POST", "/api/v1/admin/users",
                          Body({{"email", "bob@example.com"}, {"name", "B"}}), admin.Bearer()),
              409, "conflict");
  for (const auto& bad :
       {Body({{"name", "X"}}), Body({{"email", "x@example.com"}}),
        Body({{"email", "x@example.com"}, {"name", "X"}, {"password", "short"}}),
        Body({{"email", "x@example.com"}, {"name", "X"}, {"is_instance_admin", "yes"}}),
        Body({{"email", "x"}, {"name", "X"}})}) {
    ExpectError(server.Send("POST", "/api/v1/admin/users", bad, admin.Bearer()), 422,
                "validation_failed");
  }

  // Without a password: an invitation whose link sets one.
  auto invited = server.Send("POST", "/api/v1/admin/users",
                             Body({{"email", "cy@example.com"}, {"name", "Cy"}}), admin.Bearer());
  ASSERT_EQ(invited.status, 201) << invited.body;
  ExpectError(server.Send("POST", "/api/v1/auth/login",
                          Body({{"email", "cy@example.com"}, {"password", kPassword}})),
              401, "unauthorized");
  std::string token;
  for (const auto& mail : Outbox(server, 3)) {
    if (mail.to == "cy@example.com") token = TokenAfter(mail.body, "/reset-password?token=");
  }
  ASSERT_EQ(token.size(), 43u);
  ASSERT_EQ(server
                .Send("POST", "/api/v1/auth/password-reset/confirm",
                      Body({{"token", token}, {"password", "cy's own passphrase"}}))
                .status,
            204);
  EXPECT_EQ(
      Login(server, "cy@example.com", "cy's own passphrase").user.at("email_verified").as_bool(),
      true);
}

TEST(Admin, DeactivationEndsEverySessionAndTokenAtOnce) {
  TestServer server;
  server.Boot();
  const Account admin = Register(server, "admin@example.com");
  const Account bob = CreateUser(server, admin, "bob@example.com");
  auto token = server.Send("POST", "/api/v1/me/tokens", Body({{"name", "bot"}}), bob.Bearer());
  ASSERT_EQ(token.status, 201);
  const std::string api_token(token.Json().at("token").as_string());
  ASSERT_EQ(server.Get("/api/v1/me", {{"Authorization", "Bearer " + api_token}}).status, 200);

  auto r = server.Send("PATCH", "/api/v1/admin/users/" + bob.id, Body({{"is_active", false}}),
                       admin.Bearer());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_FALSE(r.Json().at("is_active").as_bool());
  ExpectError(server.Get("/api/v1/me", bob.Bearer()), 401, "unauthorized");
  ExpectError(server.Get("/api/v1/me", {{"Authorization", "Bearer " + api_token}}), 401,
              "unauthorized");
  ExpectError(
      server.Send("POST", "/api/v1/auth/refresh", Body({{"refresh_token", bob.refresh_token}})),
      401, "unauthorized");
  auto login = server.Send("POST", "/api/v1/auth/login",
                           Body({{"email", "bob@example.com"}, {"password", kPassword}}));
  ExpectError(login, 401, "unauthorized");
  EXPECT_EQ(login.Json().at("error").at("message").as_string(), "invalid email or password");

  ASSERT_EQ(server
                .Send("PATCH", "/api/v1/admin/users/" + bob.id, Body({{"is_active", true}}),
                      admin.Bearer())
                .status,
            200);
  const Account back = Login(server, "bob@example.com");
  EXPECT_EQ(server.Get("/api/v1/me/tokens", back.Bearer()).Json().at("items").as_array().size(),
            0u);
}

TEST(Admin, UpdatesKeepOneActiveAdmin) {
  TestServer server;
  server.Boot();
  const Account admin = Register(server, "admin@example.com");
  const Account bob = CreateUser(server, admin, "bob@example.com");
  const std::string me = "/api/v1/admin/users/" + admin.id;
  ExpectError(server.Send("PATCH", me, Body({{"is_active", false}}), admin.Bearer()), 409,
              "conflict");
  ExpectError(server.Send("PATCH", me, Body({{"is_instance_admin", false}}), admin.Bearer()), 409,
              "conflict");
  auto renamed =
      server.Send("PATCH", "/api/v1/admin/users/" + bob.id,
                  Body({{"name", "Robert"}, {"is_instance_admin", true}}), admin.Bearer());
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.Json().at("name").as_string(), "Robert");
  EXPECT_TRUE(renamed.Json().at("is_instance_admin").as_bool());
  // Promotion takes effect on the next request of an existing session.
  EXPECT_EQ(server.Get("/api/v1/admin/settings", bob.Bearer()).status, 200);
  auto demoted = server.Send("PATCH", me, Body({{"is_instance_admin", false}}), admin.Bearer());
  ASSERT_EQ(demoted.status, 200) << demoted.body;
  ExpectError(server.Get("/api/v1/admin/users", admin.Bearer()), 403, "forbidden");

  ExpectError(server.Send("PATCH", "/api/v1/admin/users/01900000-0000-7000-8000-000000000000",
                          Body({{"name", "X"}}), bob.Bearer()),
              404, "not_found");
  ExpectError(server.Send("PATCH", "/api/v1/admin/users/nope", Body({{"name", "X"}}), bob.Bearer()),
              404, "not_found");
  for (const auto& bad : {Body({{"is_active", "no"}}), Body({{"name", ""}}),
                          Body({{"email", "x@y.z"}}), Body({{"is_active", nullptr}})}) {
    ExpectError(server.Send("PATCH", me, bad, bob.Bearer()), 422, "validation_failed");
  }
}

TEST(Admin, EndsEverySessionOfAUser) {
  TestServer server;
  server.Boot();
  const Account admin = Register(server, "admin@example.com");
  const Account bob = CreateUser(server, admin, "bob@example.com");
  const Account bob2 = Login(server, "bob@example.com");
  ASSERT_EQ(server.Send("DELETE", "/api/v1/admin/users/" + bob.id + "/sessions", "", admin.Bearer())
                .status,
            204);
  ExpectError(server.Get("/api/v1/me", bob.Bearer()), 401, "unauthorized");
  ExpectError(server.Get("/api/v1/me", bob2.Bearer()), 401, "unauthorized");
  EXPECT_EQ(server.Get("/api/v1/me", admin.Bearer()).status, 200);
  ExpectError(
      server.Send("DELETE", "/api/v1/admin/users/01900000-0000-7000-8000-000000000000/sessions", "",
                  admin.Bearer()),
      404, "not_found");
}

TEST(Admin, TheAuditLogRecordsSecurityEvents) {
  TestServer server;
  server.Boot();
  const Account admin = Register(server, "admin@example.com");
  const Account bob = CreateUser(server, admin, "bob@example.com");
  server.Send("POST", "/api/v1/auth/login",
              Body({{"email", "bob@example.com"}, {"password", "wrong one!"}}),
              {{"User-Agent", "Attacker/1.0"}});
  server.Send("POST", "/api/v1/auth/logout", "", bob.Bearer());
  server.Send("PATCH", "/api/v1/admin/users/" + bob.id, Body({{"name", "Robert"}}), admin.Bearer());

  auto r = server.Get("/api/v1/admin/audit-log", admin.Bearer());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Keys(r.Json()), (std::set<std::string>{"items", "next_cursor"}));
  std::vector<std::string> types;
  const auto log_json = r.Json();
  for (const auto& e : log_json.at("items").as_array()) {
    EXPECT_EQ(Keys(e),
              (std::set<std::string>{"id", "type", "user_id", "ip", "data", "created_at"}));
    types.emplace_back(e.at("type").as_string());
  }
  // Newest first.
  EXPECT_EQ(types,
            (std::vector<std::string>{"admin.user_updated", "logout", "login.failed",
                                      "login.succeeded", "admin.user_created", "user.registered"}));

  auto failed =
      server.Get("/api/v1/admin/audit-log?type=login.failed", admin.Bearer()).Json().at("items");
  ASSERT_EQ(failed.as_array().size(), 1u);
  EXPECT_EQ(failed.at(0).at("user_id").as_string(), bob.id);
  EXPECT_EQ(failed.at(0).at("ip").as_string(), "127.0.0.1");
  EXPECT_EQ(failed.at(0).at("data").at("user_agent").as_string(), "Attacker/1.0");
  EXPECT_EQ(failed.at(0).at("data").at("email").as_string(), "bob@example.com");
  auto updated = server.Get("/api/v1/admin/audit-log?type=admin.user_updated", admin.Bearer())
                     .Json()
                     .at("items");
  EXPECT_EQ(updated.at(0).at("user_id").as_string(), bob.id);
  EXPECT_EQ(updated.at(0).at("data").at("actor_id").as_string(), admin.id);
  EXPECT_EQ(updated.at(0).at("data").at("name").as_string(), "Robert");

  auto bobs =
      server.Get("/api/v1/admin/audit-log?user_id=" + bob.id, admin.Bearer()).Json().at("items");
  EXPECT_EQ(bobs.as_array().size(), 5u);
  std::vector<std::string> ids;
  std::string cursor;
  for (int i = 0; i < 10; ++i) {
    auto page =
        server
            .Get("/api/v1/admin/audit-log?limit=4" + (cursor.empty() ? "" : "&cursor=" + cursor),
                 admin.Bearer())
            .Json();
    for (const auto& e : page.at("items").as_array()) ids.emplace_back(e.at("id").as_string());
    if (page.at("next_cursor").is_null()) break;
    cursor = std::string(page.at("next_cursor").as_string());
  }
  EXPECT_EQ(ids.size(), 6u);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 6u);
  ExpectError(server.Get("/api/v1/admin/audit-log?user_id=bob", admin.Bearer()), 400,
              "bad_request");
  ExpectError(server.Get("/api/v1/admin/audit-log?limit=1000", admin.Bearer()), 400, "bad_request");

  // Append-only, even for the database user.
  Status s = server.app().database().Write([](db::Conn& c) -> Status {
    auto r = c.Exec("DELETE FROM audit_log");
    if (!r) return std::move(r).error();
    return {};
  });
  EXPECT_FALSE(s.ok());
}

TEST(Admin, Settings) {
  TestServer server;
  server.Boot();
  const Account admin = Register(server, "admin@example.com");
  auto r = server.Get("/api/v1/admin/settings", admin.Bearer());
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(Keys(r.Json()), (std::set<std::string>{"registration"}));
  auto open = server.Send("PATCH", "/api/v1/admin/settings", Body({{"registration", "open"}}),
                          admin.Bearer());
  EXPECT_EQ(open.Json().at("registration").as_string(), "open");
  EXPECT_EQ(
      server.Get("/api/v1/admin/settings", admin.Bearer()).Json().at("registration").as_string(),
      "open");
  for (const auto& bad : {Body({{"registration", "maybe"}}), Body({{"registration", nullptr}}),
                          Body({{"registration", 1}}), Body({{"other", "x"}})}) {
    ExpectError(server.Send("PATCH", "/api/v1/admin/settings", bad, admin.Bearer()), 422,
                "validation_failed");
  }
  EXPECT_EQ(server.Get("/api/v1/meta").Json().at("registration").as_string(), "open");
  EXPECT_EQ(server.Send("PATCH", "/api/v1/admin/settings", "{}", admin.Bearer())
                .Json()
                .at("registration")
                .as_string(),
            "open");
}

TEST(AdminCli, CreatesAUserAndResetsAPassword) {
  TestServer server;
  server.Boot();
  const std::vector<std::string> common = {"--data-dir",     server.data_dir(),
                                           "--database-url", server.database_url(),
                                           "--log-level",    "error"};
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), WS_BINARY);
    args.insert(args.end(), common.begin(), common.end());
    auto child = std::make_unique<Child>(args);
    return child;
  };
  auto create =
      run({"admin", "create-user", "--email", "Root@Example.com", "--name", "Root", "--admin"});
  const auto lines = create->ReadLines(20000);
  ASSERT_EQ(create->Wait(), 0) << create->Stderr();
  std::string password;
  for (const auto& line : lines) {
    if (line.starts_with("password: ")) password = line.substr(10);
  }
  ASSERT_EQ(password.size(), 24u);
  const Account root = Login(server, "root@example.com", password);
  EXPECT_TRUE(root.user.at("is_instance_admin").as_bool());
  EXPECT_FALSE(server.Get("/api/v1/meta").Json().at("setup_required").as_bool());
  ASSERT_EQ(server.Get("/api/v1/me", root.Bearer()).status, 200);  // now in the access cache

  auto reset = run({"admin", "reset-password", "--email", "root@example.com", "--password",
                    "operator chosen passphrase"});
  reset->ReadLines(20000);
  ASSERT_EQ(reset->Wait(), 0) << reset->Stderr();
  // Another process revoked the sessions: the server sees it within the
  // access cache's bound (docs/auth.md), then for good.
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::milliseconds(ws::auth::kAccessCacheTtlMs + 500);
  while (server.Get("/api/v1/me", root.Bearer()).status == 200 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ExpectError(server.Get("/api/v1/me", root.Bearer()), 401, "unauthorized");  // sessions ended
  Login(server, "root@example.com", "operator chosen passphrase");

  auto duplicate = run({"admin", "create-user", "--email", "root@example.com", "--name", "Again"});
  EXPECT_EQ(duplicate->Wait(), 1);
  EXPECT_NE(duplicate->Stderr().find("already exists"), std::string::npos);
  auto weak =
      run({"admin", "reset-password", "--email", "root@example.com", "--password", "password"});
  EXPECT_EQ(weak->Wait(), 1);
  auto unknown = run({"admin", "reset-password", "--email", "nobody@example.com"});
  EXPECT_EQ(unknown->Wait(), 1);
  auto missing = run({"admin", "create-user", "--name", "No Email"});
  EXPECT_EQ(missing->Wait(), 2);
}

}  // namespace
}  // namespace ws::test
