#include "modules/auth/passwords.hpp"

#include <sodium.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "core/blocking.hpp"
#include "core/crypto.hpp"
#include "core/json_input.hpp"

namespace ws::auth {

extern const std::span<const std::string_view> kCommonPasswords;

namespace {

constexpr unsigned long long kOpsLimit = 2;             // t = 2
constexpr size_t kMemLimit = size_t{19} * 1024 * 1024;  // m = 19 MiB (19456 KiB), p = 1

/// Runs argon2 computations (each takes 19 MiB and a core for tens of
/// milliseconds) on threads of their own, at most max(1, cores - 1) at once
/// and at a lower CPU priority than request handling (nice +10), so a burst
/// of logins slows logins, not every other request. At most `max_waiting`
/// jobs queue; beyond that a request is told to retry instead of holding a
/// worker thread. The threads start on first use.
class HashPool {
 public:
  HashPool() : size_(std::max(1, int(std::thread::hardware_concurrency()) - 1)) {}
  ~HashPool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& thread : threads_) thread.join();
  }
  HashPool(const HashPool&) = delete;
  HashPool& operator=(const HashPool&) = delete;

  void SetMaxWaiting(int max_waiting) {
    std::lock_guard lock(mutex_);
    max_waiting_ = std::max(1, max_waiting);
  }

  /// Runs `job` on a hashing thread and waits for it; false (without
  /// running it) when the queue is full.
  bool Run(const std::function<void()>& job) {
    if (RefuseBlocking()) return false;
    std::packaged_task<void()> task(job);
    std::future<void> done = task.get_future();
    {
      std::lock_guard lock(mutex_);
      if (idle_ == 0 && int(queue_.size()) >= max_waiting_) return false;
      if (idle_ == 0 && int(threads_.size()) < size_) threads_.emplace_back([this] { Loop(); });
      queue_.push_back(std::move(task));
    }
    cv_.notify_one();
    done.get();
    return true;
  }

 private:
  void Loop() {
    // Linux applies a thread id's nice value to that thread only.
    (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), kNice);
    std::unique_lock lock(mutex_);
    for (;;) {
      ++idle_;
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      --idle_;
      if (queue_.empty()) return;  // stopping
      std::packaged_task<void()> task = std::move(queue_.front());
      queue_.pop_front();
      lock.unlock();
      task();
      lock.lock();
    }
  }

  static constexpr int kNice = 10;
  const int size_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::packaged_task<void()>> queue_;  // GUARDED_BY(mutex_)
  std::vector<std::thread> threads_;              // GUARDED_BY(mutex_)
  int idle_ = 0;                                  // GUARDED_BY(mutex_)
  int max_waiting_ = 16;                          // GUARDED_BY(mutex_)
  bool stopping_ = false;                         // GUARDED_BY(mutex_)
};

HashPool& Pool() {
  static HashPool pool;
  return pool;
}

AppError Busy() {
  AppError e = AppError::Unavailable("too many password hashes waiting");
  e.message = "the server is busy; try again in a moment";
  e.retry_after_seconds = 1;
  return e;
}

bool EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

/// `bounded`: take a hashing slot first (every request); the dummy hash is
/// made once without one so that a busy moment cannot spoil it.
Result<std::string> HashNow(std::string_view password, bool bounded) {
  if (!EnsureSodium()) return AppError::Internal("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  int rc = -1;
  const auto hash = [&] {
    rc = crypto_pwhash_str(out, password.data(), password.size(), kOpsLimit, kMemLimit);
  };
  if (!bounded) {
    hash();
  } else if (!Pool().Run(hash)) {
    return Busy();
  }
  if (rc != 0) return AppError::Internal("argon2id hashing failed (out of memory)");
  return std::string(out);
}

}  // namespace

/// A hash of a random, forgotten password with today's parameters: a login
/// for an unknown email verifies against it, so it costs what a real one
/// does. A constant, so start-up never spends 19 MiB and 30 ms making one;
/// passwords_test.cpp fails if the parameters change without it.
const std::string& DummyHash() {
  static const std::string hash =
      "$argon2id$v=19$m=19456,t=2,p=1$K/nkVmT5Ba6jn7NvArFt8A$"
      "BugP8epmM7wTF6VBtjeT+Tx1IMLiCC5jPYrP5FmZjl0";
  return hash;
}

bool IsCommonPassword(std::string_view password) {
  std::string lower(password);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
    return c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c);
  });
  return std::binary_search(kCommonPasswords.begin(), kCommonPasswords.end(),
                            std::string_view(lower));
}

std::string PasswordProblem(std::string_view password) {
  size_t length = 0;
  if (!Utf8Length(password, length)) return "must be valid UTF-8";
  if (password.find('\0') != password.npos) return "must not contain NUL characters";
  if (length < kPasswordMin) return "must be at least 8 characters";
  if (length > kPasswordMax) return "must be at most 256 characters";
  if (IsCommonPassword(password)) return "is too common; choose a less guessable password";
  return "";
}

Result<std::string> HashPassword(std::string_view password) { return HashNow(password, true); }

Result<bool> VerifyPassword(std::string_view hash, std::string_view password) {
  if (!EnsureSodium()) return AppError::Internal("libsodium failed to initialise");
  const bool usable = !hash.empty() && hash.size() < crypto_pwhash_STRBYTES &&
                      hash.starts_with(crypto_pwhash_argon2id_STRPREFIX);
  const std::string stored(usable ? hash : std::string_view(DummyHash()));
  if (stored.empty()) return AppError::Internal("no dummy password hash");
  int rc = -1;
  if (!Pool().Run([&] {
        rc = crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size());
      })) {
    return Busy();
  }
  return usable && rc == 0;
}

void SetPasswordHashQueueLimit(int max_waiting) { Pool().SetMaxWaiting(max_waiting); }

bool PasswordNeedsRehash(std::string_view hash) {
  if (!EnsureSodium() || hash.empty()) return false;
  const std::string stored(hash);
  return crypto_pwhash_str_needs_rehash(stored.c_str(), kOpsLimit, kMemLimit) != 0;
}

}  // namespace ws::auth
