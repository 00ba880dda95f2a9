#pragma once

// The WebSocket hub (DESIGN §6): clients, topics, replay-then-live
// delivery, presence and typing. Beast-free: the socket side lives in
// realtime/connection.cpp and talks to the hub through Peer. The hub never
// includes a module; the app injects what it needs (Deps).
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "bus/bus.hpp"
#include "core/executor.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "realtime/protocol.hpp"
#include "realtime/sequencer.hpp"

namespace ws::realtime {

/// Limits and timeouts (config `realtime_*` settings, README).
struct Options {
  std::string public_url;  // the Origin a browser must send
  int auth_timeout_ms = 10000;
  int heartbeat_timeout_ms = 60000;  // a ping at half of it, closed at all of it
  int max_replay = 1000;             // a longer gap answers `reset`
  size_t send_queue_bytes = 1 << 20;
  size_t send_queue_messages = 4096;
  int max_per_user = 50;
  int max_per_ip = 1000;
  int messages_per_second = 20;  // per socket; bursts of twice as many
  int away_after_ms = 5 * 60 * 1000;
  int gap_timeout_ms = 500;  // a seq missing from the bus this long is read from the log
  size_t max_message_bytes = 64 * 1024;
  int typing_interval_ms = 2000;
  size_t max_subscriptions = 100;  // per socket
  int sweep_interval_ms = 250;
};

/// Who a socket authenticated as.
struct Identity {
  std::string user_id;
  std::string session_id;  // set for access tokens
  std::string token_id;    // set for personal API tokens
  bool is_instance_admin = false;
};

/// A committed revocation (auth::Service's access listener, mapped by the app).
struct AccessEnded {
  std::string user_id;
  std::string session_id;         // this session ended
  std::string token_id;           // this API token was deleted
  bool all_sessions = false;      // every session of the user, but `except_session_id`
  std::string except_session_id;  //
  bool deactivated = false;       // every credential of the user
};

/// What the hub needs from the modules, injected by the app.
struct Deps {
  bus::Bus& bus;
  db::Database& db;
  Executor& executor;
  /// A bearer credential to the user it stands for (worker thread).
  std::function<Result<Identity>(std::string_view credential)> authenticate;
  /// The canonical workspace id `workspace` (id or slug) names when the user
  /// is a member; 404/403 errors otherwise (worker thread).
  std::function<Result<std::string>(const std::string& user_id, const std::string& workspace)>
      workspace_access;
  /// Ok when the user may follow the conversation; empty: every
  /// conversation is not_found (chat provides it later).
  std::function<Status(const std::string& user_id, const std::string& conversation_id)>
      conversation_access;
  /// Extension point for per-recipient filtering (private projects): false
  /// hides `event` from `user_id`. Runs under the hub's lock for every
  /// recipient, so it must answer from memory. Empty: every member sees all.
  std::function<bool(const std::string& user_id, const bus::Event& event)> visible;
  /// Optional: runs off the hub's lock on a worker before `visible` is asked
  /// about `event` (live events in publication order, replayed ones per
  /// step), so that what `visible` needs is loaded there and not while the
  /// lock is held.
  std::function<void(const bus::Event& event)> prepare = {};
};

/// One socket as the hub sees it; implemented by the WebSocket connection.
/// Every method is thread-safe and never calls back into the hub.
class Peer {
 public:
  using Message = std::shared_ptr<const std::string>;
  virtual ~Peer() = default;
  /// Queues a text frame; false when the send queue is over its limits
  /// (nothing is queued: the hub then resets and closes the socket).
  virtual bool Send(Message message) = 0;
  /// Drops what is queued, sends `last`, then closes with `code`.
  virtual void Close(std::vector<Message> last, uint16_t code, std::string reason) = 0;
  /// Bytes queued and not yet written.
  virtual size_t queued_bytes() const = 0;
};

/// WebSocket close codes the hub uses (RFC 6455 §7.4.1).
inline constexpr uint16_t kCloseGoingAway = 1001;
inline constexpr uint16_t kClosePolicy = 1008;
inline constexpr uint16_t kCloseTryAgainLater = 1013;

class Hub : public std::enable_shared_from_this<Hub> {
 public:
  struct Client;
  using ClientPtr = std::shared_ptr<Client>;
  // Private to the hub's .cpp files (hub_internal.hpp).
  struct Sub;
  struct Topic;

  static std::shared_ptr<Hub> Make(Options options, Deps deps);
  ~Hub();
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  const Options& options() const { return options_; }

  /// True when a browser `Origin` (may be empty: not a browser) may connect.
  bool OriginAllowed(std::string_view origin) const;
  /// Registers a new socket before its handshake; an error (per-IP cap,
  /// shutting down) refuses it. A `Bearer` authorization header
  /// authenticates at once instead of the first message.
  Result<ClientPtr> Open(std::weak_ptr<Peer> peer, const std::string& ip,
                         std::string_view authorization);
  /// One text frame from the client (serialised per client by the caller).
  void OnMessage(const ClientPtr& client, std::string_view text);
  /// The socket is gone (any reason); called once.
  void OnClose(const ClientPtr& client);

  /// Closes the sockets of a revoked session or token, or of a deactivated
  /// user (within the call).
  void EndAccess(const AccessEnded& ended);
  /// Sends a live-only message to the subscribers of `user:<id>`
  /// (notifications; not replayed).
  void PublishToUser(const std::string& user_id, std::string json);
  /// Closes every socket with 1001 and takes no more.
  void Shutdown();

