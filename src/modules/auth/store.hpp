#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/auth/model.hpp"

/// SQL of the accounts module, and nothing else: each function runs inside
/// the caller's unit of work so the service decides what is atomic.
namespace ws::auth::store {

// ---- users (store.cpp) ----

/// 409 conflict when the email address is taken (also for UpdateEmail).
Status InsertUser(db::Conn& c, const User& user);
Result<std::optional<User>> FindUserById(db::Conn& c, const std::string& id);
Result<std::optional<User>> FindUserByEmail(db::Conn& c, const std::string& email);
Status UpdateProfile(db::Conn& c, const User& user, int64_t now);
/// Changes the address and marks it unverified.
Status UpdateEmail(db::Conn& c, const std::string& user_id, const std::string& email, int64_t now);
Status SetPasswordHash(db::Conn& c, const std::string& user_id, const std::string& hash,
                       int64_t now);
Status SetEmailVerified(db::Conn& c, const std::string& user_id, bool verified, int64_t now);
/// Sets (or clears, with nullopt) the secret, the enabled flag and the last step.
Status SetTotp(db::Conn& c, const std::string& user_id, const std::optional<std::string>& secret,
               bool enabled, std::optional<int64_t> last_step, int64_t now);
/// Records `step` as used when it is newer than the last used one; false on a replay.
Result<bool> AdvanceTotpStep(db::Conn& c, const std::string& user_id, int64_t step);
Status SetAdminFlags(db::Conn& c, const User& user, int64_t now);
Result<int64_t> CountActiveAdmins(db::Conn& c);
/// Users ordered by id (creation order) after `after_id`, matching `q` in
/// email or name when not empty; at most `limit`.
Result<std::vector<User>> ListUsers(db::Conn& c, const std::string& q, const std::string& after_id,
                                    int limit);

// ---- instance settings (store.cpp) ----

Result<std::optional<std::string>> GetSetting(db::Conn& c, const std::string& key);
Status PutSetting(db::Conn& c, const std::string& key, const std::string& value);
/// Claims the first-account slot: true exactly once per instance.
Result<bool> ClaimSetup(db::Conn& c, int64_t now);
inline constexpr const char* kSetupKey = "setup_completed_at";

// ---- single-use tokens and recovery codes (store.cpp) ----

struct OneTimeToken {
  std::string user_id;
  std::string email;
  int64_t expires_at = 0;
  std::optional<int64_t> used_at;
};
Status InsertOneTimeToken(db::Conn& c, const std::string& hash, const std::string& purpose,
                          const std::string& user_id, const std::string& email, int64_t now,
                          int64_t expires_at);
Result<std::optional<OneTimeToken>> FindOneTimeToken(db::Conn& c, const std::string& hash,
                                                     const std::string& purpose);
/// Marks the token used when it is unused and unexpired; false otherwise.
Result<bool> ConsumeOneTimeToken(db::Conn& c, const std::string& hash, const std::string& purpose,
                                 int64_t now);
/// Marks every unused token of the user for `purpose` used.
Status InvalidateOneTimeTokens(db::Conn& c, const std::string& user_id, const std::string& purpose,
                               int64_t now);
Status ReplaceRecoveryCodes(db::Conn& c, const std::string& user_id,
                            const std::vector<std::string>& hashes);
/// Marks an unused recovery code used; false when there is none.
Result<bool> UseRecoveryCode(db::Conn& c, const std::string& user_id, const std::string& hash,
                             int64_t now);
Status DeleteRecoveryCodes(db::Conn& c, const std::string& user_id);

// ---- sessions and refresh tokens (session_store.cpp) ----

Status InsertSession(db::Conn& c, const Session& session);
Result<std::optional<Session>> FindSession(db::Conn& c, const std::string& id);

/// A session with what authentication needs of its user.
Status TouchSession(db::Conn& c, const std::string& id, int64_t now);
Status SetSessionAuthAt(db::Conn& c, const std::string& id, int64_t now);
/// Revokes one live session of the user; answers whether one was revoked.
Result<bool> RevokeSession(db::Conn& c, const std::string& user_id, const std::string& id,
                           int64_t now);
/// Revokes every live session of the user except `except_id`; answers how many.
Result<int64_t> RevokeUserSessions(db::Conn& c, const std::string& user_id, int64_t now,
                                   const std::string& except_id = "");
/// Live sessions (not revoked, not past `now`, used after `idle_cutoff`), newest first.
Result<std::vector<Session>> ListLiveSessions(db::Conn& c, const std::string& user_id, int64_t now,
                                              int64_t idle_cutoff);

struct RefreshToken {
  std::string session_id;
  std::optional<int64_t> rotated_at;
};
Status InsertRefreshToken(db::Conn& c, const std::string& hash, const std::string& session_id,
                          int64_t now);
Result<std::optional<RefreshToken>> FindRefreshToken(db::Conn& c, const std::string& hash);
/// Marks the token rotated if it was not; false when it already was.
Result<bool> MarkRefreshTokenRotated(db::Conn& c, const std::string& hash, int64_t now);

// ---- personal API tokens (session_store.cpp) ----

Status InsertApiToken(db::Conn& c, const ApiToken& token, const std::string& hash);
Result<std::optional<ApiToken>> FindApiTokenByHash(db::Conn& c, const std::string& hash);
Result<std::vector<ApiToken>> ListApiTokens(db::Conn& c, const std::string& user_id);
Result<int64_t> CountApiTokens(db::Conn& c, const std::string& user_id);
Result<bool> DeleteApiToken(db::Conn& c, const std::string& user_id, const std::string& id);
Result<int64_t> DeleteUserApiTokens(db::Conn& c, const std::string& user_id);
Status TouchApiToken(db::Conn& c, const std::string& id, int64_t now);

/// Deletes sessions (with their refresh tokens) that ended before `cutoff`
/// or were last used before `idle_cutoff`, and single-use tokens that
/// expired before `cutoff`.
Status PurgeEnded(db::Conn& c, int64_t cutoff, int64_t idle_cutoff);

}  // namespace ws::auth::store
