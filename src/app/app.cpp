#include "app/app.hpp"

#include <algorithm>
#include <optional>
#include <thread>

#include "app/system_routes.hpp"
#include "core/log.hpp"
#include "db/migrate.hpp"
#include "http/static_files.hpp"
#include "mail/mailer.hpp"
#include "modules/auth/jwt.hpp"
#include "modules/auth/middleware.hpp"
#include "modules/auth/passwords.hpp"
#include "modules/auth/rate_limiter.hpp"
#include "modules/auth/routes.hpp"
#include "modules/auth/service.hpp"
#include "modules/auth/tasks.hpp"
#include "modules/idempotency/idempotency.hpp"
#include "modules/projects/install.hpp"
#include "modules/projects/visibility.hpp"
#include "modules/workspaces/install.hpp"
#include "modules/workspaces/service.hpp"
#include "realtime/connection.hpp"
#include "realtime/hub.hpp"

namespace ws::app {

extern const std::vector<http::EmbeddedAsset> kWebAssets;

std::string_view Version() { return WS_VERSION; }

namespace {

/// The WebSocket hub, wired to accounts (authentication, revocations) and
/// workspaces (membership) through plain functions: realtime includes no module.
std::shared_ptr<realtime::Hub> MakeHub(const Config& config, db::Database& db, bus::Bus& bus,
                                       http::Server& server, auth::Service& accounts,
                                       mail::Mailer& mailer,
                                       std::shared_ptr<projects::EventAudience> audience) {
  auto workspaces = std::make_shared<workspaces::Service>(db, bus, mailer, config.public_url);
  realtime::Options options;
  options.public_url = config.public_url;
  options.auth_timeout_ms = config.realtime_auth_timeout_seconds * 1000;
  options.heartbeat_timeout_ms = config.realtime_heartbeat_seconds * 1000;
  options.max_replay = config.realtime_max_replay;
  options.send_queue_bytes = static_cast<size_t>(config.realtime_send_queue_bytes);
  options.send_queue_messages = static_cast<size_t>(config.realtime_send_queue_messages);
  options.max_per_user = config.realtime_max_per_user;
  options.max_per_ip = config.realtime_max_per_ip;
  options.messages_per_second = config.realtime_messages_per_second;
  options.away_after_ms = config.realtime_away_seconds * 1000;
  realtime::Deps deps{
      bus,
      db,
      server.executor(),
      [&accounts](std::string_view credential) -> Result<realtime::Identity> {
        WS_ASSIGN(auth::Caller caller, accounts.Authenticate(credential));
        return realtime::Identity{caller.user_id, caller.session_id, caller.token_id,
                                  caller.is_instance_admin};
      },
      [workspaces](const std::string& user_id, const std::string& ws) -> Result<std::string> {
        WS_ASSIGN(workspaces::WorkspaceView view, workspaces->Get(user_id, ws));
        return view.workspace.id;
      },
      {},  // conversations: the chat module will check them
      // Private-project events only to those who see the project.
      [audience](const std::string& user_id, const bus::Event& event) {
        return audience->Visible(user_id, event);
      },
      // ... whose audience is loaded before the hub's lock is taken.
      [audience](const bus::Event& event) { audience->Prepare(event); },
  };
  auto hub = realtime::Hub::Make(std::move(options), std::move(deps));
  std::weak_ptr<realtime::Hub> weak = hub;
  accounts.SetAccessListener([weak](const auth::AccessEnded& e) {
    if (auto hub = weak.lock()) {
      hub->EndAccess({e.user_id, e.session_id, e.token_id, e.all_sessions, e.except_session_id,
                      e.deactivated});
    }
  });
  server.AddMetrics([weak](std::string& out) {
    if (auto hub = weak.lock()) hub->RenderMetrics(out);
  });
  server.SetUpgradeHandler("/api/v1/ws", realtime::MakeUpgradeHandler(hub));
  return hub;
}

}  // namespace

/// The modules, built after the database is open.
struct App::Modules {
  http::StaticFiles web;
  std::unique_ptr<mail::Mailer> mailer;
  std::optional<auth::Keyring> keyring;
  auth::MemoryRateLimiter limiter;
  auth::TaskQueue tasks;
  std::unique_ptr<auth::Service> auth;
  std::shared_ptr<realtime::Hub> hub;
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

  WS_ASSIGN(modules_->mailer, mail::MakeMailer(config_));
  WS_ASSIGN(modules_->keyring, auth::Keyring::Load(config_));
  modules_->auth = std::make_unique<auth::Service>(
      auth::Service::Deps{*db_, config_, *modules_->keyring, modules_->limiter,
                          modules_->mailer.get(), &modules_->tasks});
  auth::Service& accounts = *modules_->auth;
  WS_TRY(accounts.LoadInstanceState());
  // Password hashing may hold at most half the worker pool (docs/auth.md).
  auth::SetPasswordHashQueueLimit(std::max(1, config_.worker_threads / 2));

  // /meta answers from the service's in-memory copy: inline, no database.
  AddSystemRoutes(router_, *db_, *server_,
                  {[&accounts] { return accounts.registration(); },
                   [&accounts] { return accounts.setup_required(); }});
  router_.Use(auth::RateLimitMiddleware(modules_->limiter, config_.rate_limit_per_ip));
  router_.Use(auth::AuthMiddleware(accounts));
  // Idempotency-Key on every authenticated POST route, present and future.
  idempotency::Install(router_, *db_, server_->executor());
  auth::AddRoutes(router_, accounts, config_);
  auth::AddAdminRoutes(router_, accounts);
  workspaces::Install(
      {config_, *db_, bus_, router_, server_->executor(), *modules_->mailer, accounts},
      projects::VisibleEvents,
      [](const bus::Event& event) { return !projects::PrivateProjectOf(event).empty(); });
  projects::Install({*db_, bus_, router_});
  // Subscribed to the bus before the hub: memberships are current first.
  auto audience = std::make_shared<projects::EventAudience>(*db_, bus_);
  modules_->hub = MakeHub(config_, *db_, bus_, *server_, accounts, *modules_->mailer, audience);
  modules_->hub->AddRoutes(router_);
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
  // Queued mail and reset requests still need the database.
  if (modules_) modules_->tasks.Stop();
  if (db_) db_->Close();
}

}  // namespace ws::app
