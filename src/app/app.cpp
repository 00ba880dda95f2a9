#include "app/app.hpp"

#include <algorithm>
#include <thread>

#include "app/system_routes.hpp"
#include "core/log.hpp"
#include "db/migrate.hpp"
#include "http/static_files.hpp"

namespace ws::app {

extern const std::vector<http::EmbeddedAsset> kWebAssets;

std::string_view Version() { return WS_VERSION; }

/// The modules, built after the database is open.
struct App::Modules {
  http::StaticFiles web;
};

App::App(Config config) : config_(std::move(config)) {}

App::~App() { Stop(); }

Status App::Init() {
  db::Options db_options;
  db_options.pool_size = config_.db_pool_size;
  db_options.synchronous_full = config_.sqlite_synchronous == "full";
  WS_ASSIGN(db_, db::Open(config_.database_url, db_options));
  WS_ASSIGN(int applied, db::ApplyMigrations(*db_));
  if (applied > 0) log::Info("migrations applied", {{"count", applied}});

  http::ServerOptions options;
  options.host = config_.listen_host;
  options.port = config_.listen_port;
  options.io_threads = config_.io_threads > 0
                           ? config_.io_threads
                           : std::max(1, int(std::thread::hardware_concurrency()));
  options.worker_threads = config_.worker_threads;
  options.max_connections = config_.max_connections;
  options.default_body_limit = config_.max_body_bytes;
  options.request_timeout_seconds = config_.request_timeout_seconds;
  options.idle_timeout_seconds = config_.idle_timeout_seconds;
  options.shutdown_grace_seconds = config_.shutdown_grace_seconds;
  options.trust_proxy = config_.trust_proxy;
  options.hsts = config_.public_url.starts_with("https://");
  options.handle_signals = handle_signals_;
  server_ = std::make_unique<http::Server>(options, router_);

  modules_ = std::make_unique<Modules>();
  if (config_.web_dir.empty()) {
    modules_->web = http::StaticFiles::FromEmbedded(kWebAssets);
  } else {
    WS_ASSIGN(modules_->web, http::StaticFiles::FromDirectory(config_.web_dir));
  }

  AddSystemRoutes(router_, *db_, *server_,
                  {[] { return std::string("invite_only"); }, [] { return false; }});
  router_.SetFallback([this](http::Request& request) { return modules_->web.Serve(request); },
                      {http::Exec::kInline, http::Access::kPublic, 0});
  return server_->Listen();
}

void App::Run() { server_->Run(); }

void App::Start() { server_->Start(); }

void App::Stop() {
  if (server_) {
    server_->Shutdown();
    server_->Wait();
  }
  if (db_) db_->Close();
}

}  // namespace ws::app
