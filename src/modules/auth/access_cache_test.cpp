#include "modules/auth/access_cache.hpp"

#include <gtest/gtest.h>

#include "support/test_server.hpp"

namespace ws::auth {
namespace {

Session LiveSession(const std::string& id) {
  Session s;
  s.id = id;
  s.user_id = "u1";
  s.last_used_at = 1000;
  s.expires_at = 99999;
  return s;
}

TEST(AccessCache, AnswersUntilTheTtlEnds) {
  AccessCache cache(1000, 100);
  const uint64_t generation = AccessCache::Generation();
  cache.PutSession(LiveSession("s1"), generation, 5000);
  ASSERT_TRUE(cache.FindSession("s1", 5000));
  EXPECT_EQ(cache.FindSession("s1", 5999)->user_id, "u1");
  EXPECT_FALSE(cache.FindSession("s1", 6000));  // expired
  EXPECT_FALSE(cache.FindSession("s1", 4999));  // clock went back: not trusted
  EXPECT_FALSE(cache.FindSession("other", 5000));
}

TEST(AccessCache, AnEntryReadBeforeACommittedChangeIsStale) {
  test::TempDir dir;
  auto db = db::Open("sqlite:" + dir.path() + "/t.db", {});
  ASSERT_TRUE(db) << db.error().message;
  AccessCache cache(60000, 100);
  User user;
  user.id = "u1";
  user.name = "Ada";

  const uint64_t before = AccessCache::Generation();
  cache.PutUser(user, before, 10);
  cache.PutToken("hash", ApiToken{"t1", "u1", "bot", {}, 0, {}, {}}, before, 10);
  ASSERT_TRUE(cache.FindUser("u1", 10));

  // A unit that rolls back changes nothing.
  Status failed = (*db)->Write([](db::Conn& c) -> Status {
    InvalidateAccessAfterCommit(c);
    return AppError::Conflict("roll back");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(AccessCache::Generation(), before);
  EXPECT_TRUE(cache.FindUser("u1", 10));

  // A committed change makes every entry read before it stale at once.
  ASSERT_TRUE((*db)
                  ->Write([](db::Conn& c) -> Status {
                    InvalidateAccessAfterCommit(c);
                    return {};
                  })
                  .ok());
  EXPECT_NE(AccessCache::Generation(), before);
  EXPECT_FALSE(cache.FindUser("u1", 10));
  EXPECT_FALSE(cache.FindToken("hash", 10));

  // Entries read after it are good again.
  cache.PutUser(user, AccessCache::Generation(), 10);
  EXPECT_EQ(cache.FindUser("u1", 10)->name, "Ada");
  (*db)->Close();
}

TEST(AccessCache, TouchKeepsTheEntryAndItsLastUse) {
  AccessCache cache(1000, 100);
  cache.PutSession(LiveSession("s1"), AccessCache::Generation(), 5000);
  cache.TouchSession("s1", 5500);
  EXPECT_EQ(cache.FindSession("s1", 5600)->last_used_at, 5500);
  cache.TouchSession("missing", 5500);  // no entry: nothing happens
  EXPECT_FALSE(cache.FindSession("missing", 5600));
}

TEST(AccessCache, StaysBounded) {
  AccessCache cache(1000, 3);
  const uint64_t generation = AccessCache::Generation();
  for (const char* id : {"a", "b", "c"}) cache.PutSession(LiveSession(id), generation, 1);
  EXPECT_TRUE(cache.FindSession("a", 1));
  cache.PutSession(LiveSession("d"), generation, 1);  // full: starts over
  EXPECT_FALSE(cache.FindSession("a", 1));
  EXPECT_TRUE(cache.FindSession("d", 1));
}

}  // namespace
}  // namespace ws::auth
