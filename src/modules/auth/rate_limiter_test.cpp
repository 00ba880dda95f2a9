#include "modules/auth/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace ws::auth {
namespace {

class FakeClock {
 public:
  int64_t now_us = 1'000'000'000;
  std::function<int64_t()> fn() {
    return [this] { return now_us; };
  }
};

TEST(RateLimiter, AllowsABurstOfLimitThenRefusesWithRetryAfter) {
  FakeClock clock;
  MemoryRateLimiter limiter(1000, clock.fn());
  const RateRule rule{5, std::chrono::minutes(5)};
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(limiter.Peek("k", rule).allowed);
    const RateDecision d = limiter.Hit("k", rule);
    EXPECT_TRUE(d.allowed);
    EXPECT_EQ(d.remaining, 4 - i);
  }
  const RateDecision refused = limiter.Hit("k", rule);
  EXPECT_FALSE(refused.allowed);
  EXPECT_FALSE(limiter.Peek("k", rule).allowed);
  EXPECT_EQ(refused.RetryAfterSeconds(), 60);
  EXPECT_EQ(refused.remaining, 0);
  EXPECT_TRUE(limiter.Hit("other", rule).allowed);  // keys are separate
  clock.now_us += 60'000'000;
  EXPECT_TRUE(limiter.Hit("k", rule).allowed);
  EXPECT_FALSE(limiter.Hit("k", rule).allowed);
  limiter.Reset("k");
  EXPECT_TRUE(limiter.Hit("k", rule).allowed);
}

TEST(RateLimiter, PeekDoesNotCount) {
  FakeClock clock;
  MemoryRateLimiter limiter(1000, clock.fn());
  const RateRule rule{2, std::chrono::seconds(1)};
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(limiter.Peek("k", rule).allowed);
  EXPECT_EQ(limiter.size(), 0u);
}

TEST(RateLimiter, PerSecondHeadersAndRecovery) {
  FakeClock clock;
  MemoryRateLimiter limiter(1000, clock.fn());
  const RateRule rule{100, std::chrono::seconds(1)};
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(limiter.Hit("ip", rule).allowed) << i;
  const RateDecision d = limiter.Hit("ip", rule);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.ResetSeconds(), 1);
  clock.now_us += 10'000;  // one interval later, one more request
  EXPECT_TRUE(limiter.Hit("ip", rule).allowed);
  EXPECT_FALSE(limiter.Hit("ip", rule).allowed);
}

TEST(RateLimiter, MemoryIsBounded) {
  FakeClock clock;
  MemoryRateLimiter limiter(1600, clock.fn());
  const RateRule rule{5, std::chrono::minutes(5)};
  for (int i = 0; i < 20000; ++i) limiter.Hit("key" + std::to_string(i), rule);
  EXPECT_LE(limiter.size(), 1600u);
  clock.now_us += 600'000'000;  // all replenished: swept on the next inserts
  for (int i = 0; i < 100; ++i) limiter.Hit("new" + std::to_string(i), rule);
  EXPECT_LE(limiter.size(), 1600u);
}

TEST(RateLimiter, ZeroLimitMeansOff) {
  MemoryRateLimiter limiter;
  for (int i = 0; i < 1000; ++i)
    EXPECT_TRUE(limiter.Hit("k", {0, std::chrono::seconds(1)}).allowed);
}

}  // namespace
}  // namespace ws::auth
