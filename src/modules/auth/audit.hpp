#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/auth/model.hpp"

namespace ws::auth {

/// The types of audit records (docs/auth.md describes each).
namespace audit {
inline constexpr const char* kUserRegistered = "user.registered";
inline constexpr const char* kLoginSucceeded = "login.succeeded";
inline constexpr const char* kLoginFailed = "login.failed";
inline constexpr const char* kLogout = "logout";
inline constexpr const char* kSessionRevoked = "session.revoked";
inline constexpr const char* kRefreshReused = "session.refresh_token_reused";
inline constexpr const char* kPasswordChanged = "password.changed";
inline constexpr const char* kPasswordResetRequested = "password.reset_requested";
inline constexpr const char* kPasswordReset = "password.reset";
inline constexpr const char* kEmailChanged = "email.changed";
inline constexpr const char* kEmailVerified = "email.verified";
inline constexpr const char* kTotpEnabled = "totp.enabled";
inline constexpr const char* kTotpDisabled = "totp.disabled";
inline constexpr const char* kRecoveryCodeUsed = "totp.recovery_code_used";
inline constexpr const char* kReauthFailed = "reauth.failed";
inline constexpr const char* kTokenCreated = "token.created";
inline constexpr const char* kTokenDeleted = "token.deleted";
inline constexpr const char* kAdminUserCreated = "admin.user_created";
inline constexpr const char* kAdminUserUpdated = "admin.user_updated";
inline constexpr const char* kAdminSessionsRevoked = "admin.sessions_revoked";
inline constexpr const char* kAdminSettingsChanged = "admin.settings_changed";
}  // namespace audit

/// Appends one record inside the caller's unit: `user_id` is whom it is
/// about; the caller becomes the actor when that is someone else.
Status AppendAudit(db::Conn& c, const char* type, const Caller& caller,
                   const std::optional<std::string>& user_id, const boost::json::object& data = {});

struct AuditFilter {
  std::string user_id;  // "" = any
  std::string type;     // "" = any
};
/// Records newest first, older than `before_id` ("" = from the newest).
Result<std::vector<AuditEntry>> ListAudit(db::Conn& c, const AuditFilter& filter,
                                          const std::string& before_id, int limit);

}  // namespace ws::auth
