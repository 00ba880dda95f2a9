#include "modules/auth/rate_limiter.hpp"

#include <algorithm>

namespace ws::auth {

namespace {

int64_t SteadyMicros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

MemoryRateLimiter::MemoryRateLimiter(size_t max_keys, std::function<int64_t()> now_us)
    : max_per_shard_(std::max<size_t>(1, max_keys / kShards)),
      now_us_(now_us ? std::move(now_us) : SteadyMicros),
      shards_(std::make_unique<Shard[]>(kShards)) {}

MemoryRateLimiter::Shard& MemoryRateLimiter::ShardFor(std::string_view key) {
  return shards_[std::hash<std::string_view>{}(key) % kShards];
}

void MemoryRateLimiter::MakeRoom(Shard& shard, int64_t now) {
  std::erase_if(shard.tat, [now](const auto& entry) { return entry.second <= now; });
  if (shard.tat.size() < max_per_shard_) return;
  auto oldest = std::min_element(shard.tat.begin(), shard.tat.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
  shard.tat.erase(oldest);
}

RateDecision MemoryRateLimiter::Decide(std::string_view key, const RateRule& rule, bool count) {
  RateDecision d;
  d.limit = rule.limit;
  if (rule.limit <= 0) {
    d.remaining = 0;
    return d;
  }
  const int64_t window = std::chrono::duration_cast<std::chrono::microseconds>(rule.window).count();
  const int64_t interval = std::max<int64_t>(1, window / rule.limit);
  const int64_t now = now_us_();
  Shard& shard = ShardFor(key);
  std::lock_guard lock(shard.mutex);
  auto it = shard.tat.find(std::string(key));
  const int64_t tat = it == shard.tat.end() ? now : std::max(it->second, now);
  const int64_t next = tat + interval;
  const int64_t allow_at = next - window;
  if (allow_at > now) {
    d.allowed = false;
    d.remaining = 0;
    d.retry_after_ms = (allow_at - now + 999) / 1000;
    d.reset_ms = (tat - now + 999) / 1000;
    return d;
  }
  const int64_t after = count ? next : tat;
  if (count) {
    if (it != shard.tat.end()) {
      it->second = next;
    } else {
      if (shard.tat.size() >= max_per_shard_) MakeRoom(shard, now);
      shard.tat.emplace(std::string(key), next);
    }
  }
  d.remaining = int(std::max<int64_t>(0, (window - (after - now)) / interval));
  d.reset_ms = (after - now + 999) / 1000;
  return d;
}

RateDecision MemoryRateLimiter::Hit(std::string_view key, const RateRule& rule) {
  return Decide(key, rule, true);
}

RateDecision MemoryRateLimiter::Peek(std::string_view key, const RateRule& rule) {
  return Decide(key, rule, false);
}

void MemoryRateLimiter::Reset(std::string_view key) {
  Shard& shard = ShardFor(key);
  std::lock_guard lock(shard.mutex);
  shard.tat.erase(std::string(key));
}

size_t MemoryRateLimiter::size() const {
  size_t n = 0;
  for (size_t i = 0; i < kShards; ++i) {
    std::lock_guard lock(shards_[i].mutex);
    n += shards_[i].tat.size();
  }
  return n;
}

}  // namespace ws::auth
