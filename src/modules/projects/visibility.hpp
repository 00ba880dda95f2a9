#pragma once

// Who may see the events of private projects (docs/projects.md
// "Event visibility"). Other modules never include this: the app injects
// these functions into the workspaces module (activity, long-poll) and the
// realtime hub.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "bus/bus.hpp"
#include "core/result.hpp"
#include "db/database.hpp"

namespace ws::projects {

/// The project id when `event` concerns a private project (its data says
/// "project_visibility":"private"); empty otherwise.
std::string PrivateProjectOf(const bus::Event& event);

/// For each of `events` (all of `workspace_id`), whether `user_id` may see
/// it: events of a private project only for its members and the workspace's
/// owners/admins, every other event for everyone. At most two queries per
/// call, none when no event is private.
Result<std::vector<bool>> VisibleEvents(db::Conn& conn, const std::string& workspace_id,
                                        const std::string& user_id,
                                        const std::vector<const bus::Event*>& events);

/// The realtime side: answers from memory which users may see a
/// private-project event. A project's allowed users (its members plus the
/// workspace's owners/admins) are loaded once on demand and kept until an
/// event changes memberships or roles (the cache follows the bus itself).
/// Thread-safe. Any error hides the event (never delivered to a non-member).
class EventAudience {
 public:
  EventAudience(db::Database& db, bus::Bus& bus);
  ~EventAudience();
  EventAudience(const EventAudience&) = delete;
  EventAudience& operator=(const EventAudience&) = delete;

  /// Loads the audience of `event`'s private project unless known (one
  /// query; nothing for other events). The hub calls it before taking its
  /// lock, so Visible then answers from memory.
  void Prepare(const bus::Event& event);
  /// Whether `user_id` may see `event`; loads the audience itself when
  /// Prepare did not (or a membership change dropped it since).
  bool Visible(const std::string& user_id, const bus::Event& event);

 private:
  using Allowed = std::shared_ptr<const std::unordered_set<std::string>>;
  void OnEvent(const bus::Event& event);
  /// The allowed users of `project` from the database; cached when no
  /// membership changed since `generation`. Null on an error.
  Allowed Load(const std::string& project, const std::string& workspace_id, uint64_t generation);

  db::Database& db_;
  bus::Bus& bus_;
  uint64_t subscription_ = 0;
  std::mutex mutex_;
  uint64_t generation_ = 0;                           // GUARDED_BY(mutex_)
  std::unordered_map<std::string, Allowed> allowed_;  // GUARDED_BY(mutex_), by project id
  std::string last_workspace_;                        // GUARDED_BY(mutex_): the event
  int64_t last_seq_ = -1;                             // GUARDED_BY(mutex_)  last asked about
  std::string last_project_;                          // GUARDED_BY(mutex_)  and its project
};

}  // namespace ws::projects
