#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "db/database.hpp"
#include "modules/auth/model.hpp"

namespace ws::auth {

/// How long a cached answer may be used at most: the bound on how late this
/// process sees a revocation made by another process (the CLI, another
/// instance). Changes made through this process act at once.
inline constexpr int64_t kAccessCacheTtlMs = 1000;

/// Makes every cached access answer stale once `c`'s write unit commits.
/// Each store function that revokes a session, deletes a token or changes a
/// user row calls it, so no path can forget the cache.
void InvalidateAccessAfterCommit(db::Conn& c);

/// Recent answers of the session and API-token checks and the users they
/// name, so a signed-in request needs no database read (docs/auth.md,
/// "Access cache"). An entry is used while the process-wide generation is
/// the one read before its database read, and for at most the TTL.
class AccessCache {
 public:
  explicit AccessCache(int64_t ttl_ms = kAccessCacheTtlMs, size_t max_entries = 100000);

  /// The generation to pass to Put*; read it BEFORE the database read.
  static uint64_t Generation();

  std::optional<Session> FindSession(const std::string& id, int64_t now) const;
  void PutSession(const Session& session, uint64_t generation, int64_t now);
  /// Records a touch of `last_used_at` made by this process.
  void TouchSession(const std::string& id, int64_t now);

  /// Keyed by the token's hash.
  std::optional<ApiToken> FindToken(const std::string& hash, int64_t now) const;
  void PutToken(const std::string& hash, const ApiToken& token, uint64_t generation, int64_t now);
  void TouchToken(const std::string& hash, int64_t now);

  std::shared_ptr<const User> FindUser(const std::string& id, int64_t now) const;
  void PutUser(const User& user, uint64_t generation, int64_t now);

 private:
  template <class V>
  struct Table {
    struct Entry {
      V value;
      uint64_t generation = 0;
      int64_t loaded_at = 0;
    };
    mutable std::shared_mutex mutex;
    std::unordered_map<std::string, Entry> entries;  // GUARDED_BY(mutex)
  };
  template <class V>
  std::optional<V> Find(const Table<V>& table, const std::string& key, int64_t now) const;
  template <class V>
  void Put(Table<V>& table, const std::string& key, V value, uint64_t generation, int64_t now);

  int64_t ttl_ms_;
  size_t max_entries_;
  Table<Session> sessions_;
  Table<ApiToken> tokens_;
  Table<std::shared_ptr<const User>> users_;
};

}  // namespace ws::auth
