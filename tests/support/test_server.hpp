#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "app/app.hpp"
#include "core/config.hpp"
#include "support/http_client.hpp"

namespace ws::test {

/// "sqlite" or "postgres", from WS_TEST_BACKEND (default sqlite).
std::string TestBackend();

/// A private database for one test: a file in `data_dir` on SQLite, a fresh
/// schema (dropped afterwards) on the PostgreSQL test cluster.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& data_dir);
  ~TestDatabase();
  const std::string& url() const { return url_; }

 private:
  std::string url_;
  std::string schema_;
};

/// A temporary folder removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// A real Workstead server in this process on an ephemeral port, with its
/// own data folder and database.
class TestServer {
 public:
  explicit TestServer(std::function<void(Config&)> tweak = {});
  ~TestServer();

  /// Opens and migrates; routes may still be added before Start.
  void Init();
  void Start();
  /// Init + Start.
  void Boot() {
    Init();
    Start();
  }
  void Stop();

  uint16_t port() const { return app_->port(); }
  app::App& app() { return *app_; }
  const std::string& data_dir() const { return dir_.path(); }
  const std::string& database_url() const { return db_.url(); }

  HttpResponse Get(const std::string& target,
                   const std::map<std::string, std::string>& headers = {});
  HttpResponse Send(const std::string& method, const std::string& target,
                    const std::string& body = {},
                    const std::map<std::string, std::string>& headers = {});

 private:
  TempDir dir_;
  TestDatabase db_;
  std::unique_ptr<app::App> app_;
};

}  // namespace ws::test
