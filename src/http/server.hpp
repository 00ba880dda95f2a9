#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/executor.hpp"
#include "core/result.hpp"
#include "http/router.hpp"

namespace ws::http {

class UpgradeHandler;  // http/upgrade.hpp (Beast-typed)

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: pick a free port
  int io_threads = 1;
  int worker_threads = 8;
  int max_connections = 10000;
  size_t header_limit = 16 * 1024;
  int64_t default_body_limit = 1 << 20;
  int request_timeout_seconds = 30;
  int idle_timeout_seconds = 75;
  int shutdown_grace_seconds = 10;
  bool trust_proxy = false;
  bool hsts = false;
  bool handle_signals = false;  // SIGINT/SIGTERM start a graceful shutdown
};

/// The HTTP/1.1 server: Beast + coroutines behind a Beast-free interface.
class Server {
 public:
  Server(ServerOptions options, Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds and listens; after this `port()` is known.
  Status Listen();
  uint16_t port() const;
  /// Serves on the calling thread plus io_threads-1 more until stopped.
  void Run();
  /// Serves on background threads (tests); pair with Shutdown + Wait.
  void Start();
  /// Stops accepting, closes idle connections, lets in-flight requests
  /// finish for up to the grace period, then stops. Thread-safe, idempotent.
  void Shutdown();
  /// Joins the threads started by Start.
  void Wait();

  /// Worker pool and timers for modules (no Asio in their headers).
  Executor& executor();
  size_t open_connections() const;
  /// Prometheus text of the HTTP metrics plus every added collector.
  std::string MetricsText() const;
  void AddMetrics(std::function<void(std::string&)> collector);
  /// Hands `GET <path>` requests that ask for a WebSocket upgrade to
  /// `handler` (realtime). Call before Start/Run.
  void SetUpgradeHandler(std::string path, std::shared_ptr<UpgradeHandler> handler);

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace ws::http
