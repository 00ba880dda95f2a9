#include "core/order_key.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <ext/pb_ds/assoc_container.hpp>
#include <ext/pb_ds/tree_policy.hpp>
#include <random>

namespace ws::order_key {
namespace {

void ExpectIncreasingAndValid(const std::vector<std::string>& keys) {
  for (size_t i = 0; i < keys.size(); ++i) {
    ASSERT_TRUE(IsValid(keys[i])) << i << ": '" << keys[i] << "'";
    if (i > 0) {
      ASSERT_LT(keys[i - 1], keys[i]) << "at " << i;
    }
  }
}

size_t MaxLength(const std::vector<std::string>& keys) {
  size_t longest = 0;
  for (const auto& key : keys) longest = std::max(longest, key.size());
  return longest;
}

TEST(OrderKey, Validity) {
  EXPECT_TRUE(IsValid("V"));
  EXPECT_TRUE(IsValid("0z"));
  EXPECT_TRUE(IsValid("aZ9"));
  EXPECT_FALSE(IsValid(""));
  EXPECT_FALSE(IsValid("0"));
  EXPECT_FALSE(IsValid("a0"));
  EXPECT_FALSE(IsValid("a-b"));
  EXPECT_FALSE(IsValid("a b"));
  EXPECT_FALSE(IsValid(std::string("a\0b", 3)));
  EXPECT_FALSE(IsValid("\xc3\xa9"));
}

TEST(OrderKey, BetweenBasics) {
  EXPECT_EQ(Between("", ""), "V");
  EXPECT_EQ(Between("V", ""), "W");
  EXPECT_EQ(Between("", "V"), "U");
  EXPECT_EQ(Between("A", "C"), "B");
  // Adjacent digits: room is made one level down.
  const std::string ab = Between("A", "B");
  EXPECT_GT(ab, "A");
  EXPECT_LT(ab, "B");
  EXPECT_EQ(ab.size(), 2u);
  // A key and its extension: "a" < "a01" leaves room ("a001" and friends).
  const std::string deep = Between("a", "a01");
  EXPECT_GT(deep, "a");
  EXPECT_LT(deep, "a01");
  EXPECT_TRUE(IsValid(deep));
  // The extremes.
  const std::string low = Between("", "1");
  EXPECT_TRUE(IsValid(low));
  EXPECT_LT(low, "1");
  const std::string lower = Between("", "01");
  EXPECT_TRUE(IsValid(lower));
  EXPECT_LT(lower, "01");
  const std::string high = Between("z", "");
  EXPECT_GT(high, "z");
  EXPECT_TRUE(IsValid(high));
  const std::string higher = Between("zzzz", "");
  EXPECT_GT(higher, "zzzz");
  EXPECT_TRUE(IsValid(higher));
}

TEST(OrderKey, BetweenIsTotalForCloseKeys) {
  // Every pair of distinct valid keys of up to two digits from a small
  // alphabet that includes the extremes.
  const std::string alphabet = "019AVyz";
  std::vector<std::string> keys;
  for (char c : alphabet) {
    keys.emplace_back(1, c);
    for (char d : alphabet) keys.push_back(std::string{c, d});
  }
  std::erase_if(keys, [](const std::string& k) { return !IsValid(k); });
  for (const auto& a : keys) {
    for (const auto& b : keys) {
      if (!(a < b)) continue;
      const std::string mid = Between(a, b);
      ASSERT_TRUE(IsValid(mid)) << a << " " << b << " -> " << mid;
      ASSERT_LT(a, mid) << a << " " << b;
      ASSERT_LT(mid, b) << a << " " << b;
    }
  }
}

TEST(OrderKey, RandomInsertionsStayOrdered) {
  // An order-statistics tree stands in for the list: the key at a rank, in
  // O(log n). A key that broke the order would land at the wrong rank.
  using Tree =
      __gnu_pbds::tree<std::string, __gnu_pbds::null_type, std::less<>, __gnu_pbds::rb_tree_tag,
                       __gnu_pbds::tree_order_statistics_node_update>;
  std::mt19937_64 rng(20261122);
  Tree list;
  for (size_t i = 0; i < 10000; ++i) {
    const size_t at = std::uniform_int_distribution<size_t>(0, list.size())(rng);
    const std::string before = at == 0 ? "" : *list.find_by_order(at - 1);
    const std::string after = at == list.size() ? "" : *list.find_by_order(at);
    std::string key = Between(before, after);
    ASSERT_TRUE(IsValid(key)) << key;
    if (!before.empty()) {
      ASSERT_LT(before, key);
    }
    if (!after.empty()) {
      ASSERT_LT(key, after);
    }
    ASSERT_TRUE(list.insert(key).second) << "duplicate " << key;
    ASSERT_EQ(list.order_of_key(key), at);
  }
  const std::vector<std::string> keys(list.begin(), list.end());
  ExpectIncreasingAndValid(keys);
  // Random insertions halve gaps: expected depth is logarithmic.
  EXPECT_LE(MaxLength(keys), 12u);
}

TEST(OrderKey, RepeatedInsertionAtTheSameSpotGrowsButStaysValid) {
  // The worst case for fractional keys: always just after the first item.
  std::vector<std::string> list{Between("", "")};
  list.push_back(Between(list[0], ""));
  for (int i = 0; i < 500; ++i) {
    list.insert(list.begin() + 1, Between(list[0], list[1]));
  }
  ExpectIncreasingAndValid(list);
  EXPECT_GT(MaxLength(list), kRebalanceLength);  // the reason to rebalance
}

TEST(OrderKey, AppendingKeepsKeysShort) {
  std::vector<std::string> list;
  for (int i = 0; i < 10000; ++i) list.push_back(Between(list.empty() ? "" : list.back(), ""));
  ExpectIncreasingAndValid(list);
  EXPECT_LE(MaxLength(list), 5u);
  for (int i = 0; i < 100000; ++i) list.push_back(Between(list.back(), ""));
  ExpectIncreasingAndValid(list);
  EXPECT_LE(MaxLength(list), 7u);
}

TEST(OrderKey, PrependingKeepsKeysShort) {
  std::vector<std::string> reversed;
  for (int i = 0; i < 10000; ++i) {
    reversed.push_back(Between("", reversed.empty() ? "" : reversed.back()));
  }
  std::reverse(reversed.begin(), reversed.end());
  ExpectIncreasingAndValid(reversed);
  EXPECT_LE(MaxLength(reversed), 6u);
}

TEST(OrderKey, AppendingAfterALongKeyGetsShortAgain) {
  EXPECT_EQ(Between("V3kx9Qz", ""), "W");
  EXPECT_EQ(Between("", "V3kx9Qz"), "U");
  // Two leading 'z's: the counter is three digits wide.
  EXPECT_EQ(Between("zzV", ""), "zzV01");
}

TEST(OrderKey, SpreadIsIncreasingAndShort) {
  EXPECT_TRUE(Spread(0).empty());
  EXPECT_EQ(Spread(1), std::vector<std::string>{"V"});
  for (size_t n : {1u, 2u, 10u, 61u, 62u, 100u, 3843u, 3844u, 10000u, 250000u}) {
    const std::vector<std::string> keys = Spread(n);
    ASSERT_EQ(keys.size(), n);
    ExpectIncreasingAndValid(keys);
    size_t length = 1;
    for (size_t slots = 62; slots < n + 1; slots *= 62) ++length;
    EXPECT_LE(MaxLength(keys), length) << n;
    // Evenly spread: room to insert before the first and after the last.
    EXPECT_LT(Between("", keys.front()), keys.front());
    EXPECT_GT(Between(keys.back(), ""), keys.back());
  }
  EXPECT_EQ(MaxLength(Spread(61)), 1u);
  EXPECT_EQ(MaxLength(Spread(62)), 2u);
}

TEST(OrderKey, MisuseNeverProducesAnInvalidKey) {
  EXPECT_TRUE(IsValid(Between("b", "a")));
  EXPECT_GT(Between("b", "a"), "b");
  EXPECT_TRUE(IsValid(Between("a", "a")));
  EXPECT_TRUE(IsValid(Between("a!", "")));
}

}  // namespace
}  // namespace ws::order_key
