// The listener, graceful shutdown and the public Server facade.
#include "http/server_internal.hpp"

namespace ws::http {

using namespace std::chrono_literals;

asio::awaitable<void> Server::Impl::Accept() {
  for (;;) {
    auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(io_), kUseTuple);
    if (stopping_) co_return;
    if (ec) {
      if (ec == asio::error::operation_aborted) co_return;
      log::Warn("accept failed", {{"error", ec.message()}});
      asio::steady_timer pause(io_, 50ms);  // e.g. out of file descriptors
      co_await pause.async_wait(kUseTuple);
      continue;
    }
    if (open_.load() >= static_cast<size_t>(options_.max_connections)) {
      beast::error_code ignored;
      socket.close(ignored);
      continue;
    }
    socket.set_option(tcp::no_delay(true), ec);
    ++open_;
    auto session = std::make_shared<Session>(std::move(socket), *this);
    {
      std::lock_guard lock(sessions_mutex_);
      sessions_[session.get()] = session;
    }
    auto executor = session->executor();
    asio::co_spawn(
        executor, [session]() -> asio::awaitable<void> { co_await session->Run(); },
        asio::detached);
  }
}

void Server::Impl::SessionClosed() {
  if (--open_ == 0 && stopping_) {
    asio::post(io_, [this] {
      work_.reset();
      io_.stop();
    });
  }
}

void Server::Impl::Shutdown() {
  asio::post(io_, [this] {
    if (stopping_.exchange(true)) return;
    beast::error_code ec;
    acceptor_.close(ec);
    signals_.cancel(ec);
    if (upgrade_) upgrade_->Shutdown();
    {
      std::lock_guard lock(sessions_mutex_);
      for (auto& [raw, weak] : sessions_) {
        if (auto session = weak.lock()) {
          asio::post(session->executor(), [session] { session->CloseIfIdle(); });
        }
      }
    }
    if (open_ == 0) {
      work_.reset();
      io_.stop();
      return;
    }
    auto timer = std::make_shared<asio::steady_timer>(
        io_, std::chrono::seconds(options_.shutdown_grace_seconds));
    timer->async_wait([this, timer](beast::error_code) {
      if (open_ > 0) log::Warn("shutdown grace period over", {{"open", open_.load()}});
      work_.reset();
      io_.stop();
    });
  });
}

Server::Server(ServerOptions options, Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() {
  Shutdown();
  Wait();
}

Status Server::Listen() { return impl_->Listen(); }
uint16_t Server::port() const { return impl_->port_; }
void Server::Run() { impl_->RunThreads(true); }
void Server::Start() { impl_->RunThreads(false); }
void Server::Shutdown() { impl_->Shutdown(); }
void Server::Wait() { impl_->Wait(); }
Executor& Server::executor() { return *impl_; }
size_t Server::open_connections() const { return impl_->open_.load(); }

void Server::AddMetrics(std::function<void(std::string&)> collector) {
  std::lock_guard lock(impl_->collectors_mutex_);
  impl_->collectors_.push_back(std::move(collector));
}

void Server::SetUpgradeHandler(std::string path, std::shared_ptr<UpgradeHandler> handler) {
  impl_->upgrade_path_ = std::move(path);
  impl_->upgrade_ = std::move(handler);
}

std::string Server::MetricsText() const {
  std::string out;
  impl_->metrics_.Render(out);
  out += "# HELP workstead_http_open_connections Open HTTP and WebSocket connections.\n";
  out += "# TYPE workstead_http_open_connections gauge\n";
  out += "workstead_http_open_connections " + std::to_string(impl_->open_.load()) + "\n";
  std::lock_guard lock(impl_->collectors_mutex_);
  for (const auto& collector : impl_->collectors_) collector(out);
  return out;
}

}  // namespace ws::http
