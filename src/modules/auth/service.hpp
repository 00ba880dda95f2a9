#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "db/database.hpp"
#include "mail/mailer.hpp"
#include "modules/auth/access_cache.hpp"
#include "modules/auth/audit.hpp"
#include "modules/auth/jwt.hpp"
#include "modules/auth/model.hpp"
#include "modules/auth/rate_limiter.hpp"
#include "modules/auth/tasks.hpp"

namespace ws::auth {

/// A committed end of access: one session, one API token, every session of
/// a user (but one), or a deactivated user. The realtime hub closes the
/// matching sockets (Service::SetAccessListener).
struct AccessEnded {
  std::string user_id;
  std::string session_id;
  std::string token_id;
  bool all_sessions = false;
  std::string except_session_id;
  bool deactivated = false;

  static AccessEnded OneSession(std::string user_id, std::string session_id) {
    AccessEnded e;
    e.user_id = std::move(user_id);
    e.session_id = std::move(session_id);
    return e;
  }
  static AccessEnded OneToken(std::string user_id, std::string token_id) {
    AccessEnded e;
    e.user_id = std::move(user_id);
    e.token_id = std::move(token_id);
    return e;
  }
  static AccessEnded EverySession(std::string user_id, std::string except_session_id = {}) {
    AccessEnded e;
    e.user_id = std::move(user_id);
    e.all_sessions = true;
    e.except_session_id = std::move(except_session_id);
    return e;
  }
  static AccessEnded Deactivation(std::string user_id) {
    AccessEnded e;
    e.user_id = std::move(user_id);
    e.deactivated = true;
    return e;
  }
};

/// Rules of accounts, sessions, tokens, second factors and instance
/// administration; every change runs in one write unit with its audit record.
class Service {
 public:
  struct Deps {
    db::Database& db;
    const Config& config;
    const Keyring& keyring;
    RateLimiter& limiter;
    mail::Mailer* mailer = nullptr;  // nullptr: mail is only logged (CLI)
    TaskQueue* tasks = nullptr;      // nullptr: background work runs inline
  };
  explicit Service(Deps deps);

  /// Reads the instance settings into the in-memory copy /meta answers from.
  Status LoadInstanceState();
  /// `open`, `invite_only` or `closed` (from memory, never blocks).
  std::string registration() const;
  /// True while no account exists (from memory, never blocks).
  bool setup_required() const { return setup_required_.load(); }

  // ---- authentication (service.cpp) ----

  /// An access token or a personal API token to the caller it stands for;
  /// checks the session or token row (through the access cache: a revocation
  /// in this process acts at once, one elsewhere within kAccessCacheTtlMs).
  Result<Caller> Authenticate(std::string_view credential);
  /// `invited`: allowed whatever the registration mode (workspace invitations).
  Result<AuthResult> Register(const RegisterInput& input, const Caller& caller,
                              bool invited = false);
  Result<AuthResult> Login(const LoginInput& input, const Caller& caller);
  Result<AuthResult> Refresh(const std::string& refresh_token, const Caller& caller);
  /// Ends the caller's session, or else the one of `refresh_token`.
  Status Logout(const Caller& caller, const std::string& refresh_token);
  Result<std::vector<Session>> ListSessions(const Caller& caller);
  Status RevokeSession(const Caller& caller, const std::string& session_id);

  // ---- email links (recovery.cpp) ----

  /// Answers at once; looks the account up and mails it in the background.
  void RequestPasswordReset(const std::string& email, const Caller& caller);
  Status ConfirmPasswordReset(const std::string& token, const std::string& password,
                              const Caller& caller);
  Status VerifyEmail(const std::string& token, const Caller& caller);

  // ---- second factor (totp.cpp) ----

  struct TotpSetup {
    std::string secret;
    std::string otpauth_uri;
  };
  Result<TotpSetup> SetupTotp(const Caller& caller);
  Result<std::vector<std::string>> EnableTotp(const Caller& caller, const std::string& code);
  Status DisableTotp(const Caller& caller, const std::optional<std::string>& password);

  // ---- the caller's account (account.cpp) ----

  Result<User> Me(const Caller& caller);
  Result<User> UpdateMe(const Caller& caller, const ProfileUpdate& update);
  Status ChangePassword(const Caller& caller, const std::string& current, const std::string& next);
  Result<std::vector<ApiToken>> ListTokens(const Caller& caller);
  struct NewToken {
    std::string id;
    std::string name;
    std::string token;  // shown once
  };
  Result<NewToken> CreateToken(const Caller& caller, const TokenInput& input);
  Status DeleteToken(const Caller& caller, const std::string& token_id);

  // ---- instance administration (admin.cpp) ----

