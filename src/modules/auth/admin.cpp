// Instance administration: users, sessions of others, audit log, settings,
// and the operator's command-line escape hatches.
#include <algorithm>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/ids.hpp"
#include "core/json_input.hpp"
#include "modules/auth/emails.hpp"
#include "modules/auth/passwords.hpp"
#include "modules/auth/permissions.hpp"
#include "modules/auth/service.hpp"
#include "modules/auth/store.hpp"

namespace ws::auth {

namespace {

std::string EncodeCursor(const std::string& id) { return Base64UrlEncode(id); }

/// "" for the first page; 400 for anything that is not a cursor we made.
Result<std::string> DecodeCursor(const std::string& cursor) {
  if (cursor.empty()) return std::string();
  std::string id;
  if (cursor.size() > 64 || !Base64UrlDecode(cursor, id) || !IsUuid(id)) {
    return AppError::BadRequest("cursor is not valid");
  }
  return id;
}

template <class T>
Page<T> ToPage(std::vector<T> rows, int limit) {
  return PageFrom(std::move(rows), limit, [](const T& row) { return EncodeCursor(row.id); });
}

const Caller kOperator{"", "", "", true, "cli", "workstead admin"};

}  // namespace

Status Service::RequireAdmin(const Caller& caller) const {
  if (!CanAdministerInstance(caller)) return AppError::Forbidden("instance admins only");
  return {};
}

Result<Page<User>> Service::AdminListUsers(const Caller& caller, const std::string& q,
                                           const std::string& cursor, int limit) {
  WS_TRY(RequireAdmin(caller));
  if (q.size() > 254) return AppError::BadRequest("q is too long");
  WS_ASSIGN(std::string after, DecodeCursor(cursor));
  WS_ASSIGN(auto users, deps_.db.ReadValue<std::vector<User>>(
                            [&](db::Conn& c) { return store::ListUsers(c, q, after, limit + 1); }));
  return ToPage(std::move(users), limit);
}

Result<User> Service::AdminCreateUser(const Caller& caller, const AdminUserInput& input) {
  WS_TRY(RequireAdmin(caller));
  std::string hash;
  if (input.password) {
    if (std::string why = PasswordProblem(*input.password); !why.empty()) {
      return AppError::Invalid("password", why);
    }
    WS_ASSIGN(hash, HashPassword(*input.password));
  }
  const int64_t now = NowMillis();
  User user;
  user.id = NewId();
  user.email = input.email;
  user.name = input.name;
  user.password_hash = hash;
  user.is_instance_admin = input.is_instance_admin;
  user.created_at = user.updated_at = now;
  std::string token;
  WS_TRY(deps_.db.Write([&](db::Conn& c) -> Status {
    WS_TRY(store::ClaimSetup(c, now));
    WS_TRY(store::InsertUser(c, user));
    if (input.password) {
      WS_ASSIGN(token, IssueToken(c, kPurposeVerify, user, kVerifyTokenMs));
    } else {
      WS_ASSIGN(token, IssueToken(c, kPurposeReset, user, kInviteTokenMs));
    }
    return AppendAudit(c, audit::kAdminUserCreated, caller, user.id,
                       {{"email", user.email},
                        {"is_instance_admin", user.is_instance_admin},
                        {"invited", !input.password}});
  }));
  setup_required_ = false;
  const std::string& url = deps_.config.public_url;
  SendMail(input.password ? emails::VerifyEmail(user.email, user.name, url, token)
                          : emails::Invitation(user.email, user.name, url, token));
  return user;
}

Result<User> Service::AdminUpdateUser(const Caller& caller, const std::string& user_id,
                                      const AdminUserUpdate& update) {
  WS_TRY(RequireAdmin(caller));
  if (!IsUuid(user_id)) return AppError::NotFound("no such user");
  const int64_t now = NowMillis();
  return deps_.db.WriteValue<User>([&](db::Conn& c) -> Result<User> {
    WS_ASSIGN(auto found, store::FindUserById(c, user_id));
    if (!found) return AppError::NotFound("no such user");
    User user = *found;
    if (update.is_active == false && user.id == caller.user_id) {
      return AppError::Conflict("you cannot deactivate your own account");
    }
    boost::json::object changes;
    if (update.name && *update.name != user.name) changes["name"] = user.name = *update.name;
    if (update.is_active && *update.is_active != user.is_active) {
      changes["is_active"] = user.is_active = *update.is_active;
    }
    if (update.is_instance_admin && *update.is_instance_admin != user.is_instance_admin) {
      changes["is_instance_admin"] = user.is_instance_admin = *update.is_instance_admin;
    }
    const bool was_admin = found->is_instance_admin && found->is_active;
    if (was_admin && !(user.is_instance_admin && user.is_active)) {
      WS_ASSIGN(int64_t admins, store::CountActiveAdmins(c));
      if (admins <= 1) return AppError::Conflict("at least one active instance admin must remain");
    }
    if (changes.empty()) return user;
    WS_TRY(store::SetAdminFlags(c, user, now));
    if (found->is_active && !user.is_active) {
      // Deactivation ends every way in at once.
      WS_ASSIGN(int64_t sessions, store::RevokeUserSessions(c, user.id, now));
      WS_ASSIGN(int64_t tokens, store::DeleteUserApiTokens(c, user.id));
      changes["sessions_ended"] = sessions;
      changes["tokens_deleted"] = tokens;
      AccessEndedAfterCommit(c, AccessEnded::Deactivation(user.id));
    }
    WS_TRY(AppendAudit(c, audit::kAdminUserUpdated, caller, user.id, changes));
    return user;
  });
}

Status Service::AdminRevokeSessions(const Caller& caller, const std::string& user_id) {
  WS_TRY(RequireAdmin(caller));
  if (!IsUuid(user_id)) return AppError::NotFound("no such user");
  return deps_.db.Write([&](db::Conn& c) -> Status {
    WS_ASSIGN(auto user, store::FindUserById(c, user_id));
    if (!user) return AppError::NotFound("no such user");
    WS_ASSIGN(int64_t ended, store::RevokeUserSessions(c, user_id, NowMillis()));
    AccessEndedAfterCommit(c, AccessEnded::EverySession(user_id));
    return AppendAudit(c, audit::kAdminSessionsRevoked, caller, user_id,
                       {{"sessions_ended", ended}});
  });
}

Result<Page<AuditEntry>> Service::AdminAuditLog(const Caller& caller, const AuditFilter& filter,
                                                const std::string& cursor, int limit) {
  WS_TRY(RequireAdmin(caller));
  if (!filter.user_id.empty() && !IsUuid(filter.user_id)) {
    return AppError::BadRequest("user_id must be a user id");
  }
  if (filter.type.size() > 64) return AppError::BadRequest("type is too long");
  WS_ASSIGN(std::string before, DecodeCursor(cursor));
  WS_ASSIGN(auto entries, deps_.db.ReadValue<std::vector<AuditEntry>>([&](db::Conn& c) {
    return ListAudit(c, filter, before, limit + 1);
  }));
  return ToPage(std::move(entries), limit);
}

Result<Service::Settings> Service::AdminSettings(const Caller& caller) {
  WS_TRY(RequireAdmin(caller));
  WS_TRY(LoadInstanceState());
  return Settings{registration()};
}

Result<Service::Settings> Service::AdminUpdateSettings(
    const Caller& caller, const std::optional<std::string>& registration_mode) {
  WS_TRY(RequireAdmin(caller));
  if (registration_mode) {
    WS_TRY(deps_.db.Write([&](db::Conn& c) -> Status {
      WS_ASSIGN(auto before, store::GetSetting(c, "registration"));
      WS_TRY(store::PutSetting(c, "registration", *registration_mode));
      return AppendAudit(
          c, audit::kAdminSettingsChanged, caller, std::nullopt,
          {{"registration", *registration_mode}, {"previous", before.value_or("invite_only")}});
    }));
    SetRegistration(*registration_mode);
  }
  return Settings{registration()};
}

Result<User> Service::OperatorCreateUser(const std::string& raw_email, const std::string& name,
                                         const std::string& password, bool is_instance_admin) {
  const std::string email = AsciiLower(raw_email);
  size_t name_length = 0;
  if (!IsValidEmail(email)) return AppError::Invalid("email", "must be a valid email address");
  if (!Utf8Length(name, name_length) || name_length == 0 || name_length > 100) {
    return AppError::Invalid("name", "must be 1 to 100 characters");
  }
  if (std::string why = PasswordProblem(password); !why.empty()) {
    return AppError::Invalid("password", why);
  }
  WS_ASSIGN(std::string hash, HashPassword(password));
  const int64_t now = NowMillis();
  User user;
  user.id = NewId();
  user.email = email;
  user.name = name;
  user.password_hash = hash;
  user.is_instance_admin = is_instance_admin;
  user.email_verified = true;  // the operator vouches for the address
  user.created_at = user.updated_at = now;
  WS_TRY(deps_.db.Write([&](db::Conn& c) -> Status {
    WS_TRY(store::ClaimSetup(c, now));
    WS_TRY(store::InsertUser(c, user));
    return AppendAudit(
        c, audit::kAdminUserCreated, kOperator, user.id,
        {{"email", user.email}, {"is_instance_admin", is_instance_admin}, {"via", "cli"}});
  }));
  setup_required_ = false;
  return user;
}

Status Service::OperatorResetPassword(const std::string& raw_email, const std::string& password) {
  const std::string email = AsciiLower(raw_email);
  if (std::string why = PasswordProblem(password); !why.empty()) {
    return AppError::Invalid("password", why);
  }
  WS_ASSIGN(auto user, deps_.db.ReadValue<std::optional<User>>(
                           [&](db::Conn& c) { return store::FindUserByEmail(c, email); }));
  if (!user) return AppError::NotFound("no account with that email address");
  WS_ASSIGN(std::string hash, HashPassword(password));
  const int64_t now = NowMillis();
  WS_TRY(deps_.db.Write([&](db::Conn& c) -> Status {
    WS_TRY(store::SetPasswordHash(c, user->id, hash, now));
    WS_ASSIGN(int64_t ended, store::RevokeUserSessions(c, user->id, now));
    WS_TRY(store::InvalidateOneTimeTokens(c, user->id, kPurposeReset, now));
    return AppendAudit(c, audit::kPasswordReset, kOperator, user->id,
                       {{"sessions_ended", ended}, {"via", "cli"}});
  }));
  ClearFailures(email);
  return {};
}

}  // namespace ws::auth
