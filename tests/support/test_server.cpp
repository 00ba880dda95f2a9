#include "support/test_server.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "core/crypto.hpp"
#include "core/log.hpp"
#include "db/database.hpp"

namespace ws::test {

namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : "";
}

}  // namespace

std::string TestBackend() {
  const std::string backend = Env("WS_TEST_BACKEND");
  return backend.empty() ? "sqlite" : backend;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "workstead-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

TestDatabase::TestDatabase(const std::string& data_dir) {
  if (TestBackend() != "postgres") {
    url_ = "sqlite:" + data_dir + "/workstead.db";
    return;
  }
  const std::string base = Env("WS_TEST_PG_URL");
  if (base.empty()) {
    throw std::runtime_error(
        "WS_TEST_BACKEND=postgres needs WS_TEST_PG_URL (make test starts a cluster)");
  }
  schema_ = "t_" + Sha256Hex(RandomToken()).substr(0, 16);
  auto admin = db::Open(base, {1, false});
  if (!admin)
    throw std::runtime_error("cannot reach the PostgreSQL test cluster: " + admin.error().detail);
  Status s = (*admin)->Write(
      [&](db::Conn& c) -> Status { return c.ExecScript("CREATE SCHEMA " + schema_); });
  if (!s) throw std::runtime_error("cannot create schema: " + s.error().detail);
  (*admin)->Close();
  url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         schema_;
}

TestDatabase::~TestDatabase() {
  if (schema_.empty()) return;
  auto admin = db::Open(Env("WS_TEST_PG_URL"), {1, false});
  if (!admin) return;
  (void)(*admin)->Write(
      [&](db::Conn& c) -> Status { return c.ExecScript("DROP SCHEMA " + schema_ + " CASCADE"); });
  (*admin)->Close();
}

TestServer::TestServer(std::function<void(Config&)> tweak) : db_(dir_.path()) {
  Config config;
  config.listen_host = "127.0.0.1";
  config.listen_port = 0;
  config.data_dir = dir_.path();
  config.database_url = db_.url();
  config.public_url = "http://127.0.0.1";
  config.io_threads = 2;
  config.worker_threads = 8;
  config.db_pool_size = 8;
  config.web_dir = dir_.path() + "/web";
  config.secret_key = std::string(48, 'k');
  std::filesystem::create_directories(config.web_dir);
  if (tweak) tweak(config);
  log::SetLevel(Env("WS_TEST_LOG").empty() ? log::Level::kWarn : log::Level::kDebug);
  app_ = std::make_unique<app::App>(config);
}

TestServer::~TestServer() { Stop(); }

void TestServer::Init() {
  Status s = app_->Init();
  if (!s)
    throw std::runtime_error("test server failed to start: " + s.error().message + " " +
                             s.error().detail);
}

void TestServer::Start() { app_->Start(); }

void TestServer::Stop() {
  if (app_) app_->Stop();
}

HttpResponse TestServer::Get(const std::string& target,
                             const std::map<std::string, std::string>& headers) {
  return Fetch(port(), "GET", target, {}, headers);
}

HttpResponse TestServer::Send(const std::string& method, const std::string& target,
                              const std::string& body,
                              const std::map<std::string, std::string>& headers) {
  return Fetch(port(), method, target, body, headers);
}

}  // namespace ws::test
