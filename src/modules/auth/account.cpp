// The caller's own account: profile, password, personal API tokens, and the
// helpers the other service files share (re-authentication, mail, tokens).
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "modules/auth/emails.hpp"
#include "modules/auth/passwords.hpp"
#include "modules/auth/service.hpp"
#include "modules/auth/store.hpp"

namespace ws::auth {

Result<User> Service::CallerUser(const Caller& caller) {
  WS_ASSIGN(auto user, deps_.db.ReadValue<std::optional<User>>(
                           [&](db::Conn& c) { return store::FindUserById(c, caller.user_id); }));
  if (!user || !user->is_active) return AppError::Unauthorized();
  return std::move(*user);
}

Status Service::Reauthenticate(const Caller& caller, const User& user,
                               const std::optional<std::string>& password,
                               const std::string& field) {
  if (password) {
    // Guessing through this route spends the same budget as failed logins.
    WS_TRY(CheckLoginAllowance(user.email, caller));
    WS_ASSIGN(const bool matches, VerifyPassword(user.password_hash, *password));
    if (matches && !user.password_hash.empty()) return {};
    CountFailure(user.email, caller);
    Status s = deps_.db.Write([&](db::Conn& c) {
      return AppendAudit(c, audit::kReauthFailed, caller, user.id, {{"field", field}});
    });
    if (!s) log::Warn("audit record not written", {{"detail", s.error().detail}});
    return AppError::Invalid(field, "is incorrect");
  }
  if (!caller.session_id.empty()) {
    WS_ASSIGN(auto session, deps_.db.ReadValue<std::optional<Session>>([&](db::Conn& c) {
      return store::FindSession(c, caller.session_id);
    }));
    if (session && NowMillis() - session->auth_at <= kReauthWindowMs) return {};
  }
  return AppError::Invalid(field, "is required to confirm this change");
}

Result<std::string> Service::IssueToken(db::Conn& c, const char* purpose, const User& user,
                                        int64_t lifetime_ms) {
  std::string token = RandomToken();
  const int64_t now = NowMillis();
  WS_TRY(store::InsertOneTimeToken(c, Sha256Hex(token), purpose, user.id, user.email, now,
                                   now + lifetime_ms));
  return token;
}

void Service::RunInBackground(std::function<void()> task) {
  if (deps_.tasks == nullptr || !deps_.tasks->Post(task)) task();
}

void Service::SendMail(mail::Message message) {
  if (deps_.mailer == nullptr) {
    log::Info("mail not sent: no mailer", {{"to", message.to}, {"subject", message.subject}});
    return;
  }
  RunInBackground([this, message = std::move(message)] {
    if (Status s = deps_.mailer->Send(message); !s) {
      log::Warn("mail could not be sent",
                {{"to", message.to}, {"subject", message.subject}, {"detail", s.error().detail}});
    }
  });
}

Result<User> Service::Me(const Caller& caller) {
  // The authentication of this very request has just loaded or checked it.
  if (auto user = access_.FindUser(caller.user_id, NowMillis()); user && user->is_active) {
    return *user;
  }
  return CallerUser(caller);
}

Result<User> Service::UpdateMe(const Caller& caller, const ProfileUpdate& update) {
  WS_ASSIGN(User user, CallerUser(caller));
  const bool email_change = update.email && *update.email != user.email;
  if (email_change) {
    WS_TRY(Reauthenticate(caller, user, update.current_password, "current_password"));
  }
  if (update.name) user.name = *update.name;
  if (update.timezone) user.timezone = *update.timezone;
  if (update.locale) user.locale = *update.locale;
  const std::string old_email = user.email;
  const int64_t now = NowMillis();
  std::string verify_token;
  WS_TRY(deps_.db.Write([&](db::Conn& c) -> Status {
    WS_TRY(store::UpdateProfile(c, user, now));
    if (!email_change) return {};
    WS_TRY(store::UpdateEmail(c, user.id, *update.email, now));
    user.email = *update.email;
    user.email_verified = false;
    WS_TRY(store::InvalidateOneTimeTokens(c, user.id, kPurposeVerify, now));
    WS_TRY(store::InvalidateOneTimeTokens(c, user.id, kPurposeReset, now));
    WS_ASSIGN(verify_token, IssueToken(c, kPurposeVerify, user, kVerifyTokenMs));
    return AppendAudit(c, audit::kEmailChanged, caller, user.id,
                       {{"from", old_email}, {"to", user.email}});
  }));
  if (email_change) {
    SendMail(emails::VerifyEmail(user.email, user.name, deps_.config.public_url, verify_token));
    SendMail(emails::EmailChanged(old_email, user.name, user.email));
  }
  return user;
}

Status Service::ChangePassword(const Caller& caller, const std::string& current,
                               const std::string& next) {
  WS_ASSIGN(User user, CallerUser(caller));
  WS_TRY(Reauthenticate(caller, user, current, "current_password"));
  if (std::string why = PasswordProblem(next); !why.empty()) {
    return AppError::Invalid("new_password", why);
  }
  WS_ASSIGN(std::string hash, HashPassword(next));
  const int64_t now = NowMillis();
  return deps_.db.Write([&](db::Conn& c) -> Status {
    WS_TRY(store::SetPasswordHash(c, user.id, hash, now));
    WS_ASSIGN(int64_t ended, store::RevokeUserSessions(c, user.id, now, caller.session_id));
    AccessEndedAfterCommit(c, AccessEnded::EverySession(user.id, caller.session_id));
    if (!caller.session_id.empty()) WS_TRY(store::SetSessionAuthAt(c, caller.session_id, now));
    WS_TRY(store::InvalidateOneTimeTokens(c, user.id, kPurposeReset, now));
    return AppendAudit(c, audit::kPasswordChanged, caller, user.id, {{"sessions_ended", ended}});
  });
}

Result<std::vector<ApiToken>> Service::ListTokens(const Caller& caller) {
  return deps_.db.ReadValue<std::vector<ApiToken>>(
      [&](db::Conn& c) { return store::ListApiTokens(c, caller.user_id); });
}

Result<Service::NewToken> Service::CreateToken(const Caller& caller, const TokenInput& input) {
  WS_ASSIGN(User user, CallerUser(caller));
  WS_TRY(Reauthenticate(caller, user, input.current_password, "current_password"));
  ApiToken token;
  token.id = NewId();
  token.user_id = user.id;
  token.name = input.name;
  token.scopes = {"all"};
  token.created_at = NowMillis();
  token.expires_at = input.expires_at;
  NewToken out{token.id, token.name, "wst_" + RandomToken()};
  WS_TRY(deps_.db.Write([&](db::Conn& c) -> Status {
    WS_ASSIGN(int64_t count, store::CountApiTokens(c, user.id));
    if (count >= kMaxApiTokens) {
      return AppError::Conflict("at most 100 API tokens; delete one first");
    }
    WS_TRY(store::InsertApiToken(c, token, Sha256Hex(out.token)));
    return AppendAudit(c, audit::kTokenCreated, caller, user.id,
                       {{"token_id", token.id}, {"name", token.name}});
  }));
  return out;
}

Status Service::DeleteToken(const Caller& caller, const std::string& token_id) {
  if (!IsUuid(token_id)) return AppError::NotFound("no such token");
  return deps_.db.Write([&](db::Conn& c) -> Status {
    WS_ASSIGN(bool deleted, store::DeleteApiToken(c, caller.user_id, token_id));
    if (!deleted) return AppError::NotFound("no such token");
    AccessEndedAfterCommit(c, AccessEnded::OneToken(caller.user_id, token_id));
    return AppendAudit(c, audit::kTokenDeleted, caller, caller.user_id, {{"token_id", token_id}});
  });
}

}  // namespace ws::auth
