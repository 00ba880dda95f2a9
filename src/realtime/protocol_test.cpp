#include "realtime/protocol.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <vector>

namespace ws::realtime {
namespace {

TEST(RealtimeProtocol, ParsesTheClientMessages) {
  auto auth = ParseClientMessage(R"({"type":"auth","token":"abc"})");
  ASSERT_TRUE(auth.ok());
  EXPECT_EQ(auth->type, ClientType::kAuth);
  EXPECT_EQ(auth->token, "abc");
  auto sub = ParseClientMessage(R"({"type":"subscribe","topic":"workspace:x","after":41})");
  ASSERT_TRUE(sub.ok());
  EXPECT_EQ(sub->type, ClientType::kSubscribe);
  EXPECT_EQ(sub->topic, "workspace:x");
  EXPECT_EQ(sub->after, 41);
  auto live = ParseClientMessage(R"({"type":"subscribe","topic":"workspace:x","after":null})");
  ASSERT_TRUE(live.ok());
  EXPECT_FALSE(live->after.has_value());
  EXPECT_EQ(ParseClientMessage(R"({"type":"ping"})")->type, ClientType::kPing);
  EXPECT_EQ(ParseClientMessage(R"({"type":"presence","status":"away"})")->status, "away");
}

TEST(RealtimeProtocol, RefusesBadMessages) {
  for (const char* bad :
       {"", "nope", "[]", "42", R"({"type":1})", R"({"type":"dance"})", R"({"type":"auth"})",
        R"({"type":"auth","token":""})", R"({"type":"subscribe"})",
        R"({"type":"subscribe","topic":"workspace:x","after":-1})",
        R"({"type":"subscribe","topic":"workspace:x","after":1.5})",
        R"({"type":"subscribe","topic":"workspace:x","after":"1"})",
        R"({"type":"presence","status":"busy"})", R"({"a":{"b":{"c":{"d":{"e":1}}}}})"}) {
    auto r = ParseClientMessage(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kBadRequest) << bad;
  }
}

TEST(RealtimeProtocol, ChecksTopics) {
  auto t = ParseTopic("conversation:01J-abc_9");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->kind, TopicKind::kConversation);
  EXPECT_EQ(t->Text(), "conversation:01J-abc_9");
  for (const char* bad :
       {"workspace", "workspace:", "team:x", "workspace:a b", "user:\"x", "workspace:a:b"}) {
    EXPECT_FALSE(ParseTopic(bad).ok()) << bad;
  }
  EXPECT_FALSE(ParseTopic("workspace:" + std::string(101, 'a')).ok());
}

TEST(RealtimeProtocol, BuildsValidJson) {
  for (const std::string& text :
       {ReadyMessage("u\"1"), PongMessage(), ErrorMessage("bad_request", "no \"way\"", "t"),
        SubscribedMessage("workspace:a", 7), SubscribedMessage("user:a", std::nullopt),
        ResetMessage("workspace:a"), PresenceMessage("workspace:a", "u", "online"),
        TypingMessage("conversation:c", "u"), EventMessage("workspace:a", R"({"seq":1})")}) {
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec);
    ASSERT_FALSE(ec) << text;
    EXPECT_TRUE(v.as_object().contains("type")) << text;
  }
  auto event = boost::json::parse(EventMessage("workspace:a", R"({"seq":1})"));
  EXPECT_EQ(event.at("event").at("seq").as_int64(), 1);
}

TEST(RealtimeProtocol, TextFrameHeadersUseTheShortestLengthForm) {
  char out[10];
  auto header = [&out](uint64_t size) {
    const size_t n = TextFrameHeader(size, out);
    return std::vector<uint8_t>(out, out + n);
  };
  EXPECT_EQ(header(0), (std::vector<uint8_t>{0x81, 0}));
  EXPECT_EQ(header(125), (std::vector<uint8_t>{0x81, 125}));
  EXPECT_EQ(header(126), (std::vector<uint8_t>{0x81, 126, 0, 126}));
  EXPECT_EQ(header(65535), (std::vector<uint8_t>{0x81, 126, 0xff, 0xff}));
  EXPECT_EQ(header(65536), (std::vector<uint8_t>{0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(header(0x0102030405060708), (std::vector<uint8_t>{0x81, 127, 1, 2, 3, 4, 5, 6, 7, 8}));
}

}  // namespace
}  // namespace ws::realtime
