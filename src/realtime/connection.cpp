// One WebSocket connection: Beast's websocket stream over the socket the
// HTTP server handed over, on that socket's strand. It only moves bytes:
// every rule lives in the hub. Kept small for 10,000 idle sockets: no
// permessage-deflate (no zlib state, no write buffer), the stream's own
// timer is the only timer (handshake, close and heartbeat pings), the read
// buffer is released after large messages, and the send queue is a vector
// that allocates only while messages wait. Frames written while a send() is
// in flight are gathered into the next one (CoalescingSocket).
#include "realtime/connection.hpp"

#include <boost/asio/async_result.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <functional>
#include <mutex>
#include <optional>
#include <string_view>

#include "core/log.hpp"
#include "http/upgrade.hpp"

namespace ws::realtime {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

/// A move-only completion handler of `Args...` kept for later (a Beast
/// operation waiting for room or for the gathered bytes to go out). It is
/// invoked from a handler posted to the connection's strand, the executor
/// every one of these operations runs on.
template <class... Args>
class Later {
 public:
  Later() = default;
  template <class Handler>
  explicit Later(Handler handler) : impl_(std::make_unique<Impl<Handler>>(std::move(handler))) {}
  explicit operator bool() const { return impl_ != nullptr; }
  void operator()(Args... args) && {
    std::unique_ptr<Base> impl = std::move(impl_);
    impl->Call(std::move(args)...);
  }

 private:
  struct Base {
    virtual ~Base() = default;
    virtual void Call(Args... args) = 0;
  };
  template <class Handler>
  struct Impl final : Base {
    explicit Impl(Handler h) : handler(std::move(h)) {}
    void Call(Args... args) override { std::move(handler)(std::move(args)...); }
    Handler handler;
  };
  std::unique_ptr<Base> impl_;
};

/// Bytes gathered for the next send() before a frame write waits for the
/// send in flight (so a slow reader still backs up the connection's queue).
inline constexpr size_t kCoalesceBytes = 64 * 1024;

/// The socket under Beast's websocket stream. Reads pass through. Writes
/// are gathered into `pending_`: the connection appends its data frames
/// itself (AppendText; Beast's write path costs one composed operation, one
/// send() and one TCP segment per message, at 100,000 messages a second
/// most of the hub's CPU), and Beast's own frames (handshake answer, ping,
/// pong, close) are copied in whole by async_write_some, which completes at
/// once. One send() carries everything gathered while the previous one was
/// in flight. Both buffers are freed when the socket goes quiet: an idle
/// socket holds none. Only used on the connection's strand.
class CoalescingSocket {
 public:
  using executor_type = tcp::socket::executor_type;
  using next_layer_type = tcp::socket;

  explicit CoalescingSocket(tcp::socket socket) : socket_(std::move(socket)) {}

  /// Who keeps this alive while a send() is in flight (the connection).
  void set_owner(std::weak_ptr<void> owner) { owner_ = std::move(owner); }

  executor_type get_executor() noexcept { return socket_.get_executor(); }
  tcp::socket& next_layer() { return socket_; }
  const tcp::socket& next_layer() const { return socket_; }

  template <class MutableBuffers, class Handler>
  auto async_read_some(const MutableBuffers& buffers, Handler&& handler) {
    return socket_.async_read_some(buffers, std::forward<Handler>(handler));
  }

  template <class ConstBuffers, class Handler>
  auto async_write_some(const ConstBuffers& buffers, Handler&& handler) {
    return asio::async_initiate<Handler, void(beast::error_code, size_t)>(
        [this](auto done, const ConstBuffers& data) { Write(data, std::move(done)); }, handler,
        buffers);
  }

  /// Appends one unfragmented, unmasked text frame (RFC 6455 §5.2; no
  /// extension is negotiated) for the next send(). Beast's own frames reach
  /// the buffer whole (one async_write_some each), so frames never
  /// interleave. Call only while the websocket is open.
  void AppendText(std::string_view payload) {
    if (error_) return;  // the connection learns of it from its read
    char header[10];
    pending_.append(header, TextFrameHeader(payload.size(), header));
    pending_.append(payload);
  }

  /// Room for more frames: below kCoalesceBytes gathered.
  bool has_room() const { return pending_.size() < kCoalesceBytes; }

  /// Starts a send() of what is gathered unless one is in flight (then what
  /// is gathered goes when it completes).
  void Flush() {
    if (!sending_ && !pending_.empty()) Send();
  }

