#pragma once

// Private to src/http: the server's internals, shared by server.cpp (the
// acceptor and shutdown) and session.cpp (one connection). Beast and Asio
// appear only here and in those files.
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include "core/blocking.hpp"
#include "core/ids.hpp"
#include "core/log.hpp"
#include "http/metrics.hpp"
#include "http/server.hpp"
#include "http/upgrade.hpp"

namespace ws::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

inline constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

class Session;
struct ReplySlot;

class Server::Impl final : public Executor {
 public:
  Impl(ServerOptions options, Router& router)
      : options_(std::move(options)),
        router_(router),
        io_(std::max(1, options_.io_threads)),
        workers_(static_cast<size_t>(std::max(1, options_.worker_threads))),
        acceptor_(io_),
        signals_(io_),
        work_(asio::make_work_guard(io_)) {}

  ~Impl() override { workers_.join(); }

  // Executor
  void Post(std::function<void()> fn) override { asio::post(workers_, std::move(fn)); }
  void After(std::chrono::milliseconds delay, std::function<void()> fn) override {
    auto timer = std::make_shared<asio::steady_timer>(io_, delay);
    timer->async_wait([timer, fn = std::move(fn)](beast::error_code) { fn(); });
  }

  Status Listen() {
    beast::error_code ec;
    const auto address = asio::ip::make_address(options_.host, ec);
    if (ec) return AppError::BadRequest("listen: bad address '" + options_.host + "'");
    const tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return AppError::Unavailable("cannot listen on " + options_.host + ":" +
                                   std::to_string(options_.port) + ": " + ec.message());
    }
    port_ = acceptor_.local_endpoint().port();
    asio::co_spawn(io_, Accept(), asio::detached);
    if (options_.handle_signals) {
      signals_.add(SIGINT);
      signals_.add(SIGTERM);
      signals_.async_wait([this](beast::error_code error, int signal) {
        if (error) return;
        log::Info("shutting down", {{"signal", signal}});
        Shutdown();
      });
    }
    return {};
  }

  void RunThreads(bool block) {
    const int n = std::max(1, options_.io_threads);
    for (int i = block ? 1 : 0; i < n; ++i) threads_.emplace_back([this] { io_.run(); });
    if (block) {
      io_.run();
      Wait();
    }
  }

  void Wait() {
    for (auto& t : threads_) {
      if (t.joinable()) t.join();
    }
    threads_.clear();
  }

  void Shutdown();
  void SessionClosed();
  asio::awaitable<void> Accept();

  ServerOptions options_;
  Router& router_;
  asio::io_context io_;
  asio::thread_pool workers_;
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<size_t> open_{0};
  std::mutex sessions_mutex_;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions_;  // GUARDED_BY(sessions_mutex_)
  Metrics metrics_;
  std::mutex collectors_mutex_;
  std::vector<std::function<void(std::string&)>> collectors_;  // GUARDED_BY(collectors_mutex_)
  std::string upgrade_path_;                                   // set before the server runs
  std::shared_ptr<UpgradeHandler> upgrade_;  // WebSocket hand-over (realtime), may be null
};

/// One HTTP connection: a coroutine on its own strand reading requests in
/// turn, with a deadline on every read and write.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& server) : stream_(std::move(socket)), server_(server) {
    beast::error_code ec;
    auto endpoint = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ip_ = endpoint.address().to_string();
  }
  ~Session() { server_.SessionClosed(); }

  asio::awaitable<void> Run() {
    try {
      co_await Loop();
    } catch (const std::exception& e) {
      log::Error("connection failed", {{"error", e.what()}});
    }
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.close();
  }

  /// Closes the connection if it is between requests. Runs on the strand.
  void CloseIfIdle() {
    if (!busy_) stream_.close();
  }

  auto executor() { return stream_.get_executor(); }

 private:
  asio::awaitable<void> Loop();
  /// Hands the connection to the upgrade handler when the request asks for
  /// it on the registered path; answers whether it did.
  bool HandOver(bhttp::request_parser<bhttp::string_body>& parser);
  /// The peer's address, or with `trust_proxy` the first address of an
  /// `X-Forwarded-For` value when there is one.
  std::string ClientIp(std::string_view forwarded_for) const;
  asio::awaitable<bool> Serve(bhttp::request_parser<bhttp::string_body>& parser);
  /// The middleware from index `from` on, then the handler.
  Result<Response> RunChain(Request& request, const Route& route, size_t from);
  /// Runs the middleware inside `scope`: nullopt when one refused
  /// (`resume_at` is that one), else the first error or success (`resume_at`
  /// past the chain).
  std::optional<Status> MiddlewareInline(Request& request, const Route& route,
                                         const NoBlockingScope& scope, size_t& resume_at);
  /// Runs the middleware from `from`, then the async handler.
  void StartAsync(Request& request, const Route& route, size_t from, Responder respond);
  /// RouteOptions::start_inline: false when a step refused (`resume_at` is
  /// where a worker takes over); true when the attempt answers `slot`.
  bool TryAsyncInline(Request& request, const Route& route, const std::shared_ptr<ReplySlot>& slot,
                      size_t& resume_at);
  /// Runs the chain without blocking; nothing when a step would have had to
  /// block: `resume_at` is then the middleware index (or the chain's size for
  /// the handler) to continue from on a worker.
  std::optional<Result<Response>> TryChainInline(Request& request, const Route& route,
                                                 size_t& resume_at);
  // Replies are passed by reference from named locals: GCC 12 mishandles
  // brace-initialised temporaries inside co_await expressions.
  asio::awaitable<void> Write(Request& request, Result<Response>& result, bool keep_alive,
                              std::chrono::steady_clock::time_point started);
  asio::awaitable<void> WriteError(AppError& error, std::chrono::steady_clock::time_point started);

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  Server::Impl& server_;
  std::string remote_ip_;
  bool busy_ = false;  // only touched on the strand
};

}  // namespace ws::http
