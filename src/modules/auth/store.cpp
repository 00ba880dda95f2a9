#include "modules/auth/store.hpp"

#include "modules/auth/access_cache.hpp"

namespace ws::auth::store {

namespace {

constexpr const char* kUserColumns =
    "id, email, name, password_hash, timezone, locale, is_instance_admin, is_active, "
    "email_verified, totp_secret, totp_enabled, totp_last_step, created_at, updated_at";

User UserFrom(const db::Row& r) {
  User u;
  u.id = r.Text(0);
  u.email = r.Text(1);
  u.name = r.Text(2);
  u.password_hash = r.Text(3);
  u.timezone = r.Text(4);
  u.locale = r.Text(5);
  u.is_instance_admin = r.Bool(6);
  u.is_active = r.Bool(7);
  u.email_verified = r.Bool(8);
  u.totp_secret = r.OptText(9);
  u.totp_enabled = r.Bool(10);
  u.totp_last_step = r.OptInt(11);
  u.created_at = r.Int(12);
  u.updated_at = r.Int(13);
  return u;
}

Result<std::optional<User>> OneUser(db::Conn& c, const std::string& where, const std::string& arg) {
  WS_ASSIGN(db::Rows rows,
            c.Query(std::string("SELECT ") + kUserColumns + " FROM users WHERE " + where, arg));
  if (rows.empty()) return std::optional<User>();
  return std::optional<User>(UserFrom(rows.front()));
}

/// `%` and `_` match themselves in a LIKE pattern (ESCAPE '\').
std::string LikePattern(const std::string& q) {
  std::string out = "%";
  for (char ch : q) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  return out + "%";
}

/// A unique clash on `users.email` as the API's 409: the address is taken.
Status EmailTakenOnClash(Result<int64_t> written) {
  if (written) return {};
  if (written.error().code == ErrorCode::kConflict) {
    return AppError::Conflict("an account with this email address already exists");
  }
  return std::move(written).error();
}

}  // namespace

Status InsertUser(db::Conn& c, const User& u) {
  return EmailTakenOnClash(c.Exec(
      "INSERT INTO users (id, email, name, password_hash, timezone, locale, is_instance_admin, "
      "is_active, email_verified, totp_enabled, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      u.id, u.email, u.name, u.password_hash, u.timezone, u.locale, u.is_instance_admin,
      u.is_active, u.email_verified, false, u.created_at, u.updated_at));
}

Result<std::optional<User>> FindUserById(db::Conn& c, const std::string& id) {
  return OneUser(c, "id = ?", id);
}

Result<std::optional<User>> FindUserByEmail(db::Conn& c, const std::string& email) {
  return OneUser(c, "email = ?", email);
}

Status UpdateProfile(db::Conn& c, const User& u, int64_t now) {
  InvalidateAccessAfterCommit(c);
  WS_TRY(c.Exec("UPDATE users SET name = ?, timezone = ?, locale = ?, updated_at = ? WHERE id = ?",
                u.name, u.timezone, u.locale, now, u.id));
  return {};
}

Status UpdateEmail(db::Conn& c, const std::string& user_id, const std::string& email, int64_t now) {
  InvalidateAccessAfterCommit(c);
  return EmailTakenOnClash(
      c.Exec("UPDATE users SET email = ?, email_verified = ?, updated_at = ? WHERE id = ?", email,
             false, now, user_id));
}

Status SetPasswordHash(db::Conn& c, const std::string& user_id, const std::string& hash,
                       int64_t now) {
  InvalidateAccessAfterCommit(c);
  WS_TRY(c.Exec("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", hash, now,
                user_id));
  return {};
}

Status SetEmailVerified(db::Conn& c, const std::string& user_id, bool verified, int64_t now) {
  InvalidateAccessAfterCommit(c);
  WS_TRY(c.Exec("UPDATE users SET email_verified = ?, updated_at = ? WHERE id = ?", verified, now,
                user_id));
  return {};
}

Status SetTotp(db::Conn& c, const std::string& user_id, const std::optional<std::string>& secret,
               bool enabled, std::optional<int64_t> last_step, int64_t now) {
  InvalidateAccessAfterCommit(c);
  WS_TRY(c.Exec(
      "UPDATE users SET totp_secret = ?, totp_enabled = ?, totp_last_step = ?, updated_at = ? "
      "WHERE id = ?",
      secret, enabled, last_step, now, user_id));
  return {};
}

Result<bool> AdvanceTotpStep(db::Conn& c, const std::string& user_id, int64_t step) {
  WS_ASSIGN(int64_t changed, c.Exec("UPDATE users SET totp_last_step = ? WHERE id = ? AND "
                                    "(totp_last_step IS NULL OR totp_last_step < ?)",
                                    step, user_id, step));
  return changed == 1;
}

Status SetAdminFlags(db::Conn& c, const User& u, int64_t now) {
  InvalidateAccessAfterCommit(c);
  WS_TRY(
      c.Exec("UPDATE users SET name = ?, is_active = ?, is_instance_admin = ?, updated_at = ? "
             "WHERE id = ?",
             u.name, u.is_active, u.is_instance_admin, now, u.id));
  return {};
}

Result<int64_t> CountActiveAdmins(db::Conn& c) {
  WS_ASSIGN(db::Rows rows,
            c.Query("SELECT COUNT(*) FROM users WHERE is_instance_admin = ? AND is_active = ?",
                    true, true));
  return rows.front().Int(0);
}

Result<std::vector<User>> ListUsers(db::Conn& c, const std::string& q, const std::string& after_id,
                                    int limit) {
  const std::string select = std::string("SELECT ") + kUserColumns + " FROM users WHERE id > ? ";
  db::Rows rows;
  if (q.empty()) {
    WS_ASSIGN(rows, c.Query(select + "ORDER BY id LIMIT ?", after_id, int64_t{limit}));
  } else {
    const std::string pattern = LikePattern(q);
    WS_ASSIGN(rows, c.Query(select + "AND (LOWER(email) LIKE ? ESCAPE '\\' OR LOWER(name) LIKE ? "
                                     "ESCAPE '\\') ORDER BY id LIMIT ?",
                            after_id, pattern, pattern, int64_t{limit}));
  }
  std::vector<User> out;
  for (const db::Row row : rows) out.push_back(UserFrom(row));
  return out;
}

Result<std::optional<std::string>> GetSetting(db::Conn& c, const std::string& key) {
  WS_ASSIGN(db::Rows rows, c.Query("SELECT value FROM instance_settings WHERE key = ?", key));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows.front().Text(0));
}

