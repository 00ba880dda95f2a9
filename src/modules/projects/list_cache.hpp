#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "bus/bus.hpp"

namespace ws::projects {

/// Answers repeated task-list reads from memory (docs/projects.md "List
/// cache"). An entry is the serialised answer to one request (project and
/// query string) with the users whose access was checked when it was read.
/// It is valid while no event of the project's workspace has been published
/// since the read began: every change to tasks, statuses, labels, projects
/// and memberships appends one in the same transaction and is published
/// after commit, before the writer is answered. Thread-safe; never blocks
/// (it is asked on network threads).
class ListCache {
 public:
  static constexpr size_t kMaxEntries = 1024;
  static constexpr size_t kMaxBytes = size_t{64} << 20;

  explicit ListCache(bus::Bus& bus);
  ~ListCache();
  ListCache(const ListCache&) = delete;
  ListCache& operator=(const ListCache&) = delete;

  /// The cached answer for `key` when it is current and `user` was allowed
  /// to read it; null otherwise.
  std::shared_ptr<const std::string> Find(const std::string& key, const std::string& user);

  /// What was current before a read: taken before the database is asked.
  struct Ticket {
    bool known = false;  // the project's workspace was known
    std::string workspace_id;
    int64_t seq = 0;
  };
  Ticket Begin(const std::string& project_id);

  /// Keeps the answer `body` to `key`, read by `user` after `ticket` in
  /// project `project_id` of `workspace_id`; dropped when a change was
  /// published meanwhile.
  void Store(const Ticket& ticket, const std::string& project_id, const std::string& workspace_id,
             const std::string& key, const std::string& user,
             std::shared_ptr<const std::string> body);

 private:
  struct Entry {
    std::string workspace_id;
    int64_t seq = 0;
    std::shared_ptr<const std::string> body;
    std::unordered_set<std::string> readers;
  };
  int64_t SeqOf(const std::string& workspace_id) const;  // REQUIRES: mutex_
  bool Current(const Entry& entry) const;                // REQUIRES: mutex_
  void MakeRoom(size_t bytes);                           // REQUIRES: mutex_

  bus::Bus& bus_;
  uint64_t subscription_ = 0;
  std::mutex mutex_;
  std::unordered_map<std::string, int64_t> seqs_;              // GUARDED_BY(mutex_)
  std::unordered_map<std::string, std::string> workspace_of_;  // GUARDED_BY(mutex_)
  std::unordered_map<std::string, Entry> entries_;             // GUARDED_BY(mutex_)
  size_t bytes_ = 0;                                           // GUARDED_BY(mutex_)
};

}  // namespace ws::projects
