#include "bus/bus.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/log.hpp"

namespace ws::bus {

std::string Event::ToJson() const {
  std::string out;
  out.reserve(192 + data.size());
  out += "{\"seq\":" + std::to_string(seq) + ",\"workspace_id\":\"";
  log::AppendJsonEscaped(out, workspace_id);
  out += "\",\"type\":\"";
  log::AppendJsonEscaped(out, type);
  out += "\",\"actor_id\":";
  if (actor_id.empty()) {
    out += "null";
  } else {
    out += '"';
    log::AppendJsonEscaped(out, actor_id);
    out += '"';
  }
  out += ",\"entity_type\":\"";
  log::AppendJsonEscaped(out, entity_type);
  out += "\",\"entity_id\":\"";
  log::AppendJsonEscaped(out, entity_id);
  out += "\",\"data\":";
  out += data.empty() ? "null" : data;  // already JSON
  out += ",\"created_at\":\"" + FormatTimestamp(created_at) + "\"}";
  return out;
}

void MemoryBus::Publish(std::shared_ptr<const Event> event) {
  std::shared_ptr<const std::vector<std::pair<uint64_t, Listener>>> listeners;
  {
    std::lock_guard lock(mutex_);
    listeners = listeners_;
  }
  for (const auto& [id, listener] : *listeners) listener(event);
}

uint64_t MemoryBus::Subscribe(Listener listener) {
  std::lock_guard lock(mutex_);
  auto next = std::make_shared<std::vector<std::pair<uint64_t, Listener>>>(*listeners_);
  const uint64_t id = next_id_++;
  next->emplace_back(id, std::move(listener));
  listeners_ = std::move(next);
  return id;
}

void MemoryBus::Unsubscribe(uint64_t id) {
  std::lock_guard lock(mutex_);
  auto next = std::make_shared<std::vector<std::pair<uint64_t, Listener>>>(*listeners_);
  std::erase_if(*next, [id](const auto& entry) { return entry.first == id; });
  listeners_ = std::move(next);
}

Result<Event> Append(db::Conn& conn, Bus& bus, Event event) {
  // The counter row is locked until commit (PostgreSQL) or written by the
  // single writer (SQLite), so seq order is commit order per workspace.
  // UPDATE then SELECT, not an upsert with RETURNING (SQLite runs RETURNING
  // through a temporary table); the upsert only for a workspace's first.
  WS_ASSIGN(int64_t counted,
            conn.Exec("UPDATE event_counters SET last_seq = last_seq + 1 WHERE workspace_id = ?",
                      event.workspace_id));
  WS_ASSIGN(db::Rows rows,
            counted > 0
                ? conn.Query("SELECT last_seq FROM event_counters WHERE workspace_id = ?",
                             event.workspace_id)
                : conn.Query("INSERT INTO event_counters (workspace_id, last_seq) VALUES (?, 1) "
                             "ON CONFLICT (workspace_id) DO UPDATE SET last_seq = "
                             "event_counters.last_seq + 1 RETURNING last_seq",
                             event.workspace_id));
  event.seq = rows.front().Int(0);
  event.created_at = NowMillis();
  if (event.data.empty()) event.data = "{}";
  WS_TRY(conn.Exec(
      "INSERT INTO events (workspace_id, seq, type, actor_id, entity_type, entity_id, data, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      event.workspace_id, event.seq, event.type,
      event.actor_id.empty() ? db::Param(nullptr) : db::Param(event.actor_id), event.entity_type,
      event.entity_id, event.data, event.created_at));
  auto shared = std::make_shared<const Event>(event);
  conn.AfterCommit([&bus, shared] { bus.Publish(shared); });
  return event;
}

Result<std::vector<Event>> ReadAfter(db::Conn& conn, const std::string& workspace_id, int64_t after,
                                     int limit) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT seq, type, actor_id, entity_type, entity_id, data, created_at "
                       "FROM events WHERE workspace_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                       workspace_id, after, limit));
  std::vector<Event> out;
  out.reserve(rows.size());
  for (db::Row row : rows) {
    out.push_back(Event{workspace_id, row.Int(0), row.Text(1), row.OptText(2).value_or(""),
                        row.Text(3), row.Text(4), row.Text(5), row.Int(6)});
  }
  return out;
}

Result<int64_t> LastSeq(db::Conn& conn, const std::string& workspace_id) {
  WS_ASSIGN(db::Rows rows,
            conn.Query("SELECT last_seq FROM event_counters WHERE workspace_id = ?", workspace_id));
  return rows.empty() ? int64_t{0} : rows.front().Int(0);
}

}  // namespace ws::bus
