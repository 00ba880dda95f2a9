#include "bus/read_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace ws::bus {
namespace {

std::shared_ptr<const std::string> Body(std::string text) {
  return std::make_shared<const std::string>(std::move(text));
}

void PublishIn(Bus& bus, const std::string& workspace_id, int64_t seq) {
  auto event = std::make_shared<Event>();
  event->workspace_id = workspace_id;
  event->seq = seq;
  bus.Publish(event);
}

/// Reads `key` of `scope` in `workspace` as `user` the way a service does:
/// ticket first, then (here) the "database", then Store.
void ReadThrough(ReadCache& cache, const std::string& scope, const std::string& workspace,
                 const std::string& key, const std::string& user, const std::string& body) {
  const ReadCache::Ticket ticket = cache.Begin(scope);
  cache.Store(ticket, scope, workspace, key, user, Body(body));
}

TEST(ReadCache, AnswersOnlyUsersWhoseAccessWasCheckedUntilTheWorkspaceChanges) {
  MemoryBus bus;
  ReadCache cache(bus);
  // The first read only learns the scope's workspace: nothing is kept yet.
  ReadThrough(cache, "p1", "w1", "p1?limit=50", "ann", "[1]");
  EXPECT_EQ(cache.Find("p1?limit=50", "ann"), nullptr);
  ReadThrough(cache, "p1", "w1", "p1?limit=50", "ann", "[1]");
  ASSERT_NE(cache.Find("p1?limit=50", "ann"), nullptr);
  EXPECT_EQ(*cache.Find("p1?limit=50", "ann"), "[1]");
  EXPECT_EQ(cache.Find("p1?limit=50", "bob"), nullptr) << "bob's access was never checked";
  ReadThrough(cache, "p1", "w1", "p1?limit=50", "bob", "[1]");
  EXPECT_NE(cache.Find("p1?limit=50", "bob"), nullptr);
  EXPECT_NE(cache.Find("p1?limit=50", "ann"), nullptr) << "a second reader keeps the first";

  PublishIn(bus, "w2", 7);
  EXPECT_NE(cache.Find("p1?limit=50", "ann"), nullptr) << "another workspace's event";
  PublishIn(bus, "w1", 3);
  EXPECT_EQ(cache.Find("p1?limit=50", "ann"), nullptr);
  EXPECT_EQ(cache.Find("p1?limit=50", "bob"), nullptr);
}

TEST(ReadCache, AReadThatRacesWithACommitIsNotKept) {
  MemoryBus bus;
  ReadCache cache(bus);
  ReadThrough(cache, "p1", "w1", "k", "ann", "old");
  const ReadCache::Ticket ticket = cache.Begin("p1");
  PublishIn(bus, "w1", 1);  // committed while the read ran
  cache.Store(ticket, "p1", "w1", "k", "ann", Body("maybe old"));
  EXPECT_EQ(cache.Find("k", "ann"), nullptr);
  ReadThrough(cache, "p1", "w1", "k", "ann", "new");
  ASSERT_NE(cache.Find("k", "ann"), nullptr);
  EXPECT_EQ(*cache.Find("k", "ann"), "new");
}

TEST(ReadCache, AScopeThatNowNamesAnotherWorkspaceIsNotKept) {
  MemoryBus bus;
  ReadCache cache(bus);
  ReadThrough(cache, "acme", "w1", "acme?", "ann", "w1 members");
  // The slug moved to w2 between the last read and this one.
  ReadThrough(cache, "acme", "w2", "acme?", "ann", "w2 members");
  EXPECT_EQ(cache.Find("acme?", "ann"), nullptr);
  ReadThrough(cache, "acme", "w2", "acme?", "ann", "w2 members");
  ASSERT_NE(cache.Find("acme?", "ann"), nullptr);
  EXPECT_EQ(*cache.Find("acme?", "ann"), "w2 members");
}

TEST(ReadCache, AGenerationChangeMakesEntriesStale) {
  MemoryBus bus;
  std::atomic<uint64_t> generation{1};
  ReadCache cache(bus, {.generation = [&] { return generation.load(); }});
  ReadThrough(cache, "w1", "w1", "k", "ann", "[]");
  ReadThrough(cache, "w1", "w1", "k", "ann", "[]");
  ASSERT_NE(cache.Find("k", "ann"), nullptr);
  generation = 2;  // e.g. a user renamed
  EXPECT_EQ(cache.Find("k", "ann"), nullptr);
  // A read that began before the change is not kept.
  const ReadCache::Ticket ticket = cache.Begin("w1");
  generation = 3;
  cache.Store(ticket, "w1", "w1", "k", "ann", Body("[]"));
  EXPECT_EQ(cache.Find("k", "ann"), nullptr);
  ReadThrough(cache, "w1", "w1", "k", "ann", "[]");
  EXPECT_NE(cache.Find("k", "ann"), nullptr);
}

TEST(ReadCache, EntriesOlderThanTheMaxAgeAreStale) {
  MemoryBus bus;
  ReadCache cache(bus, {.generation = {}, .max_age_ms = 30});
  ReadThrough(cache, "w1", "w1", "k", "ann", "[]");
  ReadThrough(cache, "w1", "w1", "k", "ann", "[]");
  ASSERT_NE(cache.Find("k", "ann"), nullptr);
  std::this_thread::sleep_for(std::chrono::milliseconds(60));
  EXPECT_EQ(cache.Find("k", "ann"), nullptr);
  // A fresh read replaces the old entry instead of joining it.
  ReadThrough(cache, "w1", "w1", "k", "bob", "[]");
  EXPECT_NE(cache.Find("k", "bob"), nullptr);
  EXPECT_EQ(cache.Find("k", "ann"), nullptr);
}

TEST(ReadCache, StaysWithinItsEntryBound) {
  MemoryBus bus;
  ReadCache cache(bus);
  for (size_t i = 0; i < ReadCache::kMaxEntries * 2 + 5; ++i) {
    const std::string key = "k" + std::to_string(i);
    ReadThrough(cache, "w1", "w1", key, "ann", "[]");
  }
  const std::string last = "k" + std::to_string(ReadCache::kMaxEntries * 2 + 4);
  EXPECT_NE(cache.Find(last, "ann"), nullptr);
  size_t kept = 0;
  for (size_t i = 0; i < ReadCache::kMaxEntries * 2 + 5; ++i) {
    if (cache.Find("k" + std::to_string(i), "ann")) ++kept;
  }
  EXPECT_LE(kept, ReadCache::kMaxEntries);
}

}  // namespace
}  // namespace ws::bus
