#pragma once

#include <memory>

#include "bus/bus.hpp"
#include "core/config.hpp"
#include "db/database.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

namespace ws::app {

/// The composition root: owns the database, bus, router and server and
/// wires every module into them. Tests build one per case.
class App {
 public:
  explicit App(Config config);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  /// Opens and migrates the database, registers routes and listens.
  Status Init();
  /// Serves until SIGINT/SIGTERM (handle_signals) or Stop.
  void Run();
  /// Serves on background threads.
  void Start();
  /// Graceful shutdown, then joins the threads and closes the database.
  void Stop();

  uint16_t port() const { return server_->port(); }
  const Config& config() const { return config_; }
  db::Database& database() { return *db_; }
  bus::Bus& bus() { return bus_; }
  http::Router& router() { return router_; }
  http::Server& server() { return *server_; }
  /// Lets the process handle SIGINT/SIGTERM (the `serve` command).
  void HandleSignals() { handle_signals_ = true; }

 private:
  Config config_;
  bool handle_signals_ = false;
  std::unique_ptr<db::Database> db_;
  bus::MemoryBus bus_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  struct Modules;
  std::unique_ptr<Modules> modules_;
};

/// The version compiled in.
std::string_view Version();

}  // namespace ws::app
