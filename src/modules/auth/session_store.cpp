#include <boost/json.hpp>

#include "modules/auth/access_cache.hpp"
#include "modules/auth/store.hpp"

namespace ws::auth::store {

namespace {

constexpr const char* kSessionColumns =
    "s.id, s.user_id, s.user_agent, s.ip, s.created_at, s.last_used_at, s.expires_at, "
    "s.revoked_at, s.auth_at";

Session SessionFrom(const db::Row& r) {
  Session s;
  s.id = r.Text(0);
  s.user_id = r.Text(1);
  s.user_agent = r.Text(2);
  s.ip = r.Text(3);
  s.created_at = r.Int(4);
  s.last_used_at = r.Int(5);
  s.expires_at = r.Int(6);
  s.revoked_at = r.OptInt(7);
  s.auth_at = r.Int(8);
  return s;
}

constexpr const char* kTokenColumns =
    "t.id, t.user_id, t.name, t.scopes, t.created_at, t.last_used_at, t.expires_at";

ApiToken TokenFrom(const db::Row& r) {
  ApiToken t;
  t.id = r.Text(0);
  t.user_id = r.Text(1);
  t.name = r.Text(2);
  boost::system::error_code ec;
  const boost::json::value scopes = boost::json::parse(r.Text(3), ec);
  if (!ec && scopes.is_array()) {
    for (const auto& s : scopes.as_array()) {
      if (s.is_string()) t.scopes.emplace_back(s.as_string());
    }
  }
  t.created_at = r.Int(4);
  t.last_used_at = r.OptInt(5);
  t.expires_at = r.OptInt(6);
  return t;
}

}  // namespace

Status InsertSession(db::Conn& c, const Session& s) {
  WS_TRY(c.Exec(
      "INSERT INTO sessions (id, user_id, user_agent, ip, created_at, last_used_at, expires_at, "
      "auth_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      s.id, s.user_id, s.user_agent, s.ip, s.created_at, s.last_used_at, s.expires_at, s.auth_at));
  return {};
}

Result<std::optional<Session>> FindSession(db::Conn& c, const std::string& id) {
  WS_ASSIGN(
      db::Rows rows,
      c.Query(std::string("SELECT ") + kSessionColumns + " FROM sessions s WHERE s.id = ?", id));
  if (rows.empty()) return std::optional<Session>();
  return std::optional<Session>(SessionFrom(rows.front()));
}

Status TouchSession(db::Conn& c, const std::string& id, int64_t now) {
  WS_TRY(c.Exec("UPDATE sessions SET last_used_at = ? WHERE id = ? AND last_used_at < ?", now, id,
                now));
  return {};
}

Status SetSessionAuthAt(db::Conn& c, const std::string& id, int64_t now) {
  WS_TRY(c.Exec("UPDATE sessions SET auth_at = ?, last_used_at = ? WHERE id = ?", now, now, id));
  return {};
}

Result<bool> RevokeSession(db::Conn& c, const std::string& user_id, const std::string& id,
                           int64_t now) {
  InvalidateAccessAfterCommit(c);
  WS_ASSIGN(int64_t changed, c.Exec("UPDATE sessions SET revoked_at = ? WHERE id = ? AND "
                                    "user_id = ? AND revoked_at IS NULL",
                                    now, id, user_id));
  return changed == 1;
}

Result<int64_t> RevokeUserSessions(db::Conn& c, const std::string& user_id, int64_t now,
                                   const std::string& except_id) {
  InvalidateAccessAfterCommit(c);
  return c.Exec(
      "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND id <> ?",
      now, user_id, except_id);
}

Result<std::vector<Session>> ListLiveSessions(db::Conn& c, const std::string& user_id, int64_t now,
                                              int64_t idle_cutoff) {
  WS_ASSIGN(db::Rows rows,
            c.Query(std::string("SELECT ") + kSessionColumns +
                        " FROM sessions s WHERE s.user_id = ? AND s.revoked_at IS NULL AND "
                        "s.expires_at > ? AND s.last_used_at > ? ORDER BY s.created_at DESC "
                        "LIMIT 500",
                    user_id, now, idle_cutoff));
  std::vector<Session> out;
  for (const db::Row row : rows) out.push_back(SessionFrom(row));
  return out;
}

Status InsertRefreshToken(db::Conn& c, const std::string& hash, const std::string& session_id,
                          int64_t now) {
  WS_TRY(c.Exec("INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES (?, ?, ?)",
                hash, session_id, now));
  return {};
}

Result<std::optional<RefreshToken>> FindRefreshToken(db::Conn& c, const std::string& hash) {
  WS_ASSIGN(
      db::Rows rows,
      c.Query("SELECT session_id, rotated_at FROM refresh_tokens WHERE token_hash = ?", hash));
  if (rows.empty()) return std::optional<RefreshToken>();
  return std::optional<RefreshToken>(RefreshToken{rows.front().Text(0), rows.front().OptInt(1)});
}

Result<bool> MarkRefreshTokenRotated(db::Conn& c, const std::string& hash, int64_t now) {
  WS_ASSIGN(int64_t changed, c.Exec("UPDATE refresh_tokens SET rotated_at = ? WHERE token_hash = ? "
                                    "AND rotated_at IS NULL",
                                    now, hash));
  return changed == 1;
}

Status InsertApiToken(db::Conn& c, const ApiToken& t, const std::string& hash) {
  boost::json::array scopes;
  for (const auto& s : t.scopes) scopes.emplace_back(s);
  WS_TRY(c.Exec(
      "INSERT INTO api_tokens (id, user_id, name, token_hash, scopes, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      t.id, t.user_id, t.name, hash, boost::json::serialize(scopes), t.created_at, t.expires_at));
  return {};
}

Result<std::optional<ApiToken>> FindApiTokenByHash(db::Conn& c, const std::string& hash) {
  WS_ASSIGN(db::Rows rows, c.Query(std::string("SELECT ") + kTokenColumns +
                                       " FROM api_tokens t WHERE t.token_hash = ?",
                                   hash));
  if (rows.empty()) return std::optional<ApiToken>();
  return std::optional<ApiToken>(TokenFrom(rows.front()));
}

Result<std::vector<ApiToken>> ListApiTokens(db::Conn& c, const std::string& user_id) {
  WS_ASSIGN(db::Rows rows, c.Query(std::string("SELECT ") + kTokenColumns +
                                       " FROM api_tokens t WHERE t.user_id = ? ORDER BY t.id",
                                   user_id));
  std::vector<ApiToken> out;
  for (const db::Row row : rows) out.push_back(TokenFrom(row));
  return out;
}

Result<int64_t> CountApiTokens(db::Conn& c, const std::string& user_id) {
  WS_ASSIGN(db::Rows rows, c.Query("SELECT COUNT(*) FROM api_tokens WHERE user_id = ?", user_id));
  return rows.front().Int(0);
}

Result<bool> DeleteApiToken(db::Conn& c, const std::string& user_id, const std::string& id) {
  InvalidateAccessAfterCommit(c);
  WS_ASSIGN(int64_t changed,
            c.Exec("DELETE FROM api_tokens WHERE id = ? AND user_id = ?", id, user_id));
  return changed == 1;
}

Result<int64_t> DeleteUserApiTokens(db::Conn& c, const std::string& user_id) {
  InvalidateAccessAfterCommit(c);
  return c.Exec("DELETE FROM api_tokens WHERE user_id = ?", user_id);
}

Status TouchApiToken(db::Conn& c, const std::string& id, int64_t now) {
  WS_TRY(c.Exec("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", now, id));
  return {};
}

Status PurgeEnded(db::Conn& c, int64_t cutoff, int64_t idle_cutoff) {
  constexpr const char* kEnded = "expires_at < ? OR revoked_at < ? OR last_used_at < ?";
  WS_TRY(c.Exec(std::string("DELETE FROM refresh_tokens WHERE session_id IN (SELECT id FROM "
                            "sessions WHERE ") +
                    kEnded + ")",
                cutoff, cutoff, idle_cutoff));
  WS_TRY(c.Exec(std::string("DELETE FROM sessions WHERE ") + kEnded, cutoff, cutoff, idle_cutoff));
  WS_TRY(c.Exec("DELETE FROM one_time_tokens WHERE expires_at < ?", cutoff));
  return {};
}

}  // namespace ws::auth::store
