// SQL of idempotency keys: one row per (user, key), claimed before the
// request runs so concurrent repeats see it (INSERT ... ON CONFLICT DO
// NOTHING waits for a concurrent claim to commit on PostgreSQL; SQLite has
// one writer).
#include "modules/idempotency/store.hpp"

#include "core/clock.hpp"

namespace ws::idempotency {

namespace {

std::string_view KindName(Stored::Kind kind) {
  switch (kind) {
    case Stored::Kind::kResponse:
      return "response";
    case Stored::Kind::kError:
      return "error";
    case Stored::Kind::kWithheld:
      return "withheld";
  }
  return "withheld";
}

Stored::Kind KindOf(std::string_view name) {
  if (name == "response") return Stored::Kind::kResponse;
  if (name == "error") return Stored::Kind::kError;
  return Stored::Kind::kWithheld;
}

std::optional<std::string> OrNull(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

}  // namespace

Store::Store(db::Database& db, Options options) : db_(db), options_(std::move(options)) {}

int64_t Store::Now() const { return options_.now ? options_.now() : NowMillis(); }

Result<Claim> Store::Begin(const std::string& user_id, std::string_view key,
                           const std::string& fingerprint) {
  const int64_t now = Now();
  const int64_t expired = now - options_.ttl_ms;
  int64_t due = next_purge_.load();
  const bool purge =
      now >= due && next_purge_.compare_exchange_strong(due, now + options_.purge_every_ms);
  return db_.WriteValue<Claim>([&](db::Conn& c) -> Result<Claim> {
    if (purge) {
      WS_TRY(c.Exec("DELETE FROM idempotency_keys WHERE created_at <= ?", expired));
    }
    WS_TRY(
        c.Exec("DELETE FROM idempotency_keys WHERE user_id = ? AND idem_key = ? AND "
               "(created_at <= ? OR (state = 'running' AND created_at <= ?))",
               user_id, key, expired, now - options_.stale_ms));
    WS_ASSIGN(int64_t inserted,
              c.Exec("INSERT INTO idempotency_keys (user_id, idem_key, fingerprint, state, "
                     "created_at) VALUES (?, ?, ?, 'running', ?) "
                     "ON CONFLICT (user_id, idem_key) DO NOTHING",
                     user_id, key, fingerprint, now));
    Claim claim;
    if (inserted == 1) return claim;
    WS_ASSIGN(db::Rows rows,
              c.Query("SELECT fingerprint, state, status, content_type, etag, location, body "
                      "FROM idempotency_keys WHERE user_id = ? AND idem_key = ?",
                      user_id, key));
    if (rows.empty()) {  // released between the insert and the read: a repeat may retry
      claim.outcome = Claim::Outcome::kRunning;
      return claim;
    }
    const db::Row row = rows.front();
    if (row.Text(0) != fingerprint) {
      claim.outcome = Claim::Outcome::kMismatch;
    } else if (row.Text(1) == "running") {
      claim.outcome = Claim::Outcome::kRunning;
    } else {
      claim.outcome = Claim::Outcome::kDone;
      claim.stored =
          Stored{KindOf(row.Text(1)),         static_cast<int>(row.OptInt(2).value_or(0)),
                 row.OptText(3).value_or(""), row.OptText(4).value_or(""),
                 row.OptText(5).value_or(""), row.OptText(6).value_or("")};
    }
    return claim;
  });
}

Status Store::Finish(const std::string& user_id, std::string_view key, const Stored& stored) {
  return db_.Write([&](db::Conn& c) -> Status {
    WS_TRY(
        c.Exec("UPDATE idempotency_keys SET state = ?, status = ?, content_type = ?, etag = ?, "
               "location = ?, body = ? WHERE user_id = ? AND idem_key = ? AND state = 'running'",
               KindName(stored.kind), stored.status, OrNull(stored.content_type),
               OrNull(stored.etag), OrNull(stored.location),
               stored.kind == Stored::Kind::kWithheld ? "" : stored.body, user_id, key));
    return {};
  });
}

Status Store::Abandon(const std::string& user_id, std::string_view key) {
  return db_.Write([&](db::Conn& c) -> Status {
    WS_TRY(c.Exec(
        "DELETE FROM idempotency_keys WHERE user_id = ? AND idem_key = ? AND state = 'running'",
        user_id, key));
    return {};
  });
}

Result<int64_t> Store::Purge() {
  const int64_t expired = Now() - options_.ttl_ms;
  return db_.WriteValue<int64_t>([&](db::Conn& c) -> Result<int64_t> {
    return c.Exec("DELETE FROM idempotency_keys WHERE created_at <= ?", expired);
  });
}

}  // namespace ws::idempotency
