// Links sent by email: password reset and email verification.
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "modules/auth/emails.hpp"
#include "modules/auth/passwords.hpp"
#include "modules/auth/service.hpp"
#include "modules/auth/store.hpp"

namespace ws::auth {

namespace {

/// Reset mails per address: enough for a lost mail, too few to flood a mailbox.
constexpr RateRule kResetMailRule{3, std::chrono::minutes(15)};
constexpr size_t kMaxTokenLength = 128;

AppError BadToken() { return AppError::Invalid("token", "is invalid or has expired"); }

}  // namespace

void Service::RequestPasswordReset(const std::string& email, const Caller& caller) {
  // The answer never waits for the lookup, so neither its content nor its
  // timing tells whether the address has an account.
  RunInBackground([this, email, caller] { DoPasswordReset(email, caller); });
}

void Service::DoPasswordReset(const std::string& email, const Caller& caller) {
  if (!deps_.limiter.Hit("reset:" + email, kResetMailRule).allowed) {
    log::Info("password reset mail not sent: too many requests for one address");
    return;
  }
  struct Found {
    User user;
    std::string token;
  };
  auto found =
      deps_.db.WriteValue<std::optional<Found>>([&](db::Conn& c) -> Result<std::optional<Found>> {
        WS_ASSIGN(auto user, store::FindUserByEmail(c, email));
        if (!user || !user->is_active) return std::optional<Found>();
        WS_ASSIGN(std::string token, IssueToken(c, kPurposeReset, *user, kResetTokenMs));
        WS_TRY(AppendAudit(c, audit::kPasswordResetRequested, caller, user->id));
        return std::optional<Found>(Found{std::move(*user), std::move(token)});
      });
  if (!found) {
    log::Warn("password reset failed", {{"detail", found.error().detail}});
    return;
  }
  if (!*found) return;
  const Found& f = **found;
  SendMail(emails::PasswordReset(f.user.email, f.user.name, deps_.config.public_url, f.token));
}

Status Service::ConfirmPasswordReset(const std::string& token, const std::string& password,
                                     const Caller& caller) {
  if (token.size() > kMaxTokenLength) return BadToken();
  const std::string hash = Sha256Hex(token);
  const int64_t now = NowMillis();
  WS_ASSIGN(auto found, deps_.db.ReadValue<std::optional<store::OneTimeToken>>([&](db::Conn& c) {
    return store::FindOneTimeToken(c, hash, kPurposeReset);
  }));
  if (!found || found->used_at || found->expires_at <= now) return BadToken();
  if (std::string why = PasswordProblem(password); !why.empty()) {
    return AppError::Invalid("password", why);
  }
  WS_ASSIGN(std::string password_hash, HashPassword(password));
  WS_TRY(deps_.db.Write([&](db::Conn& c) -> Status {
    WS_ASSIGN(bool consumed, store::ConsumeOneTimeToken(c, hash, kPurposeReset, now));
    if (!consumed) return BadToken();
    WS_ASSIGN(auto user, store::FindUserById(c, found->user_id));
    // A token sent to an address the account no longer has is void.
    if (!user || !user->is_active || user->email != found->email) return BadToken();
    WS_TRY(store::SetPasswordHash(c, user->id, password_hash, now));
    // Following the link proved the address.
    WS_TRY(store::SetEmailVerified(c, user->id, true, now));
    WS_ASSIGN(int64_t ended, store::RevokeUserSessions(c, user->id, now));
    AccessEndedAfterCommit(c, AccessEnded::EverySession(user->id));
    WS_TRY(store::InvalidateOneTimeTokens(c, user->id, kPurposeReset, now));
    return AppendAudit(c, audit::kPasswordReset, caller, user->id, {{"sessions_ended", ended}});
  }));
  ClearFailures(found->email);
  return {};
}

Status Service::VerifyEmail(const std::string& token, const Caller& caller) {
  if (token.size() > kMaxTokenLength) return BadToken();
  const std::string hash = Sha256Hex(token);
  const int64_t now = NowMillis();
  return deps_.db.Write([&](db::Conn& c) -> Status {
    WS_ASSIGN(auto found, store::FindOneTimeToken(c, hash, kPurposeVerify));
    if (!found) return BadToken();
    WS_ASSIGN(bool consumed, store::ConsumeOneTimeToken(c, hash, kPurposeVerify, now));
    if (!consumed) return BadToken();
    WS_ASSIGN(auto user, store::FindUserById(c, found->user_id));
    if (!user || user->email != found->email) return BadToken();
    WS_TRY(store::SetEmailVerified(c, user->id, true, now));
    return AppendAudit(c, audit::kEmailVerified, caller, user->id, {{"email", user->email}});
  });
}

}  // namespace ws::auth
