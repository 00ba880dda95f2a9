// Writes numbered rows through the database layer as fast as it can from
// many threads and prints each id once its write is acknowledged (after the
// commit). The durability test SIGKILLs it and checks every printed id is
// in the database.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "db/database.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: durability_writer DATABASE_URL\n");
    return 2;
  }
  auto db = ws::db::Open(argv[1], {16, true});
  if (!db) {
    std::fprintf(stderr, "open failed: %s\n", db.error().detail.c_str());
    return 1;
  }
  ws::Status created = (*db)->Write([](ws::db::Conn& c) -> ws::Status {
    return c.ExecScript(
        "CREATE TABLE IF NOT EXISTS durability_probe (id BIGINT PRIMARY KEY, payload TEXT NOT "
        "NULL)");
  });
  if (!created) return 1;
  std::printf("ready\n");
  std::fflush(stdout);
  std::atomic<int64_t> next{1};
  std::mutex out;
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&] {
      for (;;) {
        const int64_t id = next++;
        ws::Status s = (*db)->Write([id](ws::db::Conn& c) -> ws::Status {
          auto r = c.Exec("INSERT INTO durability_probe (id, payload) VALUES (?, ?)", id,
                          std::string(200, 'x'));
          return r ? ws::Status{} : ws::Status(std::move(r).error());
        });
        if (!s) continue;
        std::lock_guard lock(out);
        std::printf("%lld\n", static_cast<long long>(id));
        std::fflush(stdout);
      }
    });
  }
  for (auto& t : threads) t.join();
}
