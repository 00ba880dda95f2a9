#include "core/log.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "core/clock.hpp"

namespace ws::log {

namespace {

std::atomic<Level> g_level{Level::kInfo};
std::mutex g_mutex;
FILE* g_file = nullptr;  // GUARDED_BY(g_mutex); nullptr means stderr
// Info and debug lines not written yet (docs/operations.md "Logs"): one
// write per request cost a third of a simple route's throughput.
std::string g_pending;  // GUARDED_BY(g_mutex)
// Set once the flusher is gone (static destruction): lines go out at once.
std::atomic<bool> g_direct{false};

constexpr size_t kFlushBytes = size_t{64} << 10;
constexpr auto kFlushEvery = std::chrono::milliseconds(100);

// REQUIRES: g_mutex
void WriteOut(std::string_view data) {
  if (data.empty()) return;
  FILE* out = g_file != nullptr ? g_file : stderr;
  std::fwrite(data.data(), 1, data.size(), out);
  std::fflush(out);
}

// REQUIRES: g_mutex
void FlushLocked() {
  WriteOut(g_pending);
  g_pending.clear();
}

/// Writes the pending lines every kFlushEvery; started by the first
/// buffered line, stopped (with a last flush) at static destruction.
class Flusher {
 public:
  Flusher() = default;
  Flusher(const Flusher&) = delete;
  Flusher& operator=(const Flusher&) = delete;
  ~Flusher() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    g_direct = true;
    std::lock_guard lock(g_mutex);
    FlushLocked();
  }

  void Start() {
    std::call_once(started_, [this] { thread_ = std::thread([this] { Run(); }); });
  }

 private:
  void Run() {
    std::unique_lock lock(mutex_);
    while (!stop_) {
      cv_.wait_for(lock, kFlushEvery, [this] { return stop_; });
      lock.unlock();
      {
        std::lock_guard out(g_mutex);
        FlushLocked();
      }
      lock.lock();
    }
  }

  std::once_flag started_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_ = false;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

// After the state above, so it is destroyed first.
Flusher g_flusher;

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

}  // namespace

bool ParseLevel(std::string_view text, Level& out) {
  for (Level l : {Level::kDebug, Level::kInfo, Level::kWarn, Level::kError}) {
    if (text == LevelName(l)) {
      out = l;
      return true;
    }
  }
  return false;
}

void SetLevel(Level level) { g_level = level; }

bool SetFile(const std::string& path) {
  FILE* file = nullptr;
  if (!path.empty()) {
    file = std::fopen(path.c_str(), "ae");
    if (file == nullptr) return false;
  }
  std::lock_guard lock(g_mutex);
  FlushLocked();  // pending lines belong to the old destination
  if (g_file != nullptr) std::fclose(g_file);
  g_file = file;
  return true;
}

bool Enabled(Level level) { return level >= g_level.load(std::memory_order_relaxed); }

void AppendJsonEscaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xf]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
}

void Write(Level level, std::string_view msg, std::initializer_list<Field> fields) {
  if (!Enabled(level)) return;
  std::string line;
  line.reserve(160);
  line += "{\"ts\":\"";
  line += FormatTimestamp(NowMillis());
  line += "\",\"level\":\"";
  line += LevelName(level);
  line += "\",\"msg\":\"";
  AppendJsonEscaped(line, msg);
  line += '"';
  for (const Field& f : fields) {
    line += ",\"";
    AppendJsonEscaped(line, f.key);
    line += "\":";
    if (auto* s = std::get_if<std::string_view>(&f.value)) {
      line += '"';
      AppendJsonEscaped(line, *s);
      line += '"';
    } else if (auto* i = std::get_if<int64_t>(&f.value)) {
      line += std::to_string(*i);
    } else if (auto* d = std::get_if<double>(&f.value)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.3f", *d);
      line += buf;
    } else {
      line += std::get<bool>(f.value) ? "true" : "false";
    }
  }
  line += "}\n";
  // Warnings and errors go out at once, after what was pending (in order);
  // info and debug lines within kFlushEvery or kFlushBytes.
  const bool now = level >= Level::kWarn || g_direct.load(std::memory_order_relaxed);
  if (!now) g_flusher.Start();
  std::lock_guard lock(g_mutex);
  if (now) {
    g_pending += line;
    FlushLocked();
    return;
  }
  g_pending += line;
  if (g_pending.size() >= kFlushBytes) FlushLocked();
}

void Flush() {
  std::lock_guard lock(g_mutex);
  FlushLocked();
}

}  // namespace ws::log
