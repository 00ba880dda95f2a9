#pragma once

// The WebSocket messages of API.md "Events and WebSocket": parsing what
// clients send and building what the server sends. Beast-free, so the rules
// are unit-tested without sockets.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ws::realtime {

/// What a client may send.
enum class ClientType { kAuth, kSubscribe, kUnsubscribe, kPing, kTyping, kPresence };

/// One parsed client message; only the fields of its type are set.
struct ClientMessage {
  ClientType type = ClientType::kPing;
  std::string token;             // auth
  std::string topic;             // subscribe, unsubscribe, typing
  std::optional<int64_t> after;  // subscribe: null or absent = live only
  std::string status;            // presence: "online" or "away"
};

/// Parses one text frame. A bad frame is kBadRequest whose message is sent
/// back to the client in an `error` message.
Result<ClientMessage> ParseClientMessage(std::string_view text);

enum class TopicKind { kWorkspace, kConversation, kUser };

/// `workspace:<id>`, `conversation:<id>` or `user:<id>`.
struct TopicName {
  TopicKind kind = TopicKind::kWorkspace;
  std::string id;
  std::string Text() const;
};

/// Checks the shape of a topic (kind and a short token-like id).
Result<TopicName> ParseTopic(std::string_view text);

// Server messages: complete JSON texts.
std::string ReadyMessage(std::string_view user_id);
std::string PongMessage();
/// `topic` empty: omitted.
std::string ErrorMessage(std::string_view code, std::string_view message,
                         std::string_view topic = {});
/// The replay is over and live delivery starts after `seq` (null for topics
/// without a sequence).
std::string SubscribedMessage(std::string_view topic, std::optional<int64_t> seq);
std::string ResetMessage(std::string_view topic);
std::string PresenceMessage(std::string_view topic, std::string_view user_id,
                            std::string_view status);
std::string TypingMessage(std::string_view topic, std::string_view user_id);
/// `event_json`: bus::Event::ToJson().
std::string EventMessage(std::string_view topic, std::string_view event_json);

/// Writes the header of a server's text frame carrying `size` bytes: final,
/// unmasked, no extension bits (RFC 6455 §5.2). Answers its length (2, 4 or
/// 10 bytes).
size_t TextFrameHeader(uint64_t size, char (&out)[10]);

}  // namespace ws::realtime
