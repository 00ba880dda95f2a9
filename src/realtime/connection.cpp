// One WebSocket connection: Beast's websocket stream over the socket the
// HTTP server handed over, on that socket's strand. It only moves bytes:
// every rule lives in the hub. Kept small for 10,000 idle sockets: no
// permessage-deflate (no zlib state, no write buffer), the stream's own
// timer is the only timer (handshake, close and heartbeat pings), the read
// buffer is released after large messages, and the send queue is a vector
// that allocates only while messages wait.
#include "realtime/connection.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <mutex>
#include <optional>

#include "core/log.hpp"
#include "http/upgrade.hpp"

namespace ws::realtime {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

class Connection final : public Peer, public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, std::shared_ptr<Hub> hub, std::function<void()> closed)
      : ws_(std::move(socket)), hub_(std::move(hub)), closed_(std::move(closed)) {}
  ~Connection() override {
    if (!finished_ && client_) hub_->OnClose(client_);  // destroyed with the io_context
    if (closed_) closed_();
  }

  void Start(bhttp::request<bhttp::string_body> request, const std::string& ip) {
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
    bhttp::async_write(ws_.next_layer(), *response,
                       [self = shared_from_this(), response](beast::error_code, size_t) {
                         beast::error_code ignored;
                         self->ws_.next_layer().shutdown(tcp::socket::shutdown_both, ignored);
                         self->ws_.next_layer().close(ignored);
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

  /// Writes queued messages one by one, then the close frame when closing.
  void WriteNext() {
    Message next;
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
      if (next_ >= batch_.size()) {
        batch_.clear();
        next_ = 0;
        batch_.swap(queue_);
      }
      if (batch_.empty()) {
        batch_.shrink_to_fit();
        if (closing_ && !close_sent_ && !failed_) {
          close_sent_ = true;
          close.emplace(websocket::close_reason(static_cast<websocket::close_code>(close_code_),
                                                close_reason_));
        } else if (!close_sent_) {
          writing_ = false;
          return;
        } else {
          return;
        }
      } else {
        next = batch_[next_];
      }
    }
    if (close) {
      ws_.async_close(*close, [self = shared_from_this()](beast::error_code) {});
      return;
    }
    ws_.async_write(asio::buffer(*next),
                    beast::bind_front_handler(&Connection::OnWrite, shared_from_this()));
  }

  void OnWrite(beast::error_code ec, size_t) {
    {
      std::lock_guard lock(mutex_);
      if (next_ < batch_.size()) {
        queued_bytes_ -= batch_[next_]->size();
        --queued_count_;
        ++next_;
      }
      if (ec) {
        failed_ = true;
        closing_ = true;
        drop_batch_ = true;
      }
    }
    WriteNext();
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

  websocket::stream<tcp::socket, false> ws_;
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
  // On the strand only (batch_ swaps with queue_ under mutex_).
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
