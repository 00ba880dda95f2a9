// workstead-bench-db: durable write units per second through the database
// layer (SQLite, WAL fsynced before every answer, group commit). Keeps many units in flight
// with WriteAsync, like many concurrent requests would.
//
//   workstead-bench-db --data-dir DIR [--seconds N] [--in-flight N]
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>

#include "bus/bus.hpp"
#include "core/ids.hpp"
#include "db/database.hpp"
#include "db/migrate.hpp"

int main(int argc, char** argv) {
  std::string dir;
  double seconds = 5;
  int in_flight = 256;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--data-dir") == 0) dir = argv[i + 1];
    if (std::strcmp(argv[i], "--seconds") == 0) seconds = std::atof(argv[i + 1]);
    if (std::strcmp(argv[i], "--in-flight") == 0) in_flight = std::atoi(argv[i + 1]);
  }
  if (dir.empty() || seconds <= 0 || in_flight <= 0) {
    std::fprintf(stderr,
                 "usage: workstead-bench-db --data-dir DIR [--seconds N] [--in-flight N]\n");
    return 2;
  }
  auto db = ws::db::Open("sqlite:" + dir + "/bench.db", {4, true});
  if (!db || !ws::db::ApplyMigrations(**db)) {
    std::fprintf(stderr, "cannot open or migrate the database\n");
    return 1;
  }
  ws::bus::MemoryBus bus;
  // A realistic unit: one row plus its event, as a task creation writes.
  ws::Status created = (*db)->Write([](ws::db::Conn& c) {
    return c.ExecScript(
        "CREATE TABLE bench_items (id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL, title TEXT "
        "NOT NULL, created_at BIGINT NOT NULL)");
  });
  if (!created) return 1;

  std::mutex mutex;
  std::condition_variable cv;
  int pending = 0;
  std::atomic<int64_t> done{0}, failed{0};
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    {
      std::unique_lock lock(mutex);
      cv.wait(lock, [&] { return pending < in_flight; });
      ++pending;
    }
    (*db)->WriteAsync(
        [&bus](ws::db::Conn& c) -> ws::Status {
          const std::string id = ws::NewId();
          WS_TRY(
              c.Exec("INSERT INTO bench_items (id, workspace_id, title, created_at) VALUES "
                     "(?, ?, ?, ?)",
                     id, "bench-ws", "A task title of typical length", int64_t{0}));
          WS_TRY(
              ws::bus::Append(c, bus, {"bench-ws", 0, "task.created", "u", "task", id, "{}", 0}));
          return {};
        },
        [&](ws::Status s) {
          (s ? done : failed)++;
          std::lock_guard lock(mutex);
          --pending;
          cv.notify_one();
        });
  }
  {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return pending == 0; });
  }
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  (*db)->Close();
  std::printf("{\"units\":%lld,\"failed\":%lld,\"seconds\":%.2f,\"units_per_sec\":%.1f}\n",
              static_cast<long long>(done.load()), static_cast<long long>(failed.load()), elapsed,
              double(done.load()) / elapsed);
  return failed.load() == 0 ? 0 : 1;
}
