#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/blocking.hpp"
#include "core/result.hpp"

namespace ws::db {

enum class Backend { kSqlite, kPostgres };

/// A bound statement parameter; text is borrowed for the duration of the call.
class Param {
 public:
  Param(std::nullptr_t) {}                                      // NOLINT
  Param(int v) : value_(int64_t{v}) {}                          // NOLINT
  Param(int64_t v) : value_(v) {}                               // NOLINT
  Param(double v) : value_(v) {}                                // NOLINT
  Param(bool v) : value_(v) {}                                  // NOLINT
  Param(std::string_view v) : value_(v) {}                      // NOLINT
  Param(const std::string& v) : value_(std::string_view(v)) {}  // NOLINT
  Param(const char* v) : value_(std::string_view(v)) {}         // NOLINT
  template <class T>
  Param(const std::optional<T>& v) {  // NOLINT
    if (v) *this = Param(*v);
  }

  using Value = std::variant<std::monostate, int64_t, double, bool, std::string_view>;
  const Value& value() const { return value_; }

 private:
  Value value_;
};

/// One result cell: NULL, integer, real or text.
using Cell = std::variant<std::monostate, int64_t, double, std::string>;

/// A row of a materialised result; getters convert between the backends'
/// representations (PostgreSQL answers text, SQLite typed values).
class Row {
 public:
  Row(const Cell* cells, size_t count) : cells_(cells), count_(count) {}
  bool IsNull(size_t i) const;
  int64_t Int(size_t i) const;
  double Real(size_t i) const;
  bool Bool(size_t i) const;
  std::string Text(size_t i) const;
  std::optional<std::string> OptText(size_t i) const;
  std::optional<int64_t> OptInt(size_t i) const;
  size_t size() const { return count_; }

 private:
  const Cell* cells_;
  size_t count_;
};

/// A whole query result.
class Rows {
 public:
  Rows() = default;
  Rows(size_t columns, std::vector<Cell> cells) : columns_(columns), cells_(std::move(cells)) {}
  size_t size() const { return columns_ == 0 ? 0 : cells_.size() / columns_; }
  bool empty() const { return size() == 0; }
  Row operator[](size_t i) const { return Row(cells_.data() + i * columns_, columns_); }
  Row front() const { return (*this)[0]; }

  class Iterator {
   public:
    Iterator(const Rows* rows, size_t i) : rows_(rows), i_(i) {}
    Row operator*() const { return (*rows_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return i_ != other.i_; }

   private:
    const Rows* rows_;
    size_t i_;
  };
  Iterator begin() const { return {this, 0}; }
  Iterator end() const { return {this, size()}; }

 private:
  size_t columns_ = 0;
  std::vector<Cell> cells_;
};

/// A connection inside a unit of work. SQL uses `?` placeholders on both
/// backends; statements are prepared once per connection and cached.
/// Errors are database-neutral: a unique or foreign-key violation is
/// kConflict (detail names the constraint), anything else kInternal.
class Conn {
 public:
  virtual ~Conn() = default;
  virtual Backend backend() const = 0;
  virtual Result<Rows> Query(std::string_view sql, std::span<const Param> params) = 0;
  /// Runs a statement; answers the number of rows changed.
  virtual Result<int64_t> Exec(std::string_view sql, std::span<const Param> params) = 0;
  /// Runs several `;`-separated statements without parameters (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;

  template <class... P>
  Result<Rows> Query(std::string_view sql, const P&... params) {
    const std::array<Param, sizeof...(P)> list{Param(params)...};
    return Query(sql, std::span<const Param>(list));
  }
  template <class... P>
  Result<int64_t> Exec(std::string_view sql, const P&... params) {
    const std::array<Param, sizeof...(P)> list{Param(params)...};
    return Exec(sql, std::span<const Param>(list));
  }

  /// Runs `fn` once the surrounding write unit has committed (never when it
  /// rolls back). Used to publish events only after they are durable.
  void AfterCommit(std::function<void()> fn) { after_commit_.push_back(std::move(fn)); }
  /// REQUIRES: called by the backend only.
  std::vector<std::function<void()>> TakeAfterCommit() { return std::move(after_commit_); }
  void ClearAfterCommit() { after_commit_.clear(); }

 private:
  std::vector<std::function<void()>> after_commit_;
};

using Unit = std::function<Status(Conn&)>;

/// The database: blocking calls, made from worker threads, never from
/// network threads.
class Database {
 public:
  virtual ~Database() = default;
  virtual Backend backend() const = 0;

