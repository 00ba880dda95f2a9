#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "bus/bus.hpp"

namespace ws::realtime {

/// Puts one workspace's live events back into `seq` order. The bus may
/// deliver them out of order (PostgreSQL runs after-commit hooks on each
/// committing thread) or lose one (a future cross-instance bus), so an event
/// is released only when every smaller seq has been: later ones are held
/// back until the gap fills from the bus or from the events table.
/// Not thread-safe (the hub's lock guards it).
class Sequencer {
 public:
  using EventPtr = std::shared_ptr<const bus::Event>;

  bool started() const { return started_; }
  /// Every seq <= position() has been released (or was before Start).
  int64_t position() const { return position_; }
  size_t held() const { return held_.size(); }

  /// Sets the position (the log's last seq when the topic opened) and
  /// releases what became contiguous; held events at or below it are dropped.
  void Start(int64_t position, std::vector<EventPtr>& out);
  /// Offers an event: appends to `out`, in order, every event now contiguous.
  /// Duplicates (seq <= position, or already held) are dropped. Before Start
  /// everything is held.
  void Offer(EventPtr event, std::vector<EventPtr>& out);
  /// The missing range [first, last] in front of the oldest held event.
  std::optional<std::pair<int64_t, int64_t>> Gap() const;
  /// Gives up on seqs up to `seq` (not in the log: e.g. a deleted workspace)
  /// and releases what became contiguous.
  void SkipTo(int64_t seq, std::vector<EventPtr>& out);

 private:
  void Drain(std::vector<EventPtr>& out);

  bool started_ = false;
  int64_t position_ = 0;
  std::map<int64_t, EventPtr> held_;
};

}  // namespace ws::realtime
