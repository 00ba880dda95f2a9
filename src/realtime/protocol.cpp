#include "realtime/protocol.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "core/log.hpp"

namespace ws::realtime {

namespace {

constexpr size_t kMaxIdLength = 100;
constexpr size_t kMaxTokenLength = 4096;

std::string Quoted(std::string_view text) {
  std::string out = "\"";
  log::AppendJsonEscaped(out, text);
  out += '"';
  return out;
}

/// The string member `key` ("" and ok when absent and optional).
Result<std::string> Text(const boost::json::object& o, std::string_view key, bool required,
                         size_t max) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || (v->is_null() && !required)) {
    if (required) return AppError::BadRequest(std::string(key) + " is required");
    return std::string();
  }
  if (!v->is_string()) return AppError::BadRequest(std::string(key) + " must be a string");
  const auto& s = v->get_string();
  if (s.size() > max) return AppError::BadRequest(std::string(key) + " is too long");
  return std::string(s);
}

}  // namespace

Result<ClientMessage> ParseClientMessage(std::string_view text) {
  boost::json::parse_options options;
  options.max_depth = 4;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec, {}, options);
  if (ec || !value.is_object()) return AppError::BadRequest("a message must be a JSON object");
  const auto& o = value.get_object();
  WS_ASSIGN(std::string type, Text(o, "type", true, 32));
  ClientMessage m;
  if (type == "auth") {
    m.type = ClientType::kAuth;
    WS_ASSIGN(m.token, Text(o, "token", true, kMaxTokenLength));
    if (m.token.empty()) return AppError::BadRequest("token must not be empty");
  } else if (type == "subscribe" || type == "unsubscribe" || type == "typing") {
    m.type = type == "subscribe"     ? ClientType::kSubscribe
             : type == "unsubscribe" ? ClientType::kUnsubscribe
                                     : ClientType::kTyping;
    WS_ASSIGN(m.topic, Text(o, "topic", true, 200));
    if (m.type == ClientType::kSubscribe) {
      if (const auto* after = o.if_contains("after"); after != nullptr && !after->is_null()) {
        if (!after->is_int64() && !after->is_uint64()) {
          return AppError::BadRequest("after must be a whole number or null");
        }
        if (after->is_uint64() || after->get_int64() < 0) {
          return AppError::BadRequest("after must not be negative");
        }
        m.after = after->get_int64();
      }
    }
  } else if (type == "ping") {
    m.type = ClientType::kPing;
  } else if (type == "presence") {
    m.type = ClientType::kPresence;
    WS_ASSIGN(m.status, Text(o, "status", true, 16));
    if (m.status != "online" && m.status != "away") {
      return AppError::BadRequest("status must be online or away");
    }
  } else {
    return AppError::BadRequest("unknown message type");
  }
  return m;
}

std::string TopicName::Text() const {
  switch (kind) {
    case TopicKind::kWorkspace:
      return "workspace:" + id;
    case TopicKind::kConversation:
      return "conversation:" + id;
    case TopicKind::kUser:
      return "user:" + id;
  }
  return id;
}

Result<TopicName> ParseTopic(std::string_view text) {
  TopicName name;
  const size_t colon = text.find(':');
  const std::string_view kind = text.substr(0, colon);
  if (colon == text.npos) return AppError::BadRequest("topic must be kind:id");
  if (kind == "workspace") {
    name.kind = TopicKind::kWorkspace;
  } else if (kind == "conversation") {
    name.kind = TopicKind::kConversation;
  } else if (kind == "user") {
    name.kind = TopicKind::kUser;
  } else {
    return AppError::BadRequest("unknown topic kind");
  }
  const std::string_view id = text.substr(colon + 1);
  if (id.empty() || id.size() > kMaxIdLength) return AppError::BadRequest("bad topic id");
  for (char c : id) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    c == '-' || c == '_';
    if (!ok) return AppError::BadRequest("bad topic id");
  }
  name.id = std::string(id);
  return name;
}

std::string ReadyMessage(std::string_view user_id) {
  return "{\"type\":\"ready\",\"user_id\":" + Quoted(user_id) + "}";
}

std::string PongMessage() { return "{\"type\":\"pong\"}"; }

std::string ErrorMessage(std::string_view code, std::string_view message, std::string_view topic) {
  std::string out =
      "{\"type\":\"error\",\"code\":" + Quoted(code) + ",\"message\":" + Quoted(message);
  if (!topic.empty()) out += ",\"topic\":" + Quoted(topic);
  out += '}';
  return out;
}

std::string SubscribedMessage(std::string_view topic, std::optional<int64_t> seq) {
  return "{\"type\":\"subscribed\",\"topic\":" + Quoted(topic) +
         ",\"seq\":" + (seq ? std::to_string(*seq) : std::string("null")) + "}";
}

std::string ResetMessage(std::string_view topic) {
  return "{\"type\":\"reset\",\"topic\":" + Quoted(topic) + "}";
}

std::string PresenceMessage(std::string_view topic, std::string_view user_id,
                            std::string_view status) {
  return "{\"type\":\"presence\",\"topic\":" + Quoted(topic) + ",\"user_id\":" + Quoted(user_id) +
         ",\"status\":" + Quoted(status) + "}";
}

std::string TypingMessage(std::string_view topic, std::string_view user_id) {
  return "{\"type\":\"typing\",\"topic\":" + Quoted(topic) + ",\"user_id\":" + Quoted(user_id) +
         "}";
}

std::string EventMessage(std::string_view topic, std::string_view event_json) {
  std::string out;
  out.reserve(48 + topic.size() + event_json.size());
  out += "{\"type\":\"event\",\"topic\":";
  out += Quoted(topic);
  out += ",\"event\":";
  out += event_json;
  out += '}';
  return out;
}

size_t TextFrameHeader(uint64_t size, char (&out)[10]) {
  size_t n = 0;
  out[n++] = static_cast<char>(0x81);  // FIN, opcode 1 (text)
  if (size < 126) {
    out[n++] = static_cast<char>(size);
  } else if (size <= 0xffff) {
    out[n++] = 126;
    for (int shift = 8; shift >= 0; shift -= 8) out[n++] = static_cast<char>(size >> shift);
  } else {
    out[n++] = 127;
    for (int shift = 56; shift >= 0; shift -= 8) out[n++] = static_cast<char>(size >> shift);
  }
  return n;
}

}  // namespace ws::realtime
