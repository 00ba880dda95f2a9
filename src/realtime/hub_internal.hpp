#pragma once

// Private to the hub's .cpp files: subscriptions and topics.
#include <chrono>

#include "realtime/hub.hpp"

namespace ws::realtime {

/// One topic followed by one socket.
struct Hub::Sub {
  enum class State { kChecking, kCatchingUp, kLive, kEnded };
  Client* client = nullptr;  // valid while state != kEnded
  std::string requested;     // the topic as the client wrote it
  TopicName name;            // canonical once attached
  std::string topic;         // canonical text, the key in topics_; empty until attached
  State state = State::kChecking;
  std::optional<int64_t> after;
  bool replay_started = false;
  int64_t cursor = 0;  // the last seq delivered (workspace topics)
  int64_t typing_at = 0;
  bool present = false;       // counted in the topic's presence
  bool present_away = false;  // counted as away
};

/// Everyone following one topic.
struct Hub::Topic {
  struct Count {
    int online = 0;
    int away = 0;
  };
  std::string name;
  TopicName parsed;
  std::vector<SubPtr> subs;  // attached: catching up or live
  Sequencer sequencer;       // workspace topics
  bool gap_scheduled = false;
  std::unordered_map<std::string, Count> presence;  // by user id (workspace topics)
};

/// Milliseconds of a monotonic clock, for timeouts and rate limits.
inline int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

/// Events read per replay step.
inline constexpr int kReplayBatch = 200;

}  // namespace ws::realtime
