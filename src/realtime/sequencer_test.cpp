#include "realtime/sequencer.hpp"

#include <gtest/gtest.h>

namespace ws::realtime {
namespace {

Sequencer::EventPtr E(int64_t seq) {
  auto e = std::make_shared<bus::Event>();
  e->seq = seq;
  return e;
}

std::vector<int64_t> Seqs(const std::vector<Sequencer::EventPtr>& events) {
  std::vector<int64_t> out;
  for (const auto& e : events) out.push_back(e->seq);
  return out;
}

TEST(Sequencer, ReleasesInOrderAndHoldsBackAfterAGap) {
  Sequencer s;
  std::vector<Sequencer::EventPtr> out;
  s.Offer(E(6), out);  // before Start: held
  EXPECT_TRUE(out.empty());
  s.Start(4, out);
  EXPECT_TRUE(out.empty());
  ASSERT_TRUE(s.Gap());
  EXPECT_EQ(*s.Gap(), std::make_pair(int64_t{5}, int64_t{5}));
  s.Offer(E(8), out);
  s.Offer(E(5), out);
  EXPECT_EQ(Seqs(out), (std::vector<int64_t>{5, 6}));
  EXPECT_EQ(*s.Gap(), std::make_pair(int64_t{7}, int64_t{7}));
  out.clear();
  s.Offer(E(5), out);  // duplicate
  s.Offer(E(8), out);  // duplicate held
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(s.held(), 1u);
  s.Offer(E(7), out);
  EXPECT_EQ(Seqs(out), (std::vector<int64_t>{7, 8}));
  EXPECT_FALSE(s.Gap());
  EXPECT_EQ(s.position(), 8);
}

TEST(Sequencer, StartDropsWhatTheLogAlreadyCoversAndSkipGivesUpOnAGap) {
  Sequencer s;
  std::vector<Sequencer::EventPtr> out;
  s.Offer(E(3), out);
  s.Offer(E(11), out);
  s.Offer(E(12), out);
  s.Start(10, out);
  EXPECT_EQ(Seqs(out), (std::vector<int64_t>{11, 12}));
  out.clear();
  s.Offer(E(15), out);
  s.SkipTo(14, out);
  EXPECT_EQ(Seqs(out), (std::vector<int64_t>{15}));
  EXPECT_EQ(s.position(), 15);
}

}  // namespace
}  // namespace ws::realtime
