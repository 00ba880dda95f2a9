// The hub's clients: admission, authentication, the message loop, rate
// limits, timeouts (one sweep timer for all sockets) and access revocation.
#include <algorithm>

#include "core/json_input.hpp"
#include "core/log.hpp"
#include "realtime/hub_internal.hpp"

namespace ws::realtime {

namespace {

/// `scheme://host[:port]` of a URL, lower case.
std::string OriginOf(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == url.npos) return "";
  const size_t path = url.find('/', scheme + 3);
  return AsciiLower(url.substr(0, path));
}

}  // namespace

std::shared_ptr<Hub> Hub::Make(Options options, Deps deps) {
  std::shared_ptr<Hub> hub(new Hub(std::move(options), std::move(deps)));
  hub->Begin();
  return hub;
}

Hub::Hub(Options options, Deps deps) : options_(std::move(options)), deps_(std::move(deps)) {}

void Hub::Begin() {
  std::weak_ptr<Hub> weak = weak_from_this();
  bus_subscription_ = deps_.bus.Subscribe([weak](const std::shared_ptr<const bus::Event>& event) {
    if (auto hub = weak.lock()) hub->OnEvent(event);
  });
  deps_.executor.After(std::chrono::milliseconds(options_.sweep_interval_ms), [weak] {
    if (auto hub = weak.lock()) hub->Sweep();
  });
}

Hub::~Hub() { deps_.bus.Unsubscribe(bus_subscription_); }

bool Hub::OriginAllowed(std::string_view origin) const {
  if (origin.empty()) return true;  // not a browser
  const std::string allowed = OriginOf(options_.public_url);
  return !allowed.empty() && OriginOf(std::string(origin) + "/") == allowed;
}

Result<Hub::ClientPtr> Hub::Open(std::weak_ptr<Peer> peer, const std::string& ip,
                                 std::string_view authorization) {
  auto client = std::make_shared<Client>();
  {
    Lock lock(mutex_);
    if (stopping_) return AppError::Unavailable("shutting down");
    int& from_ip = per_ip_[ip];
    if (from_ip >= options_.max_per_ip) {
      if (from_ip == 0) per_ip_.erase(ip);
      return AppError{ErrorCode::kRateLimited, "too many connections from this address", {}, {}, 5};
    }
    ++from_ip;
    client->peer = std::move(peer);
    client->ip = ip;
    client->opened_at = client->last_active = client->refilled_at = SteadyMs();
    client->tokens = 2.0 * options_.messages_per_second;
    clients_.insert(client.get());
  }
  if (!authorization.empty()) {
    const std::string_view credential = http::BearerCredential(authorization);
    Lock lock(mutex_);
    if (credential.empty()) {
      Refuse(*client, "unauthorized", "the Authorization header must be: Bearer <token>",
             kClosePolicy, "authentication failed");
      return client;
    }
    client->state = Client::State::kAuthenticating;
    lock.unlock();
    Authenticate(client, std::string(credential), 0);
  }
  return client;
}

void Hub::OnMessage(const ClientPtr& client, std::string_view text) {
  const int64_t now = SteadyMs();
  Lock lock(mutex_);
  if (client->state == Client::State::kClosed || client->closing) return;
  if (!Admit(*client, now)) return;
  client->last_active = now;
  if (client->away && !client->away_explicit) PresenceAway(*client, false);
  Result<ClientMessage> parsed = ParseClientMessage(text);
  if (!parsed) {
    SendTo(*client, ErrorMessage("bad_request", parsed.error().message));
    return;
  }
  ClientMessage& m = *parsed;
  if (m.type == ClientType::kPing) {
    SendTo(*client, PongMessage());
    return;
  }
  if (m.type == ClientType::kAuth) {
    if (client->state != Client::State::kAwaitingAuth) {
      SendTo(*client, ErrorMessage("bad_request", "already authenticated"));
      return;
    }
    client->state = Client::State::kAuthenticating;
    lock.unlock();
    Authenticate(client, std::move(m.token), 0);
    return;
  }
  if (client->state != Client::State::kReady) {
    SendTo(*client, ErrorMessage("unauthorized", "authenticate first, then wait for ready"));
    return;
  }
  switch (m.type) {
    case ClientType::kSubscribe:
      lock.unlock();
      Subscribe(client, m.topic, m.after);
      return;
    case ClientType::kUnsubscribe:
      Unsubscribe(*client, m.topic);
      return;
    case ClientType::kTyping:
      Typing(*client, m.topic);
      return;
    case ClientType::kPresence:
      client->away_explicit = m.status == "away";
      PresenceAway(*client, client->away_explicit);
      return;
    default:
      return;
  }
}

