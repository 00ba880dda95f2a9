#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "bus/bus.hpp"

namespace ws::bus {

/// What else, besides workspace events, makes a ReadCache entry stale.
struct ReadCacheOptions {
  /// A counter that moves whenever data outside the workspace's events
  /// changes; an entry read under another value is stale. None: unused.
  std::function<uint64_t()> generation;
  /// Entries older than this are stale; 0: no limit.
  int64_t max_age_ms = 0;
};

/// Answers repeated reads of one workspace's data from memory (docs/
/// architecture.md "Read caches"). An entry is the serialised answer to one
/// request (`key`: the resource and the raw query string) with the users
/// whose access was checked when it was read. It is valid while no event of
/// its workspace has been published since the read began: every change
/// appends one in the same transaction and publishes it after commit,
/// before the writer is answered. Data that changes without a workspace
/// event (a user's name) is covered by `ReadCacheOptions::generation`, and
/// changes by other processes outside the bus by `max_age_ms`.
/// Thread-safe; never blocks (it is asked on network threads).
class ReadCache {
 public:
  static constexpr size_t kMaxEntries = 1024;
  static constexpr size_t kMaxBytes = size_t{64} << 20;

  explicit ReadCache(Bus& bus, ReadCacheOptions options = {});
  ~ReadCache();
  ReadCache(const ReadCache&) = delete;
  ReadCache& operator=(const ReadCache&) = delete;

  /// The cached answer for `key` when it is current and `user` was allowed
  /// to read it; null otherwise.
  std::shared_ptr<const std::string> Find(const std::string& key, const std::string& user);

  /// What was current before a read: taken before the database is asked.
  struct Ticket {
    bool known = false;  // the workspace of `scope` was known
    std::string workspace_id;
    int64_t seq = 0;
    uint64_t generation = 0;
    int64_t at_ms = 0;
  };
  /// `scope` names what the request reads (a project id, a workspace id or
  /// slug); its workspace is remembered from the last Store.
  Ticket Begin(const std::string& scope);

  /// Keeps the answer `body` to `key`, read by `user` after `ticket` in
  /// `scope` of `workspace_id`; dropped when a change was published
  /// meanwhile.
  void Store(const Ticket& ticket, const std::string& scope, const std::string& workspace_id,
             const std::string& key, const std::string& user,
             std::shared_ptr<const std::string> body);

 private:
  struct Entry {
    std::string workspace_id;
    int64_t seq = 0;
    uint64_t generation = 0;
    int64_t at_ms = 0;
    std::shared_ptr<const std::string> body;
    std::unordered_set<std::string> readers;
  };
  uint64_t Generation() const;
  int64_t SeqOf(const std::string& workspace_id) const;  // REQUIRES: mutex_
  bool Current(const Entry& entry, uint64_t generation,
               int64_t now_ms) const;  // REQUIRES: mutex_
  void MakeRoom(size_t bytes);         // REQUIRES: mutex_

  Bus& bus_;
  const ReadCacheOptions options_;
  uint64_t subscription_ = 0;
  std::mutex mutex_;
  std::unordered_map<std::string, int64_t> seqs_;              // GUARDED_BY(mutex_)
  std::unordered_map<std::string, std::string> workspace_of_;  // GUARDED_BY(mutex_)
  std::unordered_map<std::string, Entry> entries_;             // GUARDED_BY(mutex_)
  size_t bytes_ = 0;                                           // GUARDED_BY(mutex_)
};

}  // namespace ws::bus
