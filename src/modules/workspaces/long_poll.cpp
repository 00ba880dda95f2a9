#include "modules/workspaces/long_poll.hpp"

#include <algorithm>
#include <chrono>

namespace ws::workspaces {

namespace {

constexpr std::string_view kJson = "application/json; charset=utf-8";

http::Response EventsResponse(const std::vector<bus::Event>& events, int64_t last_seq) {
  return http::Response::Text(EventsBody(events, last_seq), std::string(kJson));
}

}  // namespace

std::string EventsBody(const std::vector<bus::Event>& events, int64_t last_seq) {
  std::string body = "{\"events\":[";
  for (size_t i = 0; i < events.size(); ++i) {
    if (i > 0) body += ',';
    body += events[i].ToJson();
  }
  body += "],\"last_seq\":" + std::to_string(last_seq) + "}";
  return body;
}

/// One held request. `state` moves kReading → kArmed → (kBusy →) kDone, and
/// only the transition to kDone may answer, so the client gets one answer.
struct LongPoll::Waiter {
  enum class State { kReading, kArmed, kBusy, kDone };

  Waiter(std::string c, std::string w, http::Responder r)
      : caller(std::move(c)), workspace_id(std::move(w)), respond(std::move(r)) {}

  /// Moves to kDone from `from` (or from any unfinished state when nullopt).
  bool Claim(std::optional<State> from) {
    std::lock_guard lock(mutex);
    if (state == State::kDone || (from && state != *from)) return false;
    state = State::kDone;
    return true;
  }

  const std::string caller;
  const std::string workspace_id;
  const http::Responder respond;
  std::mutex mutex;
  State state = State::kReading;  // GUARDED_BY(mutex)
  int64_t after = 0;              // GUARDED_BY(mutex); set when armed
  int64_t max_seen = 0;           // GUARDED_BY(mutex); events seen while reading
};

std::shared_ptr<LongPoll> LongPoll::Make(std::shared_ptr<Service> service, bus::Bus& bus,
                                         Executor& executor) {
  std::shared_ptr<LongPoll> poll(new LongPoll(std::move(service), bus, executor));
  std::weak_ptr<LongPoll> weak = poll;
  poll->subscription_ = bus.Subscribe([weak](const std::shared_ptr<const bus::Event>& event) {
    if (auto self = weak.lock()) self->OnEvent(event);
  });
  return poll;
}

LongPoll::LongPoll(std::shared_ptr<Service> service, bus::Bus& bus, Executor& executor)
    : service_(std::move(service)), bus_(bus), executor_(executor) {}

LongPoll::~LongPoll() { bus_.Unsubscribe(subscription_); }

void LongPoll::Handle(const std::string& caller, const std::string& ws,
                      std::optional<int64_t> after, int wait_seconds, http::Responder respond) {
  if (wait_seconds <= 0) {
    Result<EventsRead> read = service_->ReadEvents(caller, ws, after, kMaxEvents);
    if (!read) return respond(std::move(read).error());
    return respond(EventsResponse(read->events, read->last_seq));
  }
  Result<std::string> workspace_id = service_->Resolve(ws);
  if (!workspace_id) return respond(std::move(workspace_id).error());
  auto waiter = std::make_shared<Waiter>(caller, *workspace_id, std::move(respond));
  // Subscribe first, then read: an event committed after the read is
  // delivered to the waiter, one committed before is in the read.
  Register(waiter);
  Result<EventsRead> read = service_->ReadEvents(caller, *workspace_id, after, kMaxEvents);
  if (!read || !read->events.empty()) {
    if (!read) return Answer(waiter, std::move(read).error());
    return Answer(waiter, EventsResponse(read->events, read->last_seq));
  }
  bool missed = false;
  {
    std::lock_guard lock(waiter->mutex);
    waiter->after = read->last_seq;
    missed = waiter->max_seen > waiter->after;
    waiter->state = missed ? Waiter::State::kBusy : Waiter::State::kArmed;
  }
  if (missed) return ReadAndAnswer(waiter);
  std::weak_ptr<LongPoll> weak = weak_from_this();
  executor_.After(std::chrono::seconds(wait_seconds), [weak, waiter] {
    if (!waiter->Claim(Waiter::State::kArmed)) return;  // answered by an event
    int64_t after_seq;
    {
      std::lock_guard lock(waiter->mutex);
      after_seq = waiter->after;
    }
    if (auto self = weak.lock()) self->Unregister(waiter);
    waiter->respond(EventsResponse({}, after_seq));
  });
}

void LongPoll::OnEvent(const std::shared_ptr<const bus::Event>& event) {
  std::vector<std::shared_ptr<Waiter>> targets;
  {
    std::lock_guard lock(mutex_);
    auto it = waiters_.find(event->workspace_id);
    if (it == waiters_.end()) return;
    targets = it->second;
  }
  for (const auto& waiter : targets) Offer(waiter, *event);
}

void LongPoll::Offer(const std::shared_ptr<Waiter>& waiter, const bus::Event& event) {
  bool next_in_order = false;
  {
    std::lock_guard lock(waiter->mutex);
    if (waiter->state == Waiter::State::kReading) {
      waiter->max_seen = std::max(waiter->max_seen, event.seq);
      return;
    }
    if (waiter->state != Waiter::State::kArmed || event.seq <= waiter->after) return;
    // An event the filter may hide from this caller goes through the read
    // below, which decides (and still advances last_seq past it).
    next_in_order = event.seq == waiter->after + 1 && !service_->MayHide(event);
    waiter->state = next_in_order ? Waiter::State::kDone : Waiter::State::kBusy;
  }
  if (next_in_order) {
    // Seqs have no gaps: the next one is all the client lacks, no read needed.
    Unregister(waiter);
    waiter->respond(EventsResponse({event}, event.seq));
    return;
  }
  // An earlier event may still be on its way through the bus: read the log
  // so that none is skipped.
  std::weak_ptr<LongPoll> weak = weak_from_this();
  executor_.Post([weak, waiter] {
    if (auto self = weak.lock()) self->ReadAndAnswer(waiter);
  });
}

void LongPoll::ReadAndAnswer(const std::shared_ptr<Waiter>& waiter) {
  int64_t after;
  {
    std::lock_guard lock(waiter->mutex);
    after = waiter->after;
  }
  Result<EventsRead> read =
      service_->ReadEvents(waiter->caller, waiter->workspace_id, after, kMaxEvents);
  if (!read) return Answer(waiter, std::move(read).error());
  Answer(waiter, EventsResponse(read->events, read->last_seq));
}

void LongPoll::Answer(const std::shared_ptr<Waiter>& waiter, Result<http::Response> response) {
  if (!waiter->Claim(std::nullopt)) return;
  Unregister(waiter);
  waiter->respond(std::move(response));
}

void LongPoll::Register(const std::shared_ptr<Waiter>& waiter) {
  std::lock_guard lock(mutex_);
  waiters_[waiter->workspace_id].push_back(waiter);
}

void LongPoll::Unregister(const std::shared_ptr<Waiter>& waiter) {
  std::lock_guard lock(mutex_);
  auto it = waiters_.find(waiter->workspace_id);
  if (it == waiters_.end()) return;
  auto& list = it->second;
  auto found = std::find(list.begin(), list.end(), waiter);
  if (found == list.end()) return;
  list.erase(found);
  if (list.empty()) waiters_.erase(it);
}

}  // namespace ws::workspaces
