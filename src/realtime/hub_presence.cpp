// Presence per workspace: a user is online while one of their sockets
// follows the workspace and is active, away when every such socket is away
// (told so, or no message for away_after), offline when none is left — a
// crashed client's socket goes when the heartbeat times out. Several tabs
// count once: only changes of the user's combined status are broadcast.
#include "realtime/hub_internal.hpp"

namespace ws::realtime {

namespace {

/// 0 offline, 1 away, 2 online.
int Level(const Hub::Topic::Count& count) { return count.online > 0 ? 2 : count.away > 0 ? 1 : 0; }

std::string_view LevelName(int level) {
  return level == 2 ? "online" : level == 1 ? "away" : "offline";
}

/// At most this many users in the presence snapshot a new subscriber gets.
constexpr size_t kMaxSnapshot = 1000;

}  // namespace

void Hub::PresenceJoin(Sub& sub, Topic& topic) {
  Client& client = *sub.client;
  const std::string& user = client.identity.user_id;
  Topic::Count& count = topic.presence[user];
  const int before = Level(count);
  (client.away ? count.away : count.online) += 1;
  sub.present = true;
  sub.present_away = client.away;
  const int after = Level(count);
  size_t sent = 0;
  for (const auto& [id, other] : topic.presence) {
    if (++sent > kMaxSnapshot) break;
    SendTo(client, PresenceMessage(topic.name, id, LevelName(Level(other))));
  }
  if (before != after) {
    auto message =
        std::make_shared<const std::string>(PresenceMessage(topic.name, user, LevelName(after)));
    for (const auto& other : topic.subs) {
      if (other.get() != &sub && other->state == Sub::State::kLive) SendTo(*other->client, message);
    }
  }
}

void Hub::PresenceLeave(Sub& sub, Topic& topic) {
  const std::string& user = sub.client->identity.user_id;
  sub.present = false;
  auto it = topic.presence.find(user);
  if (it == topic.presence.end()) return;
  const int before = Level(it->second);
  (sub.present_away ? it->second.away : it->second.online) -= 1;
  const int after = Level(it->second);
  if (after == 0) topic.presence.erase(it);
  Broadcast(topic, user, before, after);
}

void Hub::PresenceAway(Client& client, bool away) {
  client.away = away;
  for (const auto& sub : client.subs) {
    if (!sub->present || sub->present_away == away) continue;
    Topic* topic = FindTopic(sub->topic);
    if (topic == nullptr) continue;
    Topic::Count& count = topic->presence[client.identity.user_id];
    const int before = Level(count);
    (away ? count.online : count.away) -= 1;
    (away ? count.away : count.online) += 1;
    sub->present_away = away;
    Broadcast(*topic, client.identity.user_id, before, Level(count));
  }
}

void Hub::Broadcast(Topic& topic, const std::string& user_id, int before, int after) {
  if (before == after) return;
  auto message =
      std::make_shared<const std::string>(PresenceMessage(topic.name, user_id, LevelName(after)));
  for (const auto& sub : topic.subs) {
    if (sub->state == Sub::State::kLive) SendTo(*sub->client, message);
  }
}

}  // namespace ws::realtime
