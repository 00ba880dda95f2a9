#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.hpp"

namespace ws::idempotency {

/// The first answer to a key, as kept for repeats.
struct Stored {
  enum class Kind {
    kResponse,  // status, content type, ETag, Location and body replayed
    kError,     // an AppError (4xx): body holds {code, message, fields}
    kWithheld,  // the answer held credentials (Cache-Control: no-store) and is not kept
  };
  Kind kind = Kind::kResponse;
  int status = 0;
  std::string content_type;
  std::string etag;
  std::string location;
  std::string body;
};

/// What a request with a key finds.
struct Claim {
  enum class Outcome {
    kNew,       // the key is now this request's: run it, then Finish or Abandon
    kRunning,   // the first request with this key has not finished
    kMismatch,  // the key was used for a different request
    kDone,      // `stored` holds the first answer
  };
  Outcome outcome = Outcome::kNew;
  std::optional<Stored> stored;
};

struct Options {
  int64_t ttl_ms = 24 * 3600 * 1000;  // keys older than this are ignored and purged
  int64_t stale_ms = 5 * 60 * 1000;   // a claim still running after this was lost (crash)
  int64_t purge_every_ms = 3600 * 1000;
  std::function<int64_t()> now;  // epoch ms; NowMillis when empty
};

/// Keys per user in `idempotency_keys`. Thread-safe.
class Store {
 public:
  Store(db::Database& db, Options options);

  /// Claims (user, key) for a request with `fingerprint`, or reports what the
  /// key already holds. Expired and lost claims are replaced; at most once
  /// per `purge_every_ms` every expired key is purged in the same unit.
  Result<Claim> Begin(const std::string& user_id, std::string_view key,
                      const std::string& fingerprint);
  /// Records the first answer of a claimed key.
  Status Finish(const std::string& user_id, std::string_view key, const Stored& stored);
  /// Frees a claimed key whose answer is not kept (5xx): a repeat runs again.
  Status Abandon(const std::string& user_id, std::string_view key);
  /// Deletes every expired key; answers how many.
  Result<int64_t> Purge();

 private:
  int64_t Now() const;

  db::Database& db_;
  Options options_;
  std::atomic<int64_t> next_purge_{0};
};

}  // namespace ws::idempotency
