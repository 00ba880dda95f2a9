#include "modules/auth/service.hpp"

#include <algorithm>

#include "core/blocking.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "core/totp.hpp"
#include "modules/auth/emails.hpp"
#include "modules/auth/passwords.hpp"
#include "modules/auth/store.hpp"

namespace ws::auth {

namespace {

constexpr int64_t kDayMs = 24 * 60 * 60 * 1000;
constexpr int64_t kPurgeIntervalMs = 60 * 60 * 1000;

AppError SessionEnded() { return AppError::Unauthorized("the session has ended; sign in again"); }

AppError RateLimited(const RateDecision& d) {
  AppError e{ErrorCode::kRateLimited, "too many failed attempts; try again later", {}, {}, 0};
  e.retry_after_seconds = d.RetryAfterSeconds();
  return e;
}

RateRule LoginRule(int limit) { return {limit, std::chrono::milliseconds(kLoginWindowMs)}; }

std::string AccountKey(const std::string& email) { return "login:account:" + email; }
std::string IpKey(const std::string& ip) { return "login:ip:" + ip; }

}  // namespace

Service::Service(Deps deps) : deps_(deps) {}

Status Service::LoadInstanceState() {
  struct State {
    std::optional<std::string> registration;
    bool setup_done = false;
  };
  WS_ASSIGN(State state, deps_.db.ReadValue<State>([](db::Conn& c) -> Result<State> {
    State s;
    WS_ASSIGN(s.registration, store::GetSetting(c, "registration"));
    WS_ASSIGN(auto setup, store::GetSetting(c, store::kSetupKey));
    s.setup_done = setup.has_value();
    return s;
  }));
  SetRegistration(state.registration.value_or("invite_only"));
  setup_required_ = !state.setup_done;
  return {};
}

std::string Service::registration() const {
  std::lock_guard lock(state_mutex_);
  return registration_;
}

void Service::SetRegistration(const std::string& mode) {
  std::lock_guard lock(state_mutex_);
  registration_ = mode;
}

Result<Caller> Service::Authenticate(std::string_view credential) {
  if (credential.starts_with("wst_")) return AuthenticateApiToken(credential);
  const int64_t now = NowMillis();
  std::optional<AccessClaims> verified = verified_.Find(credential, now / 1000);
  if (!verified) {
    WS_ASSIGN(AccessClaims checked, deps_.keyring.Verify(credential, now / 1000));
    verified_.Put(credential, checked);
    verified = std::move(checked);
  }
  const AccessClaims& claims = *verified;
  std::optional<Session> session = access_.FindSession(claims.sid, now);
  std::shared_ptr<const User> user = session ? access_.FindUser(session->user_id, now) : nullptr;
  if (!user) {
    struct Found {
      Session session;
      std::optional<User> user;
    };
    const uint64_t generation = AccessCache::Generation();
    WS_ASSIGN(auto found, deps_.db.ReadValue<std::optional<Found>>(
                              [&](db::Conn& c) -> Result<std::optional<Found>> {
                                WS_ASSIGN(auto s, store::FindSession(c, claims.sid));
                                if (!s) return std::optional<Found>();
                                WS_ASSIGN(auto u, store::FindUserById(c, s->user_id));
                                return std::optional<Found>(Found{std::move(*s), std::move(u)});
                              }));
    if (!found || !found->user) return SessionEnded();
    access_.PutSession(found->session, generation, now);
    access_.PutUser(*found->user, generation, now);
    session = std::move(found->session);
    user = std::make_shared<const User>(std::move(*found->user));
  }
  const int64_t idle_ms = int64_t{deps_.config.session_idle_days} * kDayMs;
  if (session->user_id != claims.sub || session->revoked_at || session->expires_at <= now ||
      session->last_used_at + idle_ms <= now || !user->is_active) {
    return SessionEnded();
  }
  if (now - session->last_used_at >= kTouchIntervalMs) {
    // A write: done where blocking is allowed (core/blocking.hpp).
    if (RefuseBlocking()) return WouldBlockError();
    access_.TouchSession(claims.sid, now);
    deps_.db.WriteAsync(
        [sid = claims.sid, now](db::Conn& c) { return store::TouchSession(c, sid, now); },
        [](Status) {});
  }
  Caller caller;
  caller.user_id = claims.sub;
  caller.session_id = claims.sid;
  caller.is_instance_admin = user->is_instance_admin;
  return caller;
}

Result<Caller> Service::AuthenticateApiToken(std::string_view credential) {
  const int64_t now = NowMillis();
  const std::string hash = Sha256Hex(credential);
  std::optional<ApiToken> token = access_.FindToken(hash, now);
  std::shared_ptr<const User> user = token ? access_.FindUser(token->user_id, now) : nullptr;
  if (!user) {
    struct Found {
      ApiToken token;
      std::optional<User> user;
    };
    const uint64_t generation = AccessCache::Generation();
    WS_ASSIGN(auto found, deps_.db.ReadValue<std::optional<Found>>(
                              [&](db::Conn& c) -> Result<std::optional<Found>> {
                                WS_ASSIGN(auto t, store::FindApiTokenByHash(c, hash));
                                if (!t) return std::optional<Found>();
                                WS_ASSIGN(auto u, store::FindUserById(c, t->user_id));
                                return std::optional<Found>(Found{std::move(*t), std::move(u)});
                              }));
    if (!found || !found->user) return AppError::Unauthorized("invalid or expired API token");
    access_.PutToken(hash, found->token, generation, now);
    access_.PutUser(*found->user, generation, now);
    token = std::move(found->token);
    user = std::make_shared<const User>(std::move(*found->user));
  }
  if (!user->is_active || (token->expires_at && *token->expires_at <= now)) {
    return AppError::Unauthorized("invalid or expired API token");
  }
  if (!token->last_used_at || now - *token->last_used_at >= kTouchIntervalMs) {
    if (RefuseBlocking()) return WouldBlockError();  // a write, as for sessions
    access_.TouchToken(hash, now);
    deps_.db.WriteAsync(
        [id = token->id, now](db::Conn& c) { return store::TouchApiToken(c, id, now); },
        [](Status) {});
  }
  Caller caller;
  caller.user_id = token->user_id;
  caller.token_id = token->id;
  caller.is_instance_admin = user->is_instance_admin;
  return caller;
}

AuthResult Service::Tokens(const User& user, const Session& session,
                           std::string refresh_token) const {
  const int64_t now_s = NowMillis() / 1000;
  AuthResult out;
  out.user = user;
  out.expires_in = deps_.config.access_token_ttl_seconds;
  out.access_token = deps_.keyring.Sign({user.id, session.id, now_s, now_s + out.expires_in});
  out.refresh_token = std::move(refresh_token);
  out.csrf_token = RandomToken();
  out.refresh_max_age = std::max<int64_t>(0, session.expires_at / 1000 - now_s);
  return out;
}

Result<AuthResult> Service::StartSession(db::Conn& c, const User& user, const Caller& caller,
                                         const char* audit_type, const boost::json::object& data) {
  const int64_t now = NowMillis();
  Session session;
  session.id = NewId();
  session.user_id = user.id;
  session.user_agent = caller.user_agent;
  session.ip = caller.ip;
  session.created_at = session.last_used_at = session.auth_at = now;
  session.expires_at = now + int64_t{deps_.config.session_max_days} * kDayMs;
  std::string refresh = RandomToken();
  WS_TRY(store::InsertSession(c, session));
  WS_TRY(store::InsertRefreshToken(c, Sha256Hex(refresh), session.id, now));
  boost::json::object record = data;
  record["session_id"] = session.id;
  WS_TRY(AppendAudit(c, audit_type, caller, user.id, record));
  return Tokens(user, session, std::move(refresh));
}

Result<AuthResult> Service::Register(const RegisterInput& input, const Caller& caller,
                                     bool invited) {
  if (!invited && !setup_required_ && registration() != "open") {
    WS_TRY(LoadInstanceState());  // another instance or the CLI may have changed it
    if (!setup_required_ && registration() != "open") {
      return AppError::Forbidden("registration is closed on this instance");
    }
  }
  if (std::string why = PasswordProblem(input.password); !why.empty()) {
    return AppError::Invalid("password", why);
  }
  WS_ASSIGN(std::string hash, HashPassword(input.password));
  const int64_t now = NowMillis();
  User user;
  user.id = NewId();
  user.email = input.email;
  user.name = input.name;
  user.password_hash = std::move(hash);
  user.created_at = user.updated_at = now;
  // An invitee proved the address by following the invitation mail.
  user.email_verified = invited;
  std::string verify_token;
  auto result = deps_.db.WriteValue<AuthResult>([&](db::Conn& c) -> Result<AuthResult> {
    WS_ASSIGN(const bool first, store::ClaimSetup(c, now));
    if (!first && !invited) {
      WS_ASSIGN(auto mode, store::GetSetting(c, "registration"));
      if (mode.value_or("invite_only") != "open") {
        return AppError::Forbidden("registration is closed on this instance");
      }
    }
    user.is_instance_admin = first;
    WS_TRY(store::InsertUser(c, user));
    if (!invited) {
      WS_ASSIGN(verify_token, IssueToken(c, kPurposeVerify, user, kVerifyTokenMs));
    }
    return StartSession(c, user, caller, audit::kUserRegistered,
                        {{"email", user.email}, {"first_account", first}});
  });
  if (!result) return std::move(result).error();
  if (result->user.is_instance_admin) setup_required_ = false;
  if (!invited) {
    SendMail(emails::VerifyEmail(user.email, user.name, deps_.config.public_url, verify_token));
  }
  return result;
}

Status Service::CheckLoginAllowance(const std::string& email, const Caller& caller) {
  const RateDecision account =
      deps_.limiter.Peek(AccountKey(email), LoginRule(kLoginFailuresPerAccount));
  if (!account.allowed) return RateLimited(account);
  const RateDecision ip = deps_.limiter.Peek(IpKey(caller.ip), LoginRule(kLoginFailuresPerIp));
  if (!ip.allowed) return RateLimited(ip);
  return {};
}

void Service::CountFailure(const std::string& email, const Caller& caller) {
  deps_.limiter.Hit(AccountKey(email), LoginRule(kLoginFailuresPerAccount));
  deps_.limiter.Hit(IpKey(caller.ip), LoginRule(kLoginFailuresPerIp));
}

void Service::ClearFailures(const std::string& email) { deps_.limiter.Reset(AccountKey(email)); }

AppError Service::LoginFailed(const std::string& email, const std::optional<User>& user,
                              const Caller& caller, const char* reason) {
  CountFailure(email, caller);
  std::optional<std::string> user_id;
  if (user) user_id = user->id;
  Status s = deps_.db.Write([&](db::Conn& c) {
    return AppendAudit(c, audit::kLoginFailed, caller, user_id,
                       {{"email", email}, {"reason", reason}});
  });
  if (!s) log::Warn("audit record not written", {{"detail", s.error().detail}});
  if (std::string_view(reason) == "totp") {
    return AppError::Unauthorized("the two-factor code is not valid");
  }
  return AppError::Unauthorized("invalid email or password");
}

Result<AuthResult> Service::Login(const LoginInput& input, const Caller& caller) {
  WS_TRY(CheckLoginAllowance(input.email, caller));
  WS_ASSIGN(auto user, deps_.db.ReadValue<std::optional<User>>(
                           [&](db::Conn& c) { return store::FindUserByEmail(c, input.email); }));
  // Unknown, inactive and password-less accounts still pay for one argon2
  // verification, so the answer time does not tell whether an email exists.
  const bool usable = user && user->is_active && !user->password_hash.empty();
  WS_ASSIGN(const bool matches, VerifyPassword(usable ? user->password_hash : "", input.password));
  if (!usable || !matches) return LoginFailed(input.email, user, caller, "password");
  if (user->totp_enabled) {
    if (!input.totp_code) {
      return AppError{ErrorCode::kTotpRequired, "a two-factor code is required", {}, {}, 0};
    }
    WS_TRY(CheckSecondFactor(*user, *input.totp_code, caller));
  }
  ClearFailures(input.email);
  setup_required_ = false;  // an account exists (perhaps made by `workstead admin`)
  std::optional<std::string> rehashed;
  if (PasswordNeedsRehash(user->password_hash)) {
    if (auto made = HashPassword(input.password)) rehashed = *made;
  }
  MaybePurge();
  return deps_.db.WriteValue<AuthResult>([&](db::Conn& c) -> Result<AuthResult> {
    if (rehashed) WS_TRY(store::SetPasswordHash(c, user->id, *rehashed, NowMillis()));
    return StartSession(c, *user, caller, audit::kLoginSucceeded, {{"email", user->email}});
  });
}

Status Service::CheckSecondFactor(const User& user, const std::string& code, const Caller& caller) {
  const bool digits = code.size() == 6 && std::all_of(code.begin(), code.end(), [](char ch) {
                        return ch >= '0' && ch <= '9';
                      });
  if (digits && user.totp_secret) {
    auto step = totp::Verify(*user.totp_secret, code, NowMillis() / 1000);
    if (step) {
      WS_ASSIGN(bool fresh, deps_.db.WriteValue<bool>([&](db::Conn& c) {
        return store::AdvanceTotpStep(c, user.id, *step);
      }));
      if (fresh) return {};
    }
    return LoginFailed(user.email, user, caller, "totp");
  }
  // Otherwise it may be a recovery code: xxxx-xxxx-xxxx-xxxx, any case.
  std::string normal;
  for (char ch : code) {
    if (ch != '-' && ch != ' ')
      normal += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  const std::string hash = Sha256Hex(normal);
  WS_ASSIGN(bool used, deps_.db.WriteValue<bool>([&](db::Conn& c) -> Result<bool> {
    WS_ASSIGN(bool ok, store::UseRecoveryCode(c, user.id, hash, NowMillis()));
    if (ok) WS_TRY(AppendAudit(c, audit::kRecoveryCodeUsed, caller, user.id));
    return ok;
  }));
  if (!used) return LoginFailed(user.email, user, caller, "totp");
  return {};
}

Result<AuthResult> Service::Refresh(const std::string& refresh_token, const Caller& caller) {
  enum class Outcome { kOk, kUnknown, kReused, kEnded };
  const int64_t now = NowMillis();
  const std::string hash = Sha256Hex(refresh_token);
  const int64_t idle_ms = int64_t{deps_.config.session_idle_days} * kDayMs;
  std::optional<User> user;
  std::optional<Session> session;
  std::string next = RandomToken();
  WS_ASSIGN(Outcome outcome, deps_.db.WriteValue<Outcome>([&](db::Conn& c) -> Result<Outcome> {
    WS_ASSIGN(auto token, store::FindRefreshToken(c, hash));
    if (!token) return Outcome::kUnknown;
    WS_ASSIGN(session, store::FindSession(c, token->session_id));
    if (!session) return Outcome::kUnknown;
    WS_ASSIGN(user, store::FindUserById(c, session->user_id));
    bool rotated_now = false;
    if (!token->rotated_at) {
      WS_ASSIGN(rotated_now, store::MarkRefreshTokenRotated(c, hash, now));
    }
    if (!rotated_now) {
      // A rotated token came back: someone holds a copy. End the whole family.
      WS_ASSIGN(bool revoked, store::RevokeSession(c, session->user_id, session->id, now));
      if (revoked) {
        WS_TRY(AppendAudit(c, audit::kRefreshReused, caller, session->user_id,
                           {{"session_id", session->id}}));
      }
      return Outcome::kReused;
    }
    if (session->revoked_at || session->expires_at <= now ||
        session->last_used_at + idle_ms <= now || !user || !user->is_active) {
      return Outcome::kEnded;
    }
    WS_TRY(store::InsertRefreshToken(c, Sha256Hex(next), session->id, now));
    WS_TRY(store::TouchSession(c, session->id, now));
    return Outcome::kOk;
  }));
  if (outcome != Outcome::kOk) return SessionEnded();
  return Tokens(*user, *session, std::move(next));
}

Status Service::Logout(const Caller& caller, const std::string& refresh_token) {
  const int64_t now = NowMillis();
  return deps_.db.Write([&](db::Conn& c) -> Status {
    std::string session_id = caller.session_id;
    std::string user_id = caller.user_id;
    if (session_id.empty() && !refresh_token.empty()) {
      WS_ASSIGN(auto token, store::FindRefreshToken(c, Sha256Hex(refresh_token)));
      if (!token) return {};  // already gone: signing out again is fine
      WS_ASSIGN(auto session, store::FindSession(c, token->session_id));
      if (!session) return {};
      session_id = session->id;
      user_id = session->user_id;
    }
    if (session_id.empty()) return AppError::Unauthorized();
    WS_ASSIGN(bool revoked, store::RevokeSession(c, user_id, session_id, now));
    if (revoked)
      WS_TRY(AppendAudit(c, audit::kLogout, caller, user_id, {{"session_id", session_id}}));
    if (revoked) AccessEndedAfterCommit(c, AccessEnded::OneSession(user_id, session_id));
    return {};
  });
}

Result<std::vector<Session>> Service::ListSessions(const Caller& caller) {
  const int64_t now = NowMillis();
  const int64_t idle_cutoff = now - int64_t{deps_.config.session_idle_days} * kDayMs;
  return deps_.db.ReadValue<std::vector<Session>>(
      [&](db::Conn& c) { return store::ListLiveSessions(c, caller.user_id, now, idle_cutoff); });
}

Status Service::RevokeSession(const Caller& caller, const std::string& session_id) {
  if (!IsUuid(session_id)) return AppError::NotFound("no such session");
  return deps_.db.Write([&](db::Conn& c) -> Status {
    WS_ASSIGN(bool revoked, store::RevokeSession(c, caller.user_id, session_id, NowMillis()));
    if (!revoked) return AppError::NotFound("no such session");
    AccessEndedAfterCommit(c, AccessEnded::OneSession(caller.user_id, session_id));
    return AppendAudit(c, audit::kSessionRevoked, caller, caller.user_id,
                       {{"session_id", session_id}});
  });
}

void Service::MaybePurge() {
  const int64_t now = NowMillis();
  int64_t last = last_purge_.load();
  if (now - last < kPurgeIntervalMs || !last_purge_.compare_exchange_strong(last, now)) return;
  const int64_t cutoff = now - 30 * kDayMs;
  const int64_t idle_cutoff = cutoff - int64_t{deps_.config.session_idle_days} * kDayMs;
  RunInBackground([this, cutoff, idle_cutoff] {
    Status s =
        deps_.db.Write([&](db::Conn& c) { return store::PurgeEnded(c, cutoff, idle_cutoff); });
    if (!s) log::Warn("purging ended sessions failed", {{"detail", s.error().detail}});
  });
}

}  // namespace ws::auth