Status PutSetting(db::Conn& c, const std::string& key, const std::string& value) {
  WS_TRY(
      c.Exec("INSERT INTO instance_settings (key, value) VALUES (?, ?) "
             "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
             key, value));
  return {};
}

Result<bool> ClaimSetup(db::Conn& c, int64_t now) {
  WS_ASSIGN(int64_t inserted, c.Exec("INSERT INTO instance_settings (key, value) VALUES (?, ?) "
                                     "ON CONFLICT (key) DO NOTHING",
                                     kSetupKey, std::to_string(now)));
  return inserted == 1;
}

Status InsertOneTimeToken(db::Conn& c, const std::string& hash, const std::string& purpose,
                          const std::string& user_id, const std::string& email, int64_t now,
                          int64_t expires_at) {
  WS_TRY(c.Exec(
      "INSERT INTO one_time_tokens (token_hash, purpose, user_id, email, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?)",
      hash, purpose, user_id, email, now, expires_at));
  return {};
}

Result<std::optional<OneTimeToken>> FindOneTimeToken(db::Conn& c, const std::string& hash,
                                                     const std::string& purpose) {
  WS_ASSIGN(db::Rows rows, c.Query("SELECT user_id, email, expires_at, used_at FROM "
                                   "one_time_tokens WHERE token_hash = ? AND purpose = ?",
                                   hash, purpose));
  if (rows.empty()) return std::optional<OneTimeToken>();
  const db::Row r = rows.front();
  return std::optional<OneTimeToken>(OneTimeToken{r.Text(0), r.Text(1), r.Int(2), r.OptInt(3)});
}

Result<bool> ConsumeOneTimeToken(db::Conn& c, const std::string& hash, const std::string& purpose,
                                 int64_t now) {
  WS_ASSIGN(int64_t changed,
            c.Exec("UPDATE one_time_tokens SET used_at = ? WHERE token_hash = ? AND purpose = ? "
                   "AND used_at IS NULL AND expires_at > ?",
                   now, hash, purpose, now));
  return changed == 1;
}

Status InvalidateOneTimeTokens(db::Conn& c, const std::string& user_id, const std::string& purpose,
                               int64_t now) {
  WS_TRY(
      c.Exec("UPDATE one_time_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND "
             "used_at IS NULL",
             now, user_id, purpose));
  return {};
}

Status ReplaceRecoveryCodes(db::Conn& c, const std::string& user_id,
                            const std::vector<std::string>& hashes) {
  WS_TRY(DeleteRecoveryCodes(c, user_id));
  for (const auto& hash : hashes) {
    WS_TRY(c.Exec("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)", user_id, hash));
  }
  return {};
}

Result<bool> UseRecoveryCode(db::Conn& c, const std::string& user_id, const std::string& hash,
                             int64_t now) {
  WS_ASSIGN(int64_t changed, c.Exec("UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND "
                                    "code_hash = ? AND used_at IS NULL",
                                    now, user_id, hash));
  return changed == 1;
}

Status DeleteRecoveryCodes(db::Conn& c, const std::string& user_id) {
  WS_TRY(c.Exec("DELETE FROM recovery_codes WHERE user_id = ?", user_id));
  return {};
}

}  // namespace ws::auth::store
