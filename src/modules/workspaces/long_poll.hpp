#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "bus/bus.hpp"
#include "core/executor.hpp"
#include "http/message.hpp"
#include "modules/workspaces/service.hpp"

namespace ws::workspaces {

/// GET /workspaces/{ws}/events?after=&wait=: answers at once when events
/// newer than `after` exist, else holds the request — without a thread —
/// until the first event of the workspace or until `wait` seconds pass,
/// whichever comes first, exactly once.
///
/// One bus subscription serves every held request: a waiter registers
/// (subscribes) BEFORE the database is read, so an event committed between
/// the read and the wait cannot be missed; it is unregistered when answered.
class LongPoll : public std::enable_shared_from_this<LongPoll> {
 public:
  /// At most this many events per answer; the client continues from last_seq.
  static constexpr int kMaxEvents = 200;
  static constexpr int kMaxWaitSeconds = 30;

  /// Use Make: the bus listener holds a weak pointer to this.
  static std::shared_ptr<LongPoll> Make(std::shared_ptr<Service> service, bus::Bus& bus,
                                        Executor& executor);
  ~LongPoll();
  LongPoll(const LongPoll&) = delete;
  LongPoll& operator=(const LongPoll&) = delete;

  /// Serves one request; `respond` is called exactly once, from any thread.
  /// REQUIRES: called on a worker thread (it reads the database).
  void Handle(const std::string& caller, const std::string& ws, std::optional<int64_t> after,
              int wait_seconds, http::Responder respond);

 private:
  struct Waiter;
  LongPoll(std::shared_ptr<Service> service, bus::Bus& bus, Executor& executor);

  void OnEvent(const std::shared_ptr<const bus::Event>& event);
  void Offer(const std::shared_ptr<Waiter>& waiter, const bus::Event& event);
  /// Reads the events after the waiter's `after` and answers (worker thread).
  void ReadAndAnswer(const std::shared_ptr<Waiter>& waiter);
  void Answer(const std::shared_ptr<Waiter>& waiter, Result<http::Response> response);
  void Register(const std::shared_ptr<Waiter>& waiter);
  void Unregister(const std::shared_ptr<Waiter>& waiter);

  std::shared_ptr<Service> service_;
  bus::Bus& bus_;
  Executor& executor_;
  uint64_t subscription_ = 0;
  std::mutex mutex_;
  /// Held requests by workspace id. GUARDED_BY(mutex_)
  std::unordered_map<std::string, std::vector<std::shared_ptr<Waiter>>> waiters_;
};

/// The JSON text `{"events":[…],"last_seq":N}`.
std::string EventsBody(const std::vector<bus::Event>& events, int64_t last_seq);

}  // namespace ws::workspaces