  /// GET /api/v1/ws without an upgrade: 400 (the upgrade itself never
  /// reaches the router).
  void AddRoutes(http::Router& router);
  /// Prometheus text of the hub's gauges and counters.
  void RenderMetrics(std::string& out) const;

  // For tests and the bench.
  size_t client_count() const;

 private:
  using SubPtr = std::shared_ptr<Sub>;
  using Lock = std::unique_lock<std::mutex>;

  Hub(Options options, Deps deps);
  void Begin();

  // hub.cpp: clients and messages
  void Authenticate(const ClientPtr& client, std::string credential, int attempt);
  void Refuse(Client& client, std::string_view code, std::string_view message, uint16_t close,
              std::string reason);
  bool Admit(Client& client, int64_t now);  // REQUIRES: mutex_ held; rate limit
  void Sweep();
  void SendTo(Client& client, std::string text);        // REQUIRES: mutex_ held
  void SendTo(Client& client, const Peer::Message& m);  // REQUIRES: mutex_ held
  void Overflow(Client& client);                        // REQUIRES: mutex_ held
  void Detach(Client& client);                          // REQUIRES: mutex_ held

  // hub_topics.cpp: subscriptions, replay, fan-out
  void Subscribe(const ClientPtr& client, const std::string& topic, std::optional<int64_t> after);
  void Unsubscribe(Client& client, const std::string& topic);    // REQUIRES: mutex_ held
  void Check(const SubPtr& sub, uint64_t generation);            // worker thread
  void Attach(const SubPtr& sub, const std::string& canonical);  // REQUIRES: mutex_ held
  void CatchUp(const SubPtr& sub);                               // worker thread
  void ContinueCatchUp(const SubPtr& sub);                       // REQUIRES: mutex_ held
  void GoLive(Sub& sub, Topic& topic);                           // REQUIRES: mutex_ held
  void End(const SubPtr& sub, std::string_view code,
           std::string_view message);                             // REQUIRES: mutex_ held
  void OnEvent(const std::shared_ptr<const bus::Event>& event);   // the publishing thread
  void DrainInbox();                                              // worker thread
  void Dispatch(const std::shared_ptr<const bus::Event>& event);  // REQUIRES: mutex_ held
  void EndAccessOf(const bus::Event& event);                      // REQUIRES: mutex_ held
  void Deliver(Topic& topic,
               const std::vector<Sequencer::EventPtr>& events);  // REQUIRES: mutex_ held
  void ScheduleGapFill(Topic& topic);                            // REQUIRES: mutex_ held
  void FillGap(const std::string& topic_name);                   // worker thread
  Topic* FindTopic(const std::string& name);                     // REQUIRES: mutex_ held
  void Typing(Client& client, const std::string& topic);         // REQUIRES: mutex_ held

  // hub_presence.cpp
  void PresenceJoin(Sub& sub, Topic& topic);     // REQUIRES: mutex_ held
  void PresenceLeave(Sub& sub, Topic& topic);    // REQUIRES: mutex_ held
  void PresenceAway(Client& client, bool away);  // REQUIRES: mutex_ held
  void Broadcast(Topic& topic, const std::string& user_id, int before, int after);

  const Options options_;
  Deps deps_;
  uint64_t bus_subscription_ = 0;

  mutable std::mutex mutex_;
  bool stopping_ = false;                                           // GUARDED_BY(mutex_)
  uint64_t access_generation_ = 0;                                  // GUARDED_BY(mutex_)
  std::unordered_set<Client*> clients_;                             // GUARDED_BY(mutex_)
  std::unordered_map<std::string, int> per_ip_;                     // GUARDED_BY(mutex_)
  std::unordered_map<std::string, std::vector<Client*>> by_user_;   // GUARDED_BY(mutex_)
  std::unordered_map<std::string, std::unique_ptr<Topic>> topics_;  // GUARDED_BY(mutex_)

  // Events from the bus wait here for one worker to fan them out, in the
  // order they were published: the publishing thread (SQLite's single
  // writer) never waits for a fan-out.
  std::mutex inbox_mutex_;
  std::vector<std::shared_ptr<const bus::Event>> inbox_;  // GUARDED_BY(inbox_mutex_)
  bool draining_ = false;                                 // GUARDED_BY(inbox_mutex_)

  std::atomic<uint64_t> sent_{0};
  std::atomic<uint64_t> dropped_slow_{0};
  std::atomic<uint64_t> resets_{0};
  std::atomic<uint64_t> gap_fills_{0};
};

/// The hub's state of one socket (opaque outside the hub).
struct Hub::Client {
  enum class State { kAwaitingAuth, kAuthenticating, kReady, kClosed };
  std::weak_ptr<Peer> peer;
  std::string ip;
  State state = State::kAwaitingAuth;
  Identity identity;
  int64_t opened_at = 0;
  int64_t last_active = 0;  // last client message (away detection)
  bool away_explicit = false;
  bool away = false;
  bool closing = false;  // reset or refused: no more sends
  double tokens = 0;     // rate limit bucket
  int64_t refilled_at = 0;
  int dropped = 0;  // messages dropped by the rate limit since it last allowed one
  std::vector<SubPtr> subs;
};

}  // namespace ws::realtime