bool Hub::Admit(Client& client, int64_t now) {
  const double rate = options_.messages_per_second;
  client.tokens =
      std::min(2 * rate, client.tokens + double(now - client.refilled_at) * rate / 1000);
  client.refilled_at = now;
  if (client.tokens >= 1) {
    client.tokens -= 1;
    client.dropped = 0;
    return true;
  }
  ++client.dropped;
  if (client.dropped == 1) {
    SendTo(client, ErrorMessage("rate_limited", "too many messages; slow down"));
  } else if (client.dropped > 2 * options_.messages_per_second) {
    Refuse(client, "rate_limited", "message flood", kClosePolicy, "message flood");
  }
  return false;
}

void Hub::Authenticate(const ClientPtr& client, std::string credential, int attempt) {
  uint64_t generation = 0;
  {
    Lock lock(mutex_);
    generation = access_generation_;
  }
  deps_.executor.Post([self = shared_from_this(), client, credential = std::move(credential),
                       generation, attempt]() mutable {
    Result<Identity> identity = AppError::Unauthorized("invalid or expired token");
    try {
      identity = self->deps_.authenticate(credential);
    } catch (const std::exception& e) {
      identity = AppError::Internal(e.what());
    }
    Lock lock(self->mutex_);
    if (client->state == Client::State::kClosed || client->closing) return;
    // A revocation committed while we checked may not have seen this socket.
    if (self->access_generation_ != generation && attempt < 3) {
      lock.unlock();
      self->Authenticate(client, std::move(credential), attempt + 1);
      return;
    }
    if (!identity) {
      const bool internal = identity.error().code == ErrorCode::kInternal;
      if (internal)
        log::Error("websocket authentication failed", {{"detail", identity.error().detail}});
      self->Refuse(*client, internal ? "internal" : "unauthorized",
                   internal ? "authentication is unavailable" : "invalid or expired token",
                   kClosePolicy, "authentication failed");
      return;
    }
    auto& sockets = self->by_user_[identity->user_id];
    if (sockets.size() >= static_cast<size_t>(self->options_.max_per_user)) {
      self->Refuse(*client, "rate_limited", "too many connections for this user", kClosePolicy,
                   "too many connections");
      if (sockets.empty()) self->by_user_.erase(identity->user_id);
      return;
    }
    sockets.push_back(client.get());
    client->identity = std::move(identity).value();
    client->state = Client::State::kReady;
    self->SendTo(*client, ReadyMessage(client->identity.user_id));
  });
}

void Hub::Refuse(Client& client, std::string_view code, std::string_view message, uint16_t close,
                 std::string reason) {
  if (client.closing) return;
  client.closing = true;
  if (auto peer = client.peer.lock()) {
    peer->Close({std::make_shared<const std::string>(ErrorMessage(code, message))}, close,
                std::move(reason));
  }
}

void Hub::SendTo(Client& client, std::string text) {
  SendTo(client, std::make_shared<const std::string>(std::move(text)));
}

void Hub::SendTo(Client& client, const Peer::Message& message) {
  if (client.closing) return;
  auto peer = client.peer.lock();
  if (!peer) return;
  if (peer->Send(message)) {
    ++sent_;
  } else {
    Overflow(client);
  }
}

void Hub::Overflow(Client& client) {
  // Fell behind: it missed events, so every sequenced topic is reset.
  ++dropped_slow_;
  client.closing = true;
  std::vector<Peer::Message> resets;
  for (const auto& sub : client.subs) {
    if (sub->name.kind == TopicKind::kWorkspace && !sub->topic.empty()) {
      resets.push_back(std::make_shared<const std::string>(ResetMessage(sub->topic)));
      ++resets_;
    }
  }
  if (auto peer = client.peer.lock()) {
    peer->Close(std::move(resets), kCloseTryAgainLater, "send queue overflow");
  }
}

void Hub::OnClose(const ClientPtr& client) {
  Lock lock(mutex_);
  Detach(*client);
}

