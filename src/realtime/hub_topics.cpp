// Subscriptions: permission check, replay from the events table, the
// switch to live delivery, fan-out, gap filling, access loss and typing.
//
// Exactly once and in order: a topic releases live events strictly in seq
// order (Sequencer). A new subscription first replays from the table on a
// worker while live events are not sent to it; it turns live only once the
// topic's released position is at or below what it has sent, and from then
// on it skips every seq it has already sent. So nothing is sent twice and
// nothing between the replay and the live stream is missed.
#include "core/log.hpp"
#include "realtime/hub_internal.hpp"

namespace ws::realtime {

namespace {

bool RemovesAccess(const bus::Event& event) {
  return event.type == "member.removed" || event.type == "member.left" ||
         event.type == "workspace.deleted";
}

}  // namespace

Hub::Topic* Hub::FindTopic(const std::string& name) {
  auto it = topics_.find(name);
  return it == topics_.end() ? nullptr : it->second.get();
}

void Hub::Subscribe(const ClientPtr& client, const std::string& text,
                    std::optional<int64_t> after) {
  Result<TopicName> name = ParseTopic(text);
  Lock lock(mutex_);
  if (client->state != Client::State::kReady || client->closing) return;
  if (!name) {
    SendTo(*client, ErrorMessage("bad_request", name.error().message, text));
    return;
  }
  if (client->subs.size() >= options_.max_subscriptions) {
    SendTo(*client, ErrorMessage("bad_request", "too many subscriptions", text));
    return;
  }
  const std::string canonical = name->Text();
  for (const auto& sub : client->subs) {
    if (sub->requested == text || sub->topic == canonical) {
      SendTo(*client, ErrorMessage("bad_request", "already subscribed", text));
      return;
    }
  }
  auto sub = std::make_shared<Sub>();
  sub->client = client.get();
  sub->requested = text;
  sub->name = std::move(name).value();
  sub->after = after;
  client->subs.push_back(sub);
  const uint64_t generation = access_generation_;
  lock.unlock();
  deps_.executor.Post(
      [self = shared_from_this(), sub, generation] { self->Check(sub, generation); });
}

void Hub::Check(const SubPtr& sub, uint64_t generation) {
  std::string user_id;
  TopicName name;
  {
    Lock lock(mutex_);
    if (sub->state != Sub::State::kChecking) return;
    user_id = sub->client->identity.user_id;
    name = sub->name;
  }
  Result<std::string> id = AppError::NotFound("no such topic");
  try {
    switch (name.kind) {
      case TopicKind::kUser:
        if (name.id == user_id) id = name.id;
        break;
      case TopicKind::kWorkspace:
        id = deps_.workspace_access(user_id, name.id);
        break;
      case TopicKind::kConversation:
        if (deps_.conversation_access) {
          Status allowed = deps_.conversation_access(user_id, name.id);
          if (allowed) {
            id = name.id;
          } else {
            id = std::move(allowed).error();
          }
        }
        break;
    }
  } catch (const std::exception& e) {
    id = AppError::Internal(e.what());
  }
  Lock lock(mutex_);
  if (sub->state != Sub::State::kChecking) return;
  if (access_generation_ != generation) {
    // Access changed while we looked (a removal): look again.
    const uint64_t now = access_generation_;
    lock.unlock();
    deps_.executor.Post([self = shared_from_this(), sub, now] { self->Check(sub, now); });
    return;
  }
  if (!id) {
    const ErrorCode code = id.error().code;
    if (code == ErrorCode::kInternal) {
      log::Error("websocket subscribe failed", {{"detail", id.error().detail}});
    }
    const bool known = code == ErrorCode::kNotFound || code == ErrorCode::kForbidden;
    End(sub, known ? ErrorCodeName(code) : "internal",
        known ? id.error().message : "cannot subscribe now");
    return;
  }
  const std::string canonical = TopicName{name.kind, *id}.Text();
  for (const auto& other : sub->client->subs) {
    if (other != sub && other->topic == canonical) {
      End(sub, "bad_request", "already subscribed");
      return;
    }
  }
  sub->name.id = *id;
  Attach(sub, canonical);
  Topic& topic = *FindTopic(canonical);
  if (name.kind != TopicKind::kWorkspace) {
    GoLive(*sub, topic);
    return;
  }
  sub->state = Sub::State::kCatchingUp;
  lock.unlock();
  CatchUp(sub);
}

void Hub::Attach(const SubPtr& sub, const std::string& canonical) {
  auto& slot = topics_[canonical];
  if (!slot) {
    slot = std::make_unique<Topic>();
    slot->name = canonical;
    slot->parsed = sub->name;
  }
  sub->topic = canonical;
  slot->subs.push_back(sub);
}

void Hub::CatchUp(const SubPtr& sub) {
  std::string workspace_id;
  int64_t cursor = 0;
  bool first = false;
  std::optional<int64_t> after;
  {
    Lock lock(mutex_);
    if (sub->state != Sub::State::kCatchingUp) return;
    workspace_id = sub->name.id;
    cursor = sub->cursor;
    first = !sub->replay_started;
    after = sub->after;
  }
  int64_t last = 0;
  bool reset = false;
  std::vector<bus::Event> events;
  Status read = deps_.db.Read([&](db::Conn& c) -> Status {
    WS_ASSIGN(last, bus::LastSeq(c, workspace_id));
    if (first) {
      if (!after) return {};
      if (*after > last || last - *after > options_.max_replay) {
        reset = true;
        return {};
      }
      cursor = *after;
    }
    WS_ASSIGN(events, bus::ReadAfter(c, workspace_id, cursor, kReplayBatch));
    return {};
  });
  if (read && deps_.prepare) {
    for (const auto& event : events) deps_.prepare(event);
  }
  Lock lock(mutex_);
  if (sub->state != Sub::State::kCatchingUp) return;
  if (!read) {
    log::Error("websocket replay failed", {{"detail", read.error().detail}});
    End(sub, "internal", "cannot read the event log now");
    return;
  }
  Topic& topic = *FindTopic(sub->topic);
  if (!topic.sequencer.started()) {
    std::vector<Sequencer::EventPtr> released;
    topic.sequencer.Start(last, released);
    Deliver(topic, released);
    if (topic.sequencer.Gap()) ScheduleGapFill(topic);
  }
  if (first) {
    sub->replay_started = true;
    sub->cursor = after && !reset ? *after : last;
    if (reset) {
      ++resets_;
      SendTo(*sub->client, ResetMessage(topic.name));
    }
  }
  for (const auto& event : events) {
    if (event.seq <= sub->cursor) continue;
    sub->cursor = event.seq;
    if (deps_.visible && !deps_.visible(sub->client->identity.user_id, event)) continue;
    SendTo(*sub->client, EventMessage(topic.name, event.ToJson()));
  }
  if (sub->client->closing) return;
  if (events.size() < static_cast<size_t>(kReplayBatch) &&
      topic.sequencer.position() <= sub->cursor) {
    GoLive(*sub, topic);
    return;
  }
  ContinueCatchUp(sub);
}

void Hub::ContinueCatchUp(const SubPtr& sub) {
  auto peer = sub->client->peer.lock();
  std::weak_ptr<Hub> weak = weak_from_this();
  auto next = [weak, sub] {
    if (auto hub = weak.lock()) hub->CatchUp(sub);
  };
  // Flow control: let the socket drain before reading the next batch, so a
  // replay never fills the send queue by itself.
  if (peer && peer->queued_bytes() > options_.send_queue_bytes / 4) {
    deps_.executor.After(std::chrono::milliseconds(10), [this, weak, next] {
      if (auto hub = weak.lock()) deps_.executor.Post(next);
    });
  } else {
    deps_.executor.Post(next);
  }
}

void Hub::GoLive(Sub& sub, Topic& topic) {
  sub.state = Sub::State::kLive;
  const bool sequenced = topic.parsed.kind == TopicKind::kWorkspace;
  SendTo(*sub.client, SubscribedMessage(topic.name, sequenced ? std::optional<int64_t>(sub.cursor)
                                                              : std::nullopt));
  if (sequenced) PresenceJoin(sub, topic);
}

void Hub::End(const SubPtr& sub, std::string_view code, std::string_view message) {
  if (sub->state == Sub::State::kEnded) return;
  sub->state = Sub::State::kEnded;
  Client& client = *sub->client;
  if (!code.empty()) SendTo(client, ErrorMessage(code, message, sub->requested));
  std::erase(client.subs, sub);
  if (sub->topic.empty()) return;
  auto it = topics_.find(sub->topic);
  if (it == topics_.end()) return;
  Topic& topic = *it->second;
  std::erase(topic.subs, sub);
  if (sub->present) PresenceLeave(*sub, topic);
  if (topic.subs.empty()) topics_.erase(it);
}

void Hub::Unsubscribe(Client& client, const std::string& text) {
  for (const auto& sub : client.subs) {
    if (sub->requested == text || sub->topic == text) {
      End(SubPtr(sub), {}, {});
      return;
    }
  }
  SendTo(client, ErrorMessage("bad_request", "not subscribed", text));
}

void Hub::OnEvent(const std::shared_ptr<const bus::Event>& event) {
  // Called by the bus on the committing thread, which for SQLite is the
  // single writer: fanning out there held every later commit (and the
  // answer to this one) behind 1,000 sends. Hand the event to one worker
  // at a time instead; publication order is kept. Only a (rare) loss of
  // access is acted on here, at once, as before: no replay step or
  // subscription check may slip past it while the event waits.
  if (RemovesAccess(*event)) {
    Lock lock(mutex_);
    EndAccessOf(*event);
  }
  {
    std::lock_guard lock(inbox_mutex_);
    inbox_.push_back(event);
    if (draining_) return;
    draining_ = true;
  }
  std::weak_ptr<Hub> weak = weak_from_this();
  deps_.executor.Post([weak] {
    if (auto hub = weak.lock()) hub->DrainInbox();
  });
}

void Hub::DrainInbox() {
  std::vector<std::shared_ptr<const bus::Event>> events;
  for (;;) {
    {
      std::lock_guard lock(inbox_mutex_);
      events.clear();
      events.swap(inbox_);
      if (events.empty()) {
        draining_ = false;
        return;
      }
    }
    if (deps_.prepare) {
      for (const auto& event : events) deps_.prepare(*event);
    }
    Lock lock(mutex_);
    for (const auto& event : events) Dispatch(event);
  }
}

void Hub::EndAccessOf(const bus::Event& event) {
  // Acted on at arrival, not in seq order: access ends at once.
  ++access_generation_;
  Topic* topic = FindTopic("workspace:" + event.workspace_id);
  if (topic == nullptr) return;
  const bool all = event.type == "workspace.deleted";
  std::vector<SubPtr> ending;
  for (const auto& sub : topic->subs) {
    if (all || sub->client->identity.user_id == event.entity_id) ending.push_back(sub);
  }
  for (const auto& sub : ending) {
    End(sub, "not_found",
        all ? "the workspace was deleted" : "no longer a member of the workspace");
  }
}

void Hub::Dispatch(const std::shared_ptr<const bus::Event>& event) {
  Topic* topic = FindTopic("workspace:" + event->workspace_id);
  if (topic == nullptr) return;
  std::vector<Sequencer::EventPtr> released;
  topic->sequencer.Offer(event, released);
  Deliver(*topic, released);
  if (topic->sequencer.Gap()) ScheduleGapFill(*topic);
}

void Hub::Deliver(Topic& topic, const std::vector<Sequencer::EventPtr>& events) {
  for (const auto& event : events) {
    // One serialisation per event and topic, shared by every recipient.
    auto message = std::make_shared<const std::string>(EventMessage(topic.name, event->ToJson()));
    for (const auto& sub : topic.subs) {
      if (sub->state != Sub::State::kLive || event->seq <= sub->cursor) continue;
      sub->cursor = event->seq;
      if (deps_.visible && !deps_.visible(sub->client->identity.user_id, *event)) continue;
      SendTo(*sub->client, message);
    }
  }
}

void Hub::ScheduleGapFill(Topic& topic) {
  if (topic.gap_scheduled) return;
  topic.gap_scheduled = true;
  std::weak_ptr<Hub> weak = weak_from_this();
  deps_.executor.After(std::chrono::milliseconds(options_.gap_timeout_ms),
                       [this, weak, name = topic.name] {
                         if (auto hub = weak.lock()) {
                           deps_.executor.Post([hub, name] { hub->FillGap(name); });
                         }
                       });
}

void Hub::FillGap(const std::string& name) {
  std::pair<int64_t, int64_t> gap;
  std::string workspace_id;
  {
    Lock lock(mutex_);
    Topic* topic = FindTopic(name);
    if (topic == nullptr) return;
    auto found = topic->sequencer.Gap();
    if (!found) {
      topic->gap_scheduled = false;
      return;
    }
    gap = *found;
    workspace_id = topic->parsed.id;
  }
  ++gap_fills_;
  Result<std::vector<bus::Event>> read =
      deps_.db.ReadValue<std::vector<bus::Event>>([&](db::Conn& c) {
        return bus::ReadAfter(c, workspace_id, gap.first - 1,
                              static_cast<int>(gap.second - gap.first + 1));
      });
  if (read && deps_.prepare) {
    for (const auto& event : *read) deps_.prepare(event);
  }
  Lock lock(mutex_);
  Topic* topic = FindTopic(name);
  if (topic == nullptr) return;
  topic->gap_scheduled = false;
  std::vector<Sequencer::EventPtr> released;
  if (read) {
    for (auto& event : *read) {
      topic->sequencer.Offer(std::make_shared<const bus::Event>(std::move(event)), released);
    }
    // Committed events are in the log before a later seq is published; what
    // is still missing is gone (a deleted log): skip it rather than stall.
    if (auto still = topic->sequencer.Gap(); still && still->first == gap.first) {
      topic->sequencer.SkipTo(gap.second, released);
    }
  } else {
    log::Warn("websocket gap fill failed", {{"detail", read.error().detail}});
  }
  Deliver(*topic, released);
  if (topic->sequencer.Gap()) ScheduleGapFill(*topic);
}

void Hub::Typing(Client& client, const std::string& text) {
  for (const auto& sub : client.subs) {
    if ((sub->requested != text && sub->topic != text) || sub->state != Sub::State::kLive) continue;
    if (sub->name.kind != TopicKind::kConversation) break;
    const int64_t now = SteadyMs();
    if (sub->typing_at != 0 && now - sub->typing_at < options_.typing_interval_ms) return;
    sub->typing_at = now;
    Topic* topic = FindTopic(sub->topic);
    if (topic == nullptr) return;
    auto message =
        std::make_shared<const std::string>(TypingMessage(topic->name, client.identity.user_id));
    for (const auto& other : topic->subs) {
      if (other->state == Sub::State::kLive &&
          other->client->identity.user_id != client.identity.user_id) {
        SendTo(*other->client, message);
      }
    }
    return;
  }
  SendTo(client, ErrorMessage("bad_request", "typing needs a subscribed conversation topic", text));
}

}  // namespace ws::realtime
