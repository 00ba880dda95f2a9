#include "db/postgres/postgres_database.hpp"

#include <libpq-fe.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <unordered_map>

namespace ws::db {

namespace {

constexpr int kMaxAttempts = 5;

std::string Sqlstate(const PGresult* res) {
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  return state != nullptr ? state : "";
}

AppError ErrorFrom(PGconn* conn, const PGresult* res, std::string_view sql) {
  const std::string state = Sqlstate(res);
  std::string detail = (res != nullptr ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  const char* constraint =
      res != nullptr ? PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  if (constraint != nullptr) detail += " constraint=" + std::string(constraint);
  detail += " sqlstate=" + state + " [" + std::string(sql.substr(0, 200)) + "]";
  if (state.starts_with("23")) {
    AppError e = AppError::Conflict("conflicts with existing data");
    e.detail = std::move(detail);
    return e;
  }
  if (state == "40001" || state == "40P01") {
    AppError e = AppError::Unavailable(std::move(detail));
    e.message = "retry";  // marks a serialization failure for the retry loop
    return e;
  }
  if (PQstatus(conn) != CONNECTION_OK || state.starts_with("08") || state.starts_with("57")) {
    return AppError::Unavailable(std::move(detail));
  }
  return AppError::Internal(std::move(detail));
}

bool IsRetryable(const AppError& e) {
  return e.code == ErrorCode::kUnavailable && e.message == "retry";
}

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

class PgConn final : public Conn {
 public:
  explicit PgConn(PGconn* conn) : conn_(conn) {}
  ~PgConn() override { PQfinish(conn_); }

  Backend backend() const override { return Backend::kPostgres; }
  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

  Result<Rows> Query(std::string_view sql, std::span<const Param> params) override {
    WS_ASSIGN(ResultPtr res, Run(sql, params));
    const int rows = PQntuples(res.get());
    const int columns = PQnfields(res.get());
    std::vector<Cell> cells;
    cells.reserve(size_t(rows) * size_t(columns));
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < columns; ++c) {
        if (PQgetisnull(res.get(), r, c)) {
          cells.emplace_back(std::monostate{});
        } else {
          cells.emplace_back(
              std::string(PQgetvalue(res.get(), r, c), size_t(PQgetlength(res.get(), r, c))));
        }
      }
    }
    return Rows(size_t(columns), std::move(cells));
  }

  Result<int64_t> Exec(std::string_view sql, std::span<const Param> params) override {
    WS_ASSIGN(ResultPtr res, Run(sql, params));
    const char* n = PQcmdTuples(res.get());
    return int64_t{n != nullptr && *n != '\0' ? std::atoll(n) : 0};
  }

  Status ExecScript(std::string_view sql) override {
    ResultPtr res(PQexec(conn_, std::string(sql).c_str()), &PQclear);
    const auto status = PQresultStatus(res.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return ErrorFrom(conn_, res.get(), sql);
    }
    return {};
  }

 private:
  Result<ResultPtr> Run(std::string_view sql, std::span<const Param> params) {
    std::string key(sql);
    auto it = prepared_.find(key);
    if (it == prepared_.end()) {
      const std::string name = "s" + std::to_string(prepared_.size());
      const std::string text = ToDollarPlaceholders(sql);
      ResultPtr res(PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr), &PQclear);
      if (PQresultStatus(res.get()) != PGRES_COMMAND_OK) return ErrorFrom(conn_, res.get(), sql);
      it = prepared_.emplace(std::move(key), name).first;
    }
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const auto& v = params[i].value();
      if (std::holds_alternative<std::monostate>(v)) continue;
      if (auto* n = std::get_if<int64_t>(&v)) {
        storage[i] = std::to_string(*n);
      } else if (auto* d = std::get_if<double>(&v)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", *d);
        storage[i] = buf;
      } else if (auto* b = std::get_if<bool>(&v)) {
        storage[i] = *b ? "true" : "false";
      } else {
        storage[i] = std::string(std::get<std::string_view>(v));
      }
      values[i] = storage[i].c_str();
    }
    ResultPtr res(PQexecPrepared(conn_, it->second.c_str(), int(params.size()), values.data(),
                                 nullptr, nullptr, 0),
                  &PQclear);
    const auto status = PQresultStatus(res.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      return ErrorFrom(conn_, res.get(), sql);
    }
    return res;
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;
};