  /// Runs `fn` on a read connection (statements see committed data).
  /// Inside a NoBlockingScope: WouldBlockError() without running it.
  Status Read(const Unit& fn) {
    if (RefuseBlocking()) return WouldBlockError();
    return DoRead(fn);
  }
  /// Runs `fn` as one atomic, durable write unit and returns after commit.
  /// An error from `fn` rolls back this unit only. Inside a NoBlockingScope:
  /// WouldBlockError() without running it.
  ///
  /// `fn` may run more than once before it commits (PostgreSQL retries a
  /// serialization failure; SQLite runs a group-commit batch again when one
  /// of its units fails after writing): it acts only through the connection
  /// and AfterCommit, and each run starts from the same inputs (it does not
  /// move out of what it captured).
  Status Write(const Unit& fn) {
    if (RefuseBlocking()) return WouldBlockError();
    return DoWrite(fn);
  }
  /// Like Write without blocking; `done` runs after commit on a database
  /// thread and must not block.
  virtual void WriteAsync(Unit fn, std::function<void(Status)> done) = 0;
  /// Checks the database answers (WouldBlockError() in a NoBlockingScope).
  Status Ping() {
    if (RefuseBlocking()) return WouldBlockError();
    return DoPing();
  }
  /// Stops background threads; later calls fail.
  virtual void Close() = 0;

  /// Adds `step` to every write transaction: it runs after the transaction's
  /// units (SQLite: once per group-commit batch, outside the units'
  /// savepoints; PostgreSQL: once per Write), just before COMMIT, and its
  /// error rolls the whole transaction back. For work that is cheaper once
  /// per transaction than once per unit (the task search index).
  void AddCommitStep(Unit step) {
    std::lock_guard lock(commit_steps_mutex_);
    auto next = std::make_shared<std::vector<Unit>>(*commit_steps_);
    next->push_back(std::move(step));
    commit_steps_ = std::move(next);
  }

  /// Read returning a value.
  template <class T, class F>
  Result<T> ReadValue(F&& fn) {
    std::optional<T> out;
    Status status = Read([&](Conn& c) -> Status {
      Result<T> r = fn(c);
      if (!r) return std::move(r).error();
      out.emplace(std::move(r).value());
      return {};
    });
    if (!status) return std::move(status).error();
    return std::move(*out);
  }
  /// Write returning a value.
  template <class T, class F>
  Result<T> WriteValue(F&& fn) {
    std::optional<T> out;
    Status status = Write([&](Conn& c) -> Status {
      Result<T> r = fn(c);
      if (!r) return std::move(r).error();
      out.emplace(std::move(r).value());
      return {};
    });
    if (!status) return std::move(status).error();
    return std::move(*out);
  }

  /// WriteAsync returning a value: `done` gets `fn`'s value, or the error,
  /// after commit on a database thread (and must not block).
  template <class T, class F>
  void WriteValueAsync(F fn, std::function<void(Result<T>)> done) {
    auto out = std::make_shared<std::optional<T>>();
    WriteAsync(
        [fn = std::move(fn), out](Conn& c) -> Status {
          Result<T> r = fn(c);
          if (!r) return std::move(r).error();
          out->emplace(std::move(r).value());
          return {};
        },
        [out, done = std::move(done)](Status s) {
          if (!s) return done(std::move(s).error());
          done(std::move(**out));
        });
  }

 protected:
  virtual Status DoRead(const Unit& fn) = 0;
  virtual Status DoWrite(const Unit& fn) = 0;
  virtual Status DoPing() = 0;

  /// The steps of AddCommitStep, for the backends.
  std::shared_ptr<const std::vector<Unit>> CommitSteps() const {
    std::lock_guard lock(commit_steps_mutex_);
    return commit_steps_;
  }

 private:
  mutable std::mutex commit_steps_mutex_;
  std::shared_ptr<const std::vector<Unit>> commit_steps_ =
      std::make_shared<const std::vector<Unit>>();
};

struct Options {
  int pool_size = 16;
  bool synchronous_full = true;
  /// SQLite: WAL frames committed since the last checkpoint began that
  /// start the next one, and the WAL's length past which the writer waits
  /// for a checkpoint so that the WAL can restart (Checkpointer).
  int64_t checkpoint_frames = 1000;
  int64_t max_wal_frames = 16384;
};

/// Opens `sqlite:PATH` or `postgres://…` (creating the SQLite file and its
/// folder when missing).
Result<std::unique_ptr<Database>> Open(const std::string& url, const Options& options);

}  // namespace ws::db
