#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ws::auth {

/// `limit` events per `window`, of which all may come at once.
struct RateRule {
  int limit = 0;
  std::chrono::milliseconds window{1000};
};

/// The answer for one key.
struct RateDecision {
  bool allowed = true;
  int limit = 0;
  int remaining = 0;           // events still allowed right now
  int64_t reset_ms = 0;        // until the full allowance is back
  int64_t retry_after_ms = 0;  // when refused: until one more is allowed

  int ResetSeconds() const { return int((reset_ms + 999) / 1000); }
  int RetryAfterSeconds() const { return std::max(1, int((retry_after_ms + 999) / 1000)); }
};

/// Counts events per key. The in-process implementation serves one instance;
/// a Redis implementation (same semantics, a GCRA script) serves many.
class RateLimiter {
 public:
  virtual ~RateLimiter() = default;
  /// Counts one event when allowed; a refused event is not counted.
  virtual RateDecision Hit(std::string_view key, const RateRule& rule) = 0;
  /// Whether one more event would be allowed, without counting it.
  virtual RateDecision Peek(std::string_view key, const RateRule& rule) = 0;
  /// Forgets `key` (e.g. its failures after a successful login).
  virtual void Reset(std::string_view key) = 0;
};

/// GCRA (a token bucket kept as one "theoretical arrival time" per key) in
/// sharded hash maps. Memory is bounded: at most `max_keys` keys; when full,
/// keys whose allowance is back are dropped first, then the closest to it.
class MemoryRateLimiter final : public RateLimiter {
 public:
  /// `now_us` is a monotonic clock in microseconds (injectable for tests).
  explicit MemoryRateLimiter(size_t max_keys = 200000, std::function<int64_t()> now_us = {});

  RateDecision Hit(std::string_view key, const RateRule& rule) override;
  RateDecision Peek(std::string_view key, const RateRule& rule) override;
  void Reset(std::string_view key) override;
  size_t size() const;

 private:
  static constexpr size_t kShards = 16;
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, int64_t> tat;  // GUARDED_BY(mutex)
  };
  RateDecision Decide(std::string_view key, const RateRule& rule, bool count);
  Shard& ShardFor(std::string_view key);
  // REQUIRES: shard.mutex held.
  void MakeRoom(Shard& shard, int64_t now);

  size_t max_per_shard_;
  std::function<int64_t()> now_us_;
  std::unique_ptr<Shard[]> shards_;
};

}  // namespace ws::auth