  /// Calls `fn` once a completed send leaves room (or fails). Only while
  /// !has_room(), i.e. while a send is in flight.
  void WhenRoom(std::function<void()> fn) { on_room_ = std::move(fn); }

  /// Calls `done` once everything gathered has been sent (or sending failed).
  template <class Handler>
  void AsyncDrain(Handler done) {
    if (!sending_) {
      asio::post(socket_.get_executor(), beast::bind_handler(std::move(done), error_));
      return;
    }
    drained_ = Later<beast::error_code>(std::move(done));
  }

 private:
  template <class ConstBuffers, class Handler>
  void Write(const ConstBuffers& data, Handler done) {
    if (error_) {
      asio::post(socket_.get_executor(), beast::bind_handler(std::move(done), error_, 0));
      return;
    }
    const size_t n = asio::buffer_size(data);
    const size_t at = pending_.size();
    pending_.resize(at + n);
    asio::buffer_copy(asio::buffer(pending_.data() + at, n), data);
    if (!sending_) Send();
    if (pending_.size() > kCoalesceBytes) {
      // Enough gathered (a peer that sends pings and reads no pongs): this
      // write completes when the send in flight does.
      waiting_ = Later<beast::error_code, size_t>(std::move(done));
      waiting_bytes_ = n;
      return;
    }
    asio::post(socket_.get_executor(),
               beast::bind_handler(std::move(done), beast::error_code{}, n));
  }

  void Send() {
    sending_ = true;
    inflight_.swap(pending_);
    asio::async_write(socket_, asio::buffer(inflight_),
                      [this, keep = owner_.lock()](beast::error_code ec, size_t) {
                        if (keep) OnSent(ec);
                      });
  }

  void OnSent(beast::error_code ec) {
    inflight_.clear();
    if (ec) {
      error_ = ec;
      pending_.clear();
    }
    if (!ec && !pending_.empty()) {
      Send();
    } else {
      sending_ = false;
      std::string().swap(pending_);
      std::string().swap(inflight_);
    }
    if (waiting_) {
      asio::post(socket_.get_executor(),
                 [done = std::move(waiting_), ec = error_,
                  n = error_ ? 0 : waiting_bytes_]() mutable { std::move(done)(ec, n); });
    }
    if (on_room_ && (error_ || has_room())) {
      auto fn = std::move(on_room_);
      on_room_ = nullptr;
      fn();
    }
    if (drained_ && !sending_) {
      asio::post(socket_.get_executor(),
                 [done = std::move(drained_), ec = error_]() mutable { std::move(done)(ec); });
    }
  }