void Hub::Detach(Client& client) {
  if (client.state == Client::State::kClosed) return;
  const bool ready = client.state == Client::State::kReady;
  client.state = Client::State::kClosed;
  client.closing = true;
  std::vector<SubPtr> subs;
  subs.swap(client.subs);
  for (const auto& sub : subs) End(sub, {}, {});
  clients_.erase(&client);
  if (auto it = per_ip_.find(client.ip); it != per_ip_.end() && --it->second <= 0) {
    per_ip_.erase(it);
  }
  if (ready) {
    if (auto it = by_user_.find(client.identity.user_id); it != by_user_.end()) {
      std::erase(it->second, &client);
      if (it->second.empty()) by_user_.erase(it);
    }
  }
}

void Hub::Sweep() {
  const int64_t now = SteadyMs();
  {
    Lock lock(mutex_);
    if (stopping_) return;
    for (Client* client : clients_) {
      if (client->closing) continue;
      if (client->state != Client::State::kReady) {
        if (now - client->opened_at >= options_.auth_timeout_ms) {
          Refuse(*client, "unauthorized", "authentication timeout", kClosePolicy,
                 "authentication timeout");
        }
        continue;
      }
      const bool away =
          client->away_explicit || now - client->last_active >= options_.away_after_ms;
      if (away != client->away) PresenceAway(*client, away);
    }
  }
  std::weak_ptr<Hub> weak = weak_from_this();
  deps_.executor.After(std::chrono::milliseconds(options_.sweep_interval_ms), [weak] {
    if (auto hub = weak.lock()) hub->Sweep();
  });
}

void Hub::EndAccess(const AccessEnded& ended) {
  Lock lock(mutex_);
  ++access_generation_;
  auto it = by_user_.find(ended.user_id);
  if (it == by_user_.end()) return;
  for (Client* client : it->second) {
    const Identity& id = client->identity;
    const bool match =
        ended.deactivated || (!ended.session_id.empty() && id.session_id == ended.session_id) ||
        (!ended.token_id.empty() && id.token_id == ended.token_id) ||
        (ended.all_sessions && !id.session_id.empty() && id.session_id != ended.except_session_id);
    if (match) {
      Refuse(*client, "unauthorized", "access revoked", kClosePolicy, "access revoked");
    }
  }
}

void Hub::PublishToUser(const std::string& user_id, std::string json) {
  Lock lock(mutex_);
  Topic* topic = FindTopic("user:" + user_id);
  if (topic == nullptr) return;
  auto message = std::make_shared<const std::string>(std::move(json));
  for (const auto& sub : topic->subs) {
    if (sub->state == Sub::State::kLive) SendTo(*sub->client, message);
  }
}

void Hub::Shutdown() {
  Lock lock(mutex_);
  if (stopping_) return;
  stopping_ = true;
  for (Client* client : clients_) {
    client->closing = true;
    if (auto peer = client->peer.lock()) {
      peer->Close({}, kCloseGoingAway, "server shutting down");
    }
  }
}

void Hub::AddRoutes(http::Router& router) {
  router.Add(http::Method::kGet, "/api/v1/ws",
             [](http::Request&) -> Result<http::Response> {
               return AppError::BadRequest("this route only accepts a WebSocket upgrade");
             },
             {http::Exec::kInline, http::Access::kPublic, 0});
}

size_t Hub::client_count() const {
  Lock lock(mutex_);
  return clients_.size();
}

void Hub::RenderMetrics(std::string& out) const {
  size_t clients = 0;
  size_t topics = 0;
  size_t subs = 0;
  {
    Lock lock(mutex_);
    clients = clients_.size();
    topics = topics_.size();
    for (const auto& [name, topic] : topics_) subs += topic->subs.size();
  }
  auto gauge = [&out](const char* name, const char* help, const char* type, uint64_t value) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" +
           name + " " + std::to_string(value) + "\n";
  };
  gauge("workstead_realtime_sockets", "Open WebSocket connections.", "gauge", clients);
  gauge("workstead_realtime_topics", "Topics with at least one subscriber.", "gauge", topics);
  gauge("workstead_realtime_subscriptions", "Subscriptions of open sockets.", "gauge", subs);
  gauge("workstead_realtime_messages_sent_total", "Messages queued to sockets.", "counter",
        sent_.load());
  gauge("workstead_realtime_slow_consumers_total", "Sockets closed because they fell behind.",
        "counter", dropped_slow_.load());
  gauge("workstead_realtime_resets_total", "reset messages sent.", "counter", resets_.load());
  gauge("workstead_realtime_gap_fills_total", "Sequence gaps read back from the event log.",
        "counter", gap_fills_.load());
}

}  // namespace ws::realtime