  Result<Page<User>> AdminListUsers(const Caller& caller, const std::string& q,
                                    const std::string& cursor, int limit);
  Result<User> AdminCreateUser(const Caller& caller, const AdminUserInput& input);
  Result<User> AdminUpdateUser(const Caller& caller, const std::string& user_id,
                               const AdminUserUpdate& update);
  Status AdminRevokeSessions(const Caller& caller, const std::string& user_id);
  Result<Page<AuditEntry>> AdminAuditLog(const Caller& caller, const AuditFilter& filter,
                                         const std::string& cursor, int limit);
  struct Settings {
    std::string registration;
  };
  Result<Settings> AdminSettings(const Caller& caller);
  Result<Settings> AdminUpdateSettings(const Caller& caller,
                                       const std::optional<std::string>& registration);

  /// For `workstead admin create-user`: no caller, no mail; `password`
  /// must pass the password rules.
  Result<User> OperatorCreateUser(const std::string& email, const std::string& name,
                                  const std::string& password, bool is_instance_admin);
  /// For `workstead admin reset-password`: sets it and ends every session.
  Status OperatorResetPassword(const std::string& email, const std::string& password);

  /// Called after each commit that ends a session or API token or
  /// deactivates a user (on the committing thread; must not block). Set
  /// once, before serving.
  void SetAccessListener(std::function<void(const AccessEnded&)> listener) {
    access_listener_ = std::move(listener);
  }

 private:
  // service.cpp
  Result<AuthResult> StartSession(db::Conn& c, const User& user, const Caller& caller,
                                  const char* audit_type, const boost::json::object& data);
  AuthResult Tokens(const User& user, const Session& session, std::string refresh_token) const;
  AppError LoginFailed(const std::string& email, const std::optional<User>& user,
                       const Caller& caller, const char* reason);
  Status CheckSecondFactor(const User& user, const std::string& code, const Caller& caller);
  Result<Caller> AuthenticateApiToken(std::string_view token);
  /// 429 once the account's or the IP's failure budget is spent.
  Status CheckLoginAllowance(const std::string& email, const Caller& caller);
  /// Spends one failure of the account's and the IP's budget.
  void CountFailure(const std::string& email, const Caller& caller);
  /// Forgets the account's failures (after a sign-in or a password reset).
  void ClearFailures(const std::string& email);
  void MaybePurge();
  // account.cpp
  /// The caller's user, or 401 when it no longer exists or is inactive.
  Result<User> CallerUser(const Caller& caller);
  /// Confirms a sensitive change: `password` must match, or, when absent,
  /// the caller's session must have signed in with a password within 10 minutes.
  Status Reauthenticate(const Caller& caller, const User& user,
                        const std::optional<std::string>& password, const std::string& field);
  /// Issues a single-use token and answers it (inside the caller's unit).
  Result<std::string> IssueToken(db::Conn& c, const char* purpose, const User& user,
                                 int64_t lifetime_ms);
  /// Sends in the background (or logs when there is no mailer).
  void SendMail(mail::Message message);
  void RunInBackground(std::function<void()> task);
  void DoPasswordReset(const std::string& email, const Caller& caller);
  Status RequireAdmin(const Caller& caller) const;
  void SetRegistration(const std::string& mode);

  Deps deps_;
  AccessCache access_;
  VerifiedTokens verified_;
  mutable std::mutex state_mutex_;
  std::string registration_ = "invite_only";  // GUARDED_BY(state_mutex_)
  std::atomic<bool> setup_required_{true};
  std::atomic<int64_t> last_purge_{0};
  std::function<void(const AccessEnded&)> access_listener_;

  /// Tells the access listener once `c`'s write unit commits.
  void AccessEndedAfterCommit(db::Conn& c, AccessEnded ended) {
    if (access_listener_) c.AfterCommit([this, ended] { access_listener_(ended); });
  }
};

/// Constants of the rules (docs/auth.md).
inline constexpr int kLoginFailuresPerAccount = 5;
inline constexpr int kLoginFailuresPerIp = 20;
inline constexpr int64_t kLoginWindowMs = 5 * 60 * 1000;
inline constexpr int64_t kReauthWindowMs = 10 * 60 * 1000;
inline constexpr int64_t kResetTokenMs = 60 * 60 * 1000;
inline constexpr int64_t kVerifyTokenMs = 48 * 60 * 60 * 1000;
inline constexpr int64_t kInviteTokenMs = 7 * 24 * 60 * 60 * 1000;
inline constexpr int64_t kTouchIntervalMs = 60 * 1000;
inline constexpr int kMaxApiTokens = 100;
inline constexpr const char* kPurposeReset = "password_reset";
inline constexpr const char* kPurposeVerify = "email_verify";

}  // namespace ws::auth
