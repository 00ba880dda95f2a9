#include "modules/auth/access_cache.hpp"

#include <mutex>

namespace ws::auth {

namespace {

std::atomic<uint64_t> g_generation{1};

}  // namespace

void InvalidateAccessAfterCommit(db::Conn& c) {
  c.AfterCommit([] { g_generation.fetch_add(1, std::memory_order_acq_rel); });
}

AccessCache::AccessCache(int64_t ttl_ms, size_t max_entries)
    : ttl_ms_(ttl_ms), max_entries_(max_entries) {}

uint64_t AccessCache::Generation() { return g_generation.load(std::memory_order_acquire); }

template <class V>
std::optional<V> AccessCache::Find(const Table<V>& table, const std::string& key,
                                   int64_t now) const {
  const uint64_t generation = Generation();
  std::shared_lock lock(table.mutex);
  auto it = table.entries.find(key);
  if (it == table.entries.end() || it->second.generation != generation ||
      now - it->second.loaded_at >= ttl_ms_ || now < it->second.loaded_at) {
    return std::nullopt;
  }
  return it->second.value;
}

template <class V>
void AccessCache::Put(Table<V>& table, const std::string& key, V value, uint64_t generation,
                      int64_t now) {
  std::unique_lock lock(table.mutex);
  // Bounded: a full table starts over rather than tracking recency.
  if (table.entries.size() >= max_entries_) table.entries.clear();
  table.entries.insert_or_assign(key, typename Table<V>::Entry{std::move(value), generation, now});
}

std::optional<Session> AccessCache::FindSession(const std::string& id, int64_t now) const {
  return Find(sessions_, id, now);
}

void AccessCache::PutSession(const Session& session, uint64_t generation, int64_t now) {
  Put(sessions_, session.id, session, generation, now);
}

void AccessCache::TouchSession(const std::string& id, int64_t now) {
  std::unique_lock lock(sessions_.mutex);
  if (auto it = sessions_.entries.find(id); it != sessions_.entries.end()) {
    it->second.value.last_used_at = now;
  }
}

std::optional<ApiToken> AccessCache::FindToken(const std::string& hash, int64_t now) const {
  return Find(tokens_, hash, now);
}

void AccessCache::PutToken(const std::string& hash, const ApiToken& token, uint64_t generation,
                           int64_t now) {
  Put(tokens_, hash, token, generation, now);
}

void AccessCache::TouchToken(const std::string& hash, int64_t now) {
  std::unique_lock lock(tokens_.mutex);
  if (auto it = tokens_.entries.find(hash); it != tokens_.entries.end()) {
    it->second.value.last_used_at = now;
  }
}

std::shared_ptr<const User> AccessCache::FindUser(const std::string& id, int64_t now) const {
  return Find(users_, id, now).value_or(nullptr);
}

void AccessCache::PutUser(const User& user, uint64_t generation, int64_t now) {
  Put(users_, user.id, std::make_shared<const User>(user), generation, now);
}

}  // namespace ws::auth
