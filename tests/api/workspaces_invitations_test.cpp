// Invitations end to end through the outbox: the emailed link, preview,
// accept with and without an account, revoke, resend, bad tokens; teams.
#include "support/smtp_sink.hpp"
#include "workspaces_fixture.hpp"

namespace ws::test {
namespace {

using wsfx::Env;
using wsfx::Id;

void ExpectError(const HttpResponse& r, int status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.ErrorCode(), code) << r.body;
}

std::string Accept(const std::string& token) { return "/api/v1/invitations/" + token + "/accept"; }

TEST(WorkspaceInvitations, TheLinkArrivesThroughARealSmtpServer) {
  SmtpSink smtp;
  Env env([&](Config& c) { c.smtp_url = smtp.url(); });
  const Account& ada = env.admin;
  const std::string id = Id(env.CreateWorkspace(ada, "Mailed"));
  ASSERT_EQ(env.Call(&ada, "POST", "/api/v1/workspaces/" + id + "/invitations",
                     R"({"email":"grace@example.com","role":"member"})")
                .status,
            201);
  std::string token;
  for (int i = 0; i < 100 && token.empty(); ++i) {
    for (const auto& raw : smtp.Messages()) {
      const Mail mail = ParseMail(raw);
      if (mail.to == "grace@example.com") token = TokenAfter(mail.body, "/invite/");
    }
    if (token.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(token.size(), 43u) << "no invitation arrived; aiosmtpd says: " << smtp.Stderr();
  auto joined = env.Call(nullptr, "POST", Accept(token),
                         R"({"name":"Grace","password":"lantern-orchid-71-quartz"})");
  ASSERT_EQ(joined.status, 200) << joined.body;
  Account grace = FromAuthAnswer(joined, "lantern-orchid-71-quartz");
  auto mine = env.Call(&grace, "GET", "/api/v1/workspaces");
  ASSERT_EQ(mine.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(mine.Json().at("items").as_array()[0].at("my_role").as_string(), "member");
}

TEST(WorkspaceInvitations, NewUserJoinsThroughTheEmailedLinkWhenRegistrationIsInviteOnly) {
  Env env;
  const Account& ada = env.admin;
  ASSERT_EQ(
      env.Call(&ada, "PATCH", "/api/v1/admin/settings", R"({"registration":"invite_only"})").status,
      200);
  const std::string id = Id(env.CreateWorkspace(ada, "Invited"));
  auto created = env.Call(&ada, "POST", "/api/v1/workspaces/" + id + "/invitations",
                          R"({"email":"New.Person@Example.com","role":"manager"})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto invitation = created.Json().as_object();
  EXPECT_EQ(invitation.at("email").as_string(), "new.person@example.com");
  EXPECT_EQ(invitation.at("role").as_string(), "manager");
  EXPECT_FALSE(invitation.contains("token"));
  const int64_t expires = *ParseTimestamp(invitation.at("expires_at").as_string());
  EXPECT_NEAR(double(expires - NowMillis()), 7.0 * 24 * 3600 * 1000, 60'000.0);

  // The link in the email (outbox) carries the token; only its hash is stored.
  const std::string token = env.TokenFor("new.person@example.com");
  ASSERT_EQ(token.size(), 43u);
  Status stored = env.server.app().database().Read([&](db::Conn& c) -> Status {
    auto rows = c.Query("SELECT token_hash FROM invitations WHERE id = ?", Id(invitation));
    EXPECT_TRUE(rows.ok() && !rows->empty());
    if (rows.ok() && !rows->empty()) {
      EXPECT_EQ(rows->front().Text(0), Sha256Hex(token));
    }
    return {};
  });
  EXPECT_TRUE(stored.ok());

  auto preview = env.Call(nullptr, "GET", "/api/v1/invitations/" + token);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.Json().at("workspace").at("name").as_string(), "Invited");
  EXPECT_EQ(preview.Json().at("email").as_string(), "new.person@example.com");
  EXPECT_EQ(preview.Json().at("role").as_string(), "manager");

  // Registration is closed to the public, yet the invitee registers.
  ExpectError(env.server.Send(
                  "POST", "/api/v1/auth/register",
                  R"({"email":"x@example.com","password":"lantern-orchid-71-quartz","name":"X"})"),
              403, "forbidden");
  ExpectError(env.Call(nullptr, "POST", Accept(token), R"({"name":"New","password":"short"})"), 422,
              "validation_failed");
  ExpectError(env.Call(nullptr, "POST", Accept(token)), 401, "unauthorized");
  auto joined = env.Call(nullptr, "POST", Accept(token),
                         R"({"name":"New Person","password":"lantern-orchid-71-quartz"})");
  ASSERT_EQ(joined.status, 200) << joined.body;
  Account newbie = FromAuthAnswer(joined, kPassword);
  EXPECT_EQ(newbie.email, "new.person@example.com");
  EXPECT_NE(joined.Header("set-cookie"), "");
  // Following the invitation mail proved the address: no verification mail.
  EXPECT_TRUE(joined.Json().at("user").at("email_verified").as_bool());
  auto mine = env.Call(&newbie, "GET", "/api/v1/workspaces");
  ASSERT_EQ(mine.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(mine.Json().at("items").as_array()[0].at("my_role").as_string(), "manager");

  // Single use.
  ExpectError(env.Call(nullptr, "GET", "/api/v1/invitations/" + token), 404, "not_found");
  ExpectError(env.Call(&newbie, "POST", Accept(token)), 404, "not_found");
  ExpectError(env.Call(nullptr, "POST", Accept(token),
                       R"({"name":"Again","password":"lantern-orchid-71-quartz"})"),
              404, "not_found");
  // The activity shows the join with its actor.
  auto activity = env.Call(&ada, "GET", "/api/v1/workspaces/" + id + "/activity");
  const auto newest = activity.Json().at("items").as_array()[0];
  EXPECT_EQ(newest.at("type").as_string(), "member.joined");
  EXPECT_EQ(newest.at("actor").at("name").as_string(), "New Person");
}

TEST(WorkspaceInvitations, SignedInAcceptRevokeResendAndBadTokens) {
  Env env;
  const Account& ada = env.admin;
  const std::string id = Id(env.CreateWorkspace(ada, "Tokens"));
  const std::string invitations = "/api/v1/workspaces/" + id + "/invitations";
  Account bob = env.Register("Bob");
  Account eve = env.Register("Eve");

  // Someone else's invitation cannot be taken by a signed-in user.
  const std::string token = env.Invite(id, ada, bob.email, "member");
  const int64_t seq = env.LastSeq(id, ada);
  ExpectError(env.Call(&eve, "POST", Accept(token)), 403, "forbidden");
  // An account exists for the email: sign in first.
  ExpectError(env.Call(nullptr, "POST", Accept(token),
                       R"({"name":"Bob","password":"lantern-orchid-71-quartz"})"),
              409, "conflict");
  // Forged tokens.
  for (const std::string& forged : {std::string(43, 'A'), std::string("x"), token + "x"}) {
    ExpectError(env.Call(nullptr, "GET", "/api/v1/invitations/" + forged), 404, "not_found");
    ExpectError(env.Call(&bob, "POST", Accept(forged)), 404, "not_found");
  }
  // A pending invitation and a member cannot be invited again.
  ExpectError(env.Call(&ada, "POST", invitations, "{\"email\":\"" + bob.email + "\"}"), 409,
              "conflict");
  ExpectError(env.Call(&ada, "POST", invitations, "{\"email\":\"" + ada.email + "\"}"), 409,
              "conflict");
  EXPECT_EQ(env.LastSeq(id, ada), seq);

  // Resend: a new link; the old one stops working.
  auto list = env.Call(&ada, "GET", invitations).Json().at("items").as_array();
  ASSERT_EQ(list.size(), 1u);
  const std::string invitation_id(list[0].at("id").as_string());
  auto resent = env.Call(&ada, "POST", "/api/v1/invitations/" + invitation_id + "/resend");
  ASSERT_EQ(resent.status, 200) << resent.body;
  const std::string fresh = env.TokenFor(bob.email);
  ASSERT_FALSE(fresh.empty());
  EXPECT_NE(fresh, token);
  ExpectError(env.Call(&bob, "POST", Accept(token)), 404, "not_found");
  auto joined = env.Call(&bob, "POST", Accept(fresh));
  ASSERT_EQ(joined.status, 200) << joined.body;
  EXPECT_EQ(joined.Json().at("my_role").as_string(), "member");
  ExpectError(env.Call(&ada, "POST", invitations, "{\"email\":\"" + bob.email + "\"}"), 409,
              "conflict");

  // Revoke: the link stops working.
  const std::string revoked = env.Invite(id, ada, eve.email, "guest");
  list = env.Call(&ada, "GET", invitations).Json().at("items").as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(
      env.Call(&ada, "DELETE", "/api/v1/invitations/" + std::string(list[0].at("id").as_string()))
          .status,
      204);
  ExpectError(env.Call(&eve, "POST", Accept(revoked)), 404, "not_found");
  EXPECT_EQ(env.Call(&ada, "GET", invitations).Json().at("items").as_array().size(), 0u);

  // Expired: the same answer, nothing changes.
  const std::string old = env.Invite(id, ada, eve.email, "member");
  Status expired = env.server.app().database().Write([&](db::Conn& c) -> Status {
    auto r = c.Exec("UPDATE invitations SET expires_at = ? WHERE email = ? AND accepted_at IS NULL",
                    NowMillis() - 1, eve.email);
    return r.ok() ? Status() : Status(std::move(r).error());
  });
  ASSERT_TRUE(expired.ok());
  const int64_t before = env.LastSeq(id, ada);
  ExpectError(env.Call(nullptr, "GET", "/api/v1/invitations/" + old), 404, "not_found");
  ExpectError(env.Call(&eve, "POST", Accept(old)), 404, "not_found");
  EXPECT_EQ(env.LastSeq(id, ada), before);
  ExpectError(env.Call(&eve, "GET", "/api/v1/workspaces/" + id), 404, "not_found");
  // An expired invitation no longer blocks a new one.
  const std::string again = env.Invite(id, ada, eve.email, "member");
  EXPECT_EQ(env.Call(&eve, "POST", Accept(again)).status, 200);
}

TEST(WorkspaceInvitations, TeamsHoldOnlyMembers) {
  Env env;
  const Account& ada = env.admin;
  const std::string id = Id(env.CreateWorkspace(ada, "Teams"));
  Account mia = env.NewMember(id, ada, "member", "Mia");
  Account outsider = env.Register("Out");
  const std::string teams = "/api/v1/workspaces/" + id + "/teams";

  ExpectError(
      env.Call(&ada, "POST", teams, "{\"name\":\"Ops\",\"member_ids\":[\"" + outsider.id + "\"]}"),
      422, "validation_failed");
  auto created =
      env.Call(&ada, "POST", teams, "{\"name\":\"Ops\",\"member_ids\":[\"" + mia.id + "\"]}");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string team = "/api/v1/teams/" + Id(created.Json().as_object());
  EXPECT_EQ(created.Json().at("member_ids").as_array().size(), 1u);
  ExpectError(env.Call(&ada, "POST", teams, R"({"name":"Ops"})"), 409, "conflict");
  ExpectError(env.Call(&ada, "PUT", team + "/members/" + outsider.id), 404, "not_found");
  ExpectError(env.Call(&mia, "PATCH", team, R"({"name":"Mine"})"), 403, "forbidden");
  ExpectError(env.Call(&outsider, "PATCH", team, R"({"name":"Mine"})"), 404, "not_found");
  auto both = env.Call(&ada, "PUT", team + "/members/" + ada.id);
  ASSERT_EQ(both.status, 200) << both.body;
  EXPECT_EQ(both.Json().at("member_ids").as_array().size(), 2u);
  EXPECT_EQ(env.Call(&ada, "PATCH", team, R"({"name":"Operations"})").Json().at("name").as_string(),
            "Operations");

  // Leaving the workspace leaves its teams.
  EXPECT_EQ(env.Call(&mia, "DELETE", "/api/v1/workspaces/" + id + "/members/" + mia.id).status,
            204);
  auto list = env.Call(&ada, "GET", teams).Json().at("items").as_array();
  ASSERT_EQ(list.size(), 1u);
  ASSERT_EQ(list[0].at("member_ids").as_array().size(), 1u);
  EXPECT_EQ(list[0].at("member_ids").as_array()[0].as_string(), ada.id);
  auto feed = env.Call(&ada, "GET", "/api/v1/workspaces/" + id + "/activity?limit=2").Json();
  EXPECT_EQ(feed.at("items").as_array()[0].at("type").as_string(), "member.removed");
  EXPECT_EQ(feed.at("items").as_array()[1].at("type").as_string(), "team.member_removed");

  EXPECT_EQ(env.Call(&ada, "DELETE", team + "/members/" + ada.id).status, 204);
  ExpectError(env.Call(&ada, "DELETE", team + "/members/" + ada.id), 404, "not_found");
  EXPECT_EQ(env.Call(&ada, "DELETE", team).status, 204);
  ExpectError(env.Call(&ada, "DELETE", team), 404, "not_found");
}

}  // namespace
}  // namespace ws::test