class PgDatabase final : public Database {
 public:
  PgDatabase(std::string url, Options options) : url_(std::move(url)), options_(options) {}

  Backend backend() const override { return Backend::kPostgres; }

  Status DoRead(const Unit& fn) override {
    WS_ASSIGN(std::unique_ptr<PgConn> conn, Acquire());
    Status status = Guarded(fn, *conn);
    Release(std::move(conn));
    return status;
  }

  Status DoWrite(const Unit& fn) override {
    WS_ASSIGN(std::unique_ptr<PgConn> conn, Acquire());
    const std::shared_ptr<const std::vector<Unit>> steps = CommitSteps();
    Status status;
    for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
      conn->ClearAfterCommit();
      status = conn->ExecScript("BEGIN");
      if (status) status = Guarded(fn, *conn);
      for (size_t i = 0; status && i < steps->size(); ++i) status = Guarded((*steps)[i], *conn);
      if (status) status = conn->ExecScript("COMMIT");
      if (status) break;
      (void)conn->ExecScript("ROLLBACK");
      if (!IsRetryable(status.error())) break;
    }
    auto hooks = conn->TakeAfterCommit();
    Release(std::move(conn));
    if (!status) return status;
    for (auto& hook : hooks) hook();
    return status;
  }

  // PostgreSQL handles concurrency itself; this runs on the calling thread.
  void WriteAsync(Unit fn, std::function<void(Status)> done) override { done(Write(fn)); }

  Status DoPing() override {
    return Read([](Conn& c) -> Status {
      auto r = c.Query("SELECT 1");
      return r ? Status{} : Status(std::move(r).error());
    });
  }

  void Close() override {
    std::lock_guard lock(mutex_);
    closed_ = true;
    idle_.clear();
    cv_.notify_all();
  }

  Status Connect() {
    WS_ASSIGN(auto conn, NewConnection());
    Release(std::move(conn));
    std::lock_guard lock(mutex_);
    ++open_;
    return {};
  }

 private:
  static Status Guarded(const Unit& fn, Conn& conn) {
    try {
      return fn(conn);
    } catch (const std::exception& e) {
      return AppError::Internal(std::string("unit threw: ") + e.what());
    }
  }

  Result<std::unique_ptr<PgConn>> NewConnection() {
    PGconn* raw = PQconnectdb(url_.c_str());
    auto conn = std::make_unique<PgConn>(raw);
    if (raw == nullptr || PQstatus(raw) != CONNECTION_OK) {
      std::string why = raw != nullptr ? PQerrorMessage(raw) : "out of memory";
      return AppError::Unavailable("cannot connect to PostgreSQL: " + why);
    }
    if (Status s = conn->ExecScript("SET client_min_messages=warning; SET TIME ZONE 'UTC'"); !s) {
      return std::move(s).error();
    }
    return conn;
  }

  Result<std::unique_ptr<PgConn>> Acquire() {
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return closed_ || !idle_.empty() || open_ < options_.pool_size; });
      if (closed_) return AppError::Unavailable("database is closed");
      if (!idle_.empty()) {
        auto conn = std::move(idle_.back());
        idle_.pop_back();
        if (conn->healthy()) return conn;
        --open_;  // drop a broken connection and make a new one below
      }
      ++open_;
    }
    auto conn = NewConnection();
    if (!conn) {
      std::lock_guard lock(mutex_);
      --open_;
      cv_.notify_one();
    }
    return conn;
  }

  void Release(std::unique_ptr<PgConn> conn) {
    std::lock_guard lock(mutex_);
    if (closed_) {
      --open_;
      return;
    }
    idle_.push_back(std::move(conn));
    cv_.notify_one();
  }

  const std::string url_;
  const Options options_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConn>> idle_;  // GUARDED_BY(mutex_)
  int open_ = 0;                               // GUARDED_BY(mutex_)
  bool closed_ = false;                        // GUARDED_BY(mutex_)
};

}  // namespace

std::string ToDollarPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      out += "$" + std::to_string(++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, const Options& options) {
  auto db = std::make_unique<PgDatabase>(url, options);
  WS_TRY(db->Connect());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace ws::db