  tcp::socket socket_;
  std::weak_ptr<void> owner_;
  std::string pending_;   // gathered, not yet handed to send()
  std::string inflight_;  // being sent
  bool sending_ = false;
  beast::error_code error_;                   // a failed send: every later write fails with it
  Later<beast::error_code, size_t> waiting_;  // a Beast write waiting for room
  size_t waiting_bytes_ = 0;
  Later<beast::error_code> drained_;  // the teardown waiting for the last send
  std::function<void()> on_room_;     // the connection's writer waits for room
};

/// Beast's closing handshake: send what is gathered, then the TCP teardown.
template <class Handler>
void async_teardown(beast::role_type role, CoalescingSocket& socket, Handler&& handler) {
  asio::async_compose<Handler, void(beast::error_code)>(
      [&socket, role, step = 0](auto& self, beast::error_code ec = {}) mutable {
        switch (step++) {
          case 0:
            socket.AsyncDrain(std::move(self));
            return;
          case 1:  // a failed send still tears the socket down
            beast::websocket::async_teardown(role, socket.next_layer(), std::move(self));
            return;
          default:
            self.complete(ec);
        }
      },
      handler, socket);
}

class Connection final : public Peer, public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, std::shared_ptr<Hub> hub, std::function<void()> closed)
      : ws_(std::move(socket)), hub_(std::move(hub)), closed_(std::move(closed)) {}
  ~Connection() override {
    if (!finished_ && client_) hub_->OnClose(client_);  // destroyed with the io_context
    if (closed_) closed_();
  }

  void Start(bhttp::request<bhttp::string_body> request, const std::string& ip) {
    ws_.next_layer().set_owner(weak_from_this());
    if (!hub_->OriginAllowed(request[bhttp::field::origin])) {
      Reject(bhttp::status::forbidden, "forbidden", "this Origin may not connect", 0);
      return;
    }
    Result<Hub::ClientPtr> client =
        hub_->Open(weak_from_this(), ip, request[bhttp::field::authorization]);
    if (!client) {
      const bool busy = client.error().code == ErrorCode::kRateLimited;
      Reject(busy ? bhttp::status::too_many_requests : bhttp::status::service_unavailable,
             ErrorCodeName(client.error().code), client.error().message,
             client.error().retry_after_seconds);
      return;
    }
    client_ = std::move(client).value();
    const Options& options = hub_->options();
    websocket::stream_base::timeout timeout{};
    timeout.handshake_timeout = std::chrono::seconds(5);
    timeout.idle_timeout = std::chrono::milliseconds(options.heartbeat_timeout_ms);
    timeout.keep_alive_pings = true;
    ws_.set_option(timeout);
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
      response.set(bhttp::field::server, "workstead");
    }));
    ws_.read_message_max(options.max_message_bytes);
    ws_.auto_fragment(false);
    request_ = std::move(request);
    ws_.async_accept(request_,
                     beast::bind_front_handler(&Connection::OnAccept, shared_from_this()));
  }

  // Peer (any thread)
  bool Send(Message message) override {
    std::lock_guard lock(mutex_);
    if (closing_) return true;  // dropped: the socket is going away
    const Options& options = hub_->options();
    if (queued_count_ + 1 > options.send_queue_messages ||
        queued_bytes_ + message->size() > options.send_queue_bytes) {
      return false;
    }
    queued_bytes_ += message->size();
    ++queued_count_;
    queue_.push_back(std::move(message));
    KickLocked();
    return true;
  }

  void Close(std::vector<Message> last, uint16_t code, std::string reason) override {
    std::lock_guard lock(mutex_);
    if (closing_) return;
    closing_ = true;
    close_code_ = code;
    close_reason_ = std::move(reason);
    drop_batch_ = true;
    for (const auto& m : queue_) queued_bytes_ -= m->size();
    queued_count_ -= queue_.size();
    queue_ = std::move(last);
    for (const auto& m : queue_) queued_bytes_ += m->size();
    queued_count_ += queue_.size();
    KickLocked();
  }

  size_t queued_bytes() const override {
    std::lock_guard lock(mutex_);
    return queued_bytes_;
  }

 private:
  /// Starts the writer on the strand unless it runs. REQUIRES: mutex_ held.
  void KickLocked() {
    if (!accepted_ || writing_) return;
    writing_ = true;
    asio::post(ws_.get_executor(), [self = shared_from_this()] { self->WriteNext(); });
  }

  void Reject(bhttp::status status, std::string_view code, std::string_view message,
              int retry_after) {
    auto response = std::make_shared<bhttp::response<bhttp::string_body>>(status, 11);
    response->set(bhttp::field::server, "workstead");
    response->set(bhttp::field::content_type, "application/json");
    if (retry_after > 0) response->set(bhttp::field::retry_after, std::to_string(retry_after));
    std::string body = "{\"error\":{\"code\":\"";
    body += code;
    body += "\",\"message\":\"";
    log::AppendJsonEscaped(body, message);
    body += "\"}}";
    response->body() = std::move(body);
    response->keep_alive(false);
    response->prepare_payload();
    tcp::socket& socket = ws_.next_layer().next_layer();  // plain HTTP, not gathered
    bhttp::async_write(socket, *response,
                       [self = shared_from_this(), response, &socket](beast::error_code, size_t) {
                         beast::error_code ignored;
                         socket.shutdown(tcp::socket::shutdown_both, ignored);
                         socket.close(ignored);
                       });
  }

  void OnAccept(beast::error_code ec) {
    request_ = {};
    if (ec) {
      Finish();
      return;
    }
    {
      std::lock_guard lock(mutex_);
      accepted_ = true;
      if (!queue_.empty() || closing_) KickLocked();
    }
    Read();
  }

  void Read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&Connection::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t) {
    if (ec) {
      // Closed, timed out (no heartbeat answer), too big (Beast sent 1009),
      // bad UTF-8 (1007) or a protocol error: the socket is gone.
      Finish();
      return;
    }
    if (!ws_.got_text()) {
      Close({}, static_cast<uint16_t>(websocket::close_code::unknown_data),
            "binary frames are not supported");
    } else {
      const auto data = buffer_.cdata();
      hub_->OnMessage(client_,
                      std::string_view(static_cast<const char*>(data.data()), data.size()));
    }
    buffer_.consume(buffer_.size());
    if (buffer_.capacity() > 1024) buffer_.shrink_to_fit();
    Read();  // also after a close: the peer's close frame ends the read
  }

  /// Moves queued messages into the socket's send buffer as frames while it
  /// has room (one send() carries them all), then the close frame when
  /// closing. Runs again when a send makes room.
  void WriteNext() {
    CoalescingSocket& out = ws_.next_layer();
    bool more = false;
    std::optional<websocket::close_reason> close;
    {
      std::lock_guard lock(mutex_);
      if (drop_batch_) {
        for (size_t i = next_; i < batch_.size(); ++i) queued_bytes_ -= batch_[i]->size();
        queued_count_ -= batch_.size() - std::min(next_, batch_.size());
        batch_.clear();
        next_ = 0;
        drop_batch_ = false;
      }
      if (failed_) return;  // the socket is gone; nothing more is written
      // Beast closing (a close frame sent or received): no data after it.
      const bool open = ws_.is_open();
      while (out.has_room() || !open) {
        if (next_ >= batch_.size()) {
          batch_.clear();
          next_ = 0;
          batch_.swap(queue_);
          if (batch_.empty()) break;
        }
        const Message& message = batch_[next_++];
        if (open) out.AppendText(*message);
        queued_bytes_ -= message->size();
        --queued_count_;
      }
      more = next_ < batch_.size() || !queue_.empty();
      if (!more) {
        batch_.clear();
        batch_.shrink_to_fit();
        next_ = 0;
        if (closing_ && !close_sent_ && open) {
          close_sent_ = true;
          close.emplace(websocket::close_reason(static_cast<websocket::close_code>(close_code_),
                                                close_reason_));
        } else if (!close_sent_) {
          writing_ = false;  // a later Send kicks it again
        }
      }
    }
    out.Flush();
    if (more) {
      out.WhenRoom([self = shared_from_this()] { self->WriteNext(); });
    } else if (close) {
      ws_.async_close(*close, [self = shared_from_this()](beast::error_code) {});
    }
  }

  void Finish() {
    if (finished_) return;
    finished_ = true;
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
      failed_ = true;
      drop_batch_ = true;
      for (const auto& m : queue_) queued_bytes_ -= m->size();
      queued_count_ -= queue_.size();
      queue_.clear();
    }
    if (client_) hub_->OnClose(client_);
  }

  websocket::stream<CoalescingSocket, false> ws_;
  beast::flat_buffer buffer_;
  bhttp::request<bhttp::string_body> request_;  // until the handshake is done
  std::shared_ptr<Hub> hub_;
  Hub::ClientPtr client_;
  std::function<void()> closed_;

  mutable std::mutex mutex_;
  std::vector<Message> queue_;  // GUARDED_BY(mutex_)
  size_t queued_bytes_ = 0;     // GUARDED_BY(mutex_): queue_ and unwritten batch_
  size_t queued_count_ = 0;     // GUARDED_BY(mutex_)
  bool accepted_ = false;       // GUARDED_BY(mutex_)
  bool writing_ = false;        // GUARDED_BY(mutex_): WriteNext runs or is posted
  bool closing_ = false;        // GUARDED_BY(mutex_)
  bool drop_batch_ = false;     // GUARDED_BY(mutex_)
  bool close_sent_ = false;     // GUARDED_BY(mutex_)
  bool failed_ = false;         // GUARDED_BY(mutex_)
  uint16_t close_code_ = 1000;  // GUARDED_BY(mutex_)
  std::string close_reason_;    // GUARDED_BY(mutex_)
  // On the strand only (batch_ swaps with queue_ under mutex_): messages
  // taken from the queue, not yet moved into the socket's send buffer.
  std::vector<Message> batch_;
  size_t next_ = 0;
  bool finished_ = false;
};

class Upgrader final : public http::UpgradeHandler {
 public:
  explicit Upgrader(std::shared_ptr<Hub> hub) : hub_(std::move(hub)) {}

  void Upgrade(tcp::socket socket, bhttp::request<bhttp::string_body> request,
               std::string remote_ip, std::function<void()> closed) override {
    auto connection = std::make_shared<Connection>(std::move(socket), hub_, std::move(closed));
    connection->Start(std::move(request), remote_ip);
  }

  void Shutdown() override { hub_->Shutdown(); }

 private:
  std::shared_ptr<Hub> hub_;
};

}  // namespace

std::shared_ptr<http::UpgradeHandler> MakeUpgradeHandler(std::shared_ptr<Hub> hub) {
  return std::make_shared<Upgrader>(std::move(hub));
}

}  // namespace ws::realtime
