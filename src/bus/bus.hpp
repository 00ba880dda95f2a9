#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "db/database.hpp"

namespace ws::bus {

/// One row of the append-only `events` log (DESIGN §5).
struct Event {
  std::string workspace_id;
  int64_t seq = 0;   // strictly increasing per workspace, in commit order
  std::string type;  // noun.verb
  std::string actor_id;
  std::string entity_type;
  std::string entity_id;
  std::string data;  // JSON text: the resource after the change, or {"id":…}
  int64_t created_at = 0;

  /// The API's JSON text of the event, built once and shared by recipients.
  std::string ToJson() const;
};

/// Delivers committed events to listeners. Listeners run on the publishing
/// thread and must not block.
class Bus {
 public:
  using Listener = std::function<void(const std::shared_ptr<const Event>&)>;
  virtual ~Bus() = default;
  virtual void Publish(std::shared_ptr<const Event> event) = 0;
  /// Answers an id for Unsubscribe.
  virtual uint64_t Subscribe(Listener listener) = 0;
  virtual void Unsubscribe(uint64_t id) = 0;
};

/// The single-machine bus: listeners called in process.
class MemoryBus final : public Bus {
 public:
  void Publish(std::shared_ptr<const Event> event) override;
  uint64_t Subscribe(Listener listener) override;
  void Unsubscribe(uint64_t id) override;

 private:
  std::mutex mutex_;
  uint64_t next_id_ = 1;  // GUARDED_BY(mutex_)
  std::shared_ptr<const std::vector<std::pair<uint64_t, Listener>>> listeners_ =
      std::make_shared<std::vector<std::pair<uint64_t, Listener>>>();  // GUARDED_BY(mutex_)
};

/// Appends `event` to the log inside the caller's write unit: assigns `seq`
/// and `created_at`, and publishes on `bus` after the unit commits.
Result<Event> Append(db::Conn& conn, Bus& bus, Event event);

/// Events of a workspace with seq > after, oldest first, at most `limit`.
Result<std::vector<Event>> ReadAfter(db::Conn& conn, const std::string& workspace_id, int64_t after,
                                     int limit);
/// The highest seq of a workspace (0 when none).
Result<int64_t> LastSeq(db::Conn& conn, const std::string& workspace_id);

}  // namespace ws::bus
